"""One way to run the `beloftemeter` command in tests: in process, through `cli.main()` (the
path that turns every error into one `fout:` line and an exit code), with its own argv,
working folder, environment and captured output. `run_process` starts a fresh Python instead,
for the tests where the process boundary is the point (interrupts, hash seeds)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from beloftemeter.cli import main


@dataclass(frozen=True)
class Result:
    """What a run left: the exit code and both streams (named as subprocess names them)."""

    returncode: int
    stdout: str
    stderr: str


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    return code if isinstance(code, int) else 1


def run(*args: object, cwd: str | Path | None = None,
        env: Mapping[str, str | None] | None = None) -> Result:
    """`beloftemeter ARGS...` in this process; `env` adds (or with None removes) variables."""
    runner = CliRunner()
    argv, folder = sys.argv, os.getcwd()
    with runner.isolation(env={"COLUMNS": "200", **(env or {})}) as (out, err, _):
        sys.argv = ["beloftemeter", *(str(a) for a in args)]
        code = 0
        try:
            if cwd is not None:
                os.chdir(cwd)
            main()
        except SystemExit as exc:
            code = _exit_code(exc.code)
        finally:
            sys.argv = argv
            os.chdir(folder)
            sys.stdout.flush()
            sys.stderr.flush()
        return Result(code, out.getvalue().decode("utf-8"),
                      err.getvalue().decode("utf-8", "backslashreplace"))


def run_process(*args: object, cwd: str | Path | None = None,
                env: Mapping[str, str] | None = None, timeout: float = 600) -> Result:
    """`beloftemeter ARGS...` in a fresh Python process; `env` adds variables."""
    done = subprocess.run(
        [sys.executable, "-c", "from beloftemeter.cli import main; main()",
         *(str(a) for a in args)],
        capture_output=True, text=True, cwd=cwd, env={**os.environ, **(env or {})},
        timeout=timeout,
    )
    return Result(done.returncode, done.stdout, done.stderr)
