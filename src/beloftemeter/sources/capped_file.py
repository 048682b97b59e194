"""Reading a whole input file without ever holding more than a set number of bytes.

A path that is not a regular file (a device such as /dev/zero, a pipe, a socket) is refused
before anything is read, and a file is read up to the limit plus one byte only, so a file
larger than the limit, or one that grows while it is read, is refused without filling memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from beloftemeter.config import Settings
from beloftemeter.errors import InputError

MEGABYTE = 1024 * 1024


def megabytes(mb: float) -> int:
    """A limit in MB (as the settings give it) in bytes."""
    return int(mb * MEGABYTE)


# For callers that pass no limit: the default of the setting max_pdf_mb.
DEFAULT_MAX_PDF_BYTES = megabytes(Settings().max_pdf_mb)


def too_large(
    name: str, max_bytes: int, size: int | None = None, what: str = "Het bestand"
) -> InputError:
    """The error for an input over the limit (`size` when known, else "more than")."""
    limit = f"{max_bytes / MEGABYTE:g} MB"
    found = f"{size / MEGABYTE:.1f} MB" if size is not None else f"meer dan {limit}"
    return InputError(
        f"{what} is te groot ({found}; de grens is {limit}, instelling max_pdf_mb): {name}"
    )


def check_size(size: int, max_bytes: int, name: str, what: str = "Het bestand") -> None:
    """Raises InputError when `size` bytes exceed the limit."""
    if size > max_bytes:
        raise too_large(name, max_bytes, size, what)


def read_capped(path: str | Path, max_bytes: int, directory_message: str) -> bytes:
    """The bytes of the regular file at `path`, at most `max_bytes` of them.

    Raises InputError (Dutch, one line) for a missing file, a directory (`directory_message`,
    followed by the path), anything else that is not a regular file, a file over the limit or
    one that cannot be read."""
    path = Path(path)
    try:
        # Non-blocking, so that opening a pipe nobody writes to does not hang; fstat then
        # tells a regular file from a device, pipe or directory before a byte is read.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError as exc:
        raise InputError(f"Bestand niet gevonden: {path}") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{directory_message}: {path}") from exc
    except OSError as exc:
        raise InputError(f"Kan het bestand niet lezen: {path} ({exc.strerror})") from exc
    try:
        status = os.fstat(fd)
        if stat.S_ISDIR(status.st_mode):
            raise InputError(f"{directory_message}: {path}")
        if not stat.S_ISREG(status.st_mode):
            raise InputError(f"Dit is geen gewoon bestand (een apparaat of pijp?): {path}")
        check_size(status.st_size, max_bytes, str(path))
        data = _read_at_most(fd, max_bytes + 1)
    except OSError as exc:
        raise InputError(f"Kan het bestand niet lezen: {path} ({exc.strerror})") from exc
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # the file grew after it was measured
        raise too_large(str(path), max_bytes)
    return data


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    remaining = limit
    while remaining > 0:
        chunk = os.read(fd, min(remaining, MEGABYTE))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
