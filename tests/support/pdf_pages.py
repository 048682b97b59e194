"""PDFs written by code for the agreement tests: Helvetica text at given positions, page
furniture (running headers, page numbers) and columns, in the conventions of the real
agreement. Used by tests/unit/agreement/agreement_pdfs.py and support.second_agreement."""

from __future__ import annotations

A4 = (595.0, 842.0)

# (x, y, size, text) per line; y from the bottom of the page.
Page = list[tuple[float, float, float, str]]


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def make_pdf(pages: list[Page], encrypt: bool = False) -> bytes:
    """A valid PDF with Helvetica text at the given positions (WinAnsi encoding)."""
    objects: list[bytes] = []
    kids = []
    font_id = 3
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"")  # pages, filled in below
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    for page in pages:
        stream = b"".join(
            b"BT /F1 %.1f Tf %.1f %.1f Td (" % (size, x, y) + _escape(text) + b") Tj ET\n"
            for x, y, size, text in page
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R"
            b" /Resources << /Font << /F1 %d 0 R >> >> >>"
            % (int(A4[0]), int(A4[1]), content_id, font_id)
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    encrypt_ref = b""
    if encrypt:
        objects.append(
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44"
            b" /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>"
        )
        encrypt_ref = b" /Encrypt %d 0 R /ID [<00112233445566778899aabbccddeeff>"\
            b" <00112233445566778899aabbccddeeff>]" % len(objects)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        encrypt_ref,
        xref,
    )
    return bytes(out)


def page_furniture(number: int, header: str = "") -> Page:
    """A page number in the bottom margin and, when given, a running header in the top one."""
    lines: Page = [(540.0, 38.0, 8.0, str(number))]
    if header:
        lines.append((420.0, 805.0, 8.0, header))
    return lines


def column(x: float, top: float, lines: list[str], size: float = 10.0) -> Page:
    """Lines of one column; an empty string leaves a paragraph gap."""
    result: Page = []
    y = top
    for text in lines:
        if text:
            result.append((x, y, size, text))
            y -= 13.0
        else:
            y -= 13.0
    return result
