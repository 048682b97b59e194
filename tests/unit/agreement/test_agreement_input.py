"""Input hygiene of the agreement readers: bounded reads, no devices, one line per failure."""

import http.server
import logging
import os
import threading

import pytest
from agreement_pdfs import sample_agreement, sample_pages

from beloftemeter.config import Settings
from beloftemeter.errors import InputError
from beloftemeter.sources.agreement_download import download_agreement
from beloftemeter.sources.agreement_layout import read_bytes
from beloftemeter.sources.agreement_pdf import parse_agreement
from beloftemeter.sources.capped_file import DEFAULT_MAX_PDF_BYTES, megabytes, read_capped
from support.pdf_pages import make_pdf


def test_the_default_limit_is_the_settings_default():
    assert DEFAULT_MAX_PDF_BYTES == megabytes(Settings().max_pdf_mb) == 50 * 1024 * 1024


def test_a_device_is_refused_before_it_is_read():
    with pytest.raises(InputError, match=r"^Dit is geen gewoon bestand .*: /dev/zero$"):
        read_bytes("/dev/zero")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="geen named pipes op dit systeem")
def test_a_pipe_nobody_writes_to_is_refused_without_hanging(tmp_path):
    pipe = tmp_path / "pijp.pdf"
    os.mkfifo(pipe)
    with pytest.raises(InputError, match="geen gewoon bestand"):
        parse_agreement(pipe)


def test_a_file_over_the_limit_is_refused_naming_limit_and_file(tmp_path):
    path = tmp_path / "groot.pdf"
    path.write_bytes(sample_agreement())
    limit = 1000
    with pytest.raises(InputError, match=r"te groot .*grens is .*max_pdf_mb\): .*groot\.pdf$"):
        parse_agreement(path, max_bytes=limit)
    assert parse_agreement(path, max_bytes=path.stat().st_size).page_count == 6


def test_bytes_over_the_limit_are_refused_under_their_name():
    with pytest.raises(InputError, match=r"te groot.*: akkoord\.pdf$"):
        parse_agreement(sample_agreement(), name="akkoord.pdf", max_bytes=100)


def test_no_more_than_the_limit_plus_one_byte_is_read(tmp_path, monkeypatch):
    """A file that grows after it was measured is still read no further than the limit."""
    path = tmp_path / "groeit.pdf"
    path.write_bytes(b"x" * 10)
    real_fstat = os.fstat

    def small_fstat(fd):  # the size as it was before the file grew
        status = real_fstat(fd)
        return os.stat_result((*status[:6], 5, *status[7:]))

    monkeypatch.setattr(os, "fstat", small_fstat)
    asked = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: asked.append(n) or real_read(fd, n))
    with pytest.raises(InputError, match="te groot"):
        read_capped(path, 8, "map")
    assert sum(asked) <= 9


def test_a_directory_is_named_as_such(tmp_path):
    with pytest.raises(InputError, match=r"^Dit is een map, geen PDF-bestand: "):
        read_bytes(tmp_path)


def test_a_pdf_cut_short_after_its_contents_fails_with_its_error_alone(caplog):
    partial = make_pdf(sample_pages()[:2])  # cover and table of contents only
    with (
        caplog.at_level(logging.DEBUG, logger="beloftemeter"),
        pytest.raises(InputError, match=r"Geen enkele titel.*onvolledig.*: deel\.pdf$"),
    ):
        parse_agreement(partial, name="deel.pdf")
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert any("kop niet gevonden" in r.getMessage() for r in caplog.records)  # at debug


def test_headings_missing_from_a_pdf_that_parses_are_summed_up_in_one_warning(caplog):
    partial = make_pdf(sample_pages()[:4])  # the second part is missing
    with caplog.at_level(logging.WARNING, logger="beloftemeter"):
        agreement = parse_agreement(partial, name="deel.pdf")
    nodes = {n.key: n for n in agreement.nodes}
    assert nodes["onderwijs/1.2.1"].text and nodes["welzijn/1.1"].text == ""
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert warnings[0].startswith("3 van de 8 titels uit de inhoudstafel niet gevonden")
    assert "DEEL TWEE (p. 5)" in warnings[0]


class _Endless(http.server.BaseHTTPRequestHandler):
    """Answers a PDF header and then zeros without end, with or without announcing a length."""

    sent = 0

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        if self.path == "/lang":
            self.send_header("Content-Length", str(10**12))
        self.end_headers()
        self.wfile.write(b"%PDF-1.4\n")
        try:
            while type(self).sent < 10**9:  # stops when the client hangs up
                self.wfile.write(b"\0" * 65536)
                type(self).sent += 65536
        except OSError:
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def endless():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Endless)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Endless.sent = 0
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_download_announcing_too_many_bytes_is_refused_before_reading(endless):
    with pytest.raises(InputError, match=r"^De download is te groot .*: http://.*/lang$"):
        download_agreement(endless + "/lang", max_bytes=1024 * 1024)


def test_a_download_without_length_is_cut_off_at_the_limit(endless):
    with pytest.raises(InputError, match=r"^De download is te groot \(meer dan 1 MB"):
        download_agreement(endless + "/stroom", max_bytes=1024 * 1024)
    assert _Endless.sent < 64 * 1024 * 1024  # the client stopped long before the server would
