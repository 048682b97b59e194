"""Policy documents as plain text: a text file as it is, a PDF through pypdfium2."""

from __future__ import annotations

from pathlib import Path

from beloftemeter.errors import InputError
from beloftemeter.sources.capped_file import DEFAULT_MAX_PDF_BYTES, read_capped


def read_policy_text(path: str | Path, max_bytes: int = DEFAULT_MAX_PDF_BYTES) -> str:
    """The document's text; a clear Dutch error when there is none to read. Neither a text
    file nor a PDF is read beyond `max_bytes` (setting max_pdf_mb)."""
    path = Path(path)
    data = read_capped(path, max_bytes, "Dit is een map, geen document")
    if not data.strip():
        raise InputError(f"Leeg bestand: {path}")
    if data[:5] == b"%PDF-":
        return _pdf_text(data, path)
    if b"\x00" in data[:4096]:
        raise InputError(f"Geen tekst of PDF: {path} (een binair bestand?)")
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") > max(20, len(text) // 50):
        raise InputError(f"Geen leesbare UTF-8-tekst: {path}")
    return text


def _pdf_text(data: bytes, path: Path) -> str:
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise InputError(f"Onleesbare PDF: {path} ({exc})") from None
    try:
        pages = []
        for page in pdf:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    text = "\n".join(pages).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"De PDF bevat geen tekst (een scan?): {path}")
    return text
