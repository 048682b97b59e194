"""Decisions: import of the shared dump and sync from the local API stand-in.

    .venv/bin/python -m bench.decisions [--herhalingen N]

Each measurement runs in a fresh Python process (so peak RSS is its own): the import of
`decisions-vr-2019-2024.jsonl` into a new SQLite store, a clean sync of the same decisions
from `tests/support/decisions_server.py` (started as a separate process, no rate limit), and
a sync through injected faults (HTTP 500, timeouts, truncated JSON). Prints the figures quoted
in docs/metingen.md (section "Beslissingen").
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("BELOFTEMETER_SHARED_DATA", ROOT.parent / "shared" / "data"))
DUMP = SHARED_DATA / "decisions-vr-2019-2024.jsonl"
FIRST, LAST = date(2019, 10, 1), date(2024, 1, 31)
FAULTS = "2:500,5:traag,9:afgekapt,14:onvolledig,15:verbroken,21:503,30:traag,41:afgekapt"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def _phase_import(store_path: Path) -> dict:
    from beloftemeter.pipeline.dump_import import import_dump
    from beloftemeter.store import open_store

    with open_store(f"sqlite:///{store_path}") as store:
        before = _rss_mb()
        started = time.perf_counter()
        result = import_dump(store, DUMP)
        seconds = time.perf_counter() - started
        after = _rss_mb()
    with open_store(f"sqlite:///{store_path}.2") as store:  # untimed: tracemalloc slows Python
        tracemalloc.start()
        import_dump(store, DUMP)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return {
        "beslissingen": result.read,
        "seconden": seconds,
        "per_seconde": result.read / seconds,
        "piek_python_mb": peak / 2**20,
        "piek_rss_mb": after,
        "rss_groei_mb": after - before,
    }


def _phase_sync(store_path: Path, url: str, faults: bool) -> dict:
    from beloftemeter.pipeline.sync_windows import plan_sync, sync_decisions
    from beloftemeter.sources.decisions_api import DecisionsApiClient
    from beloftemeter.store import open_store

    with open_store(f"sqlite:///{store_path}") as store:
        plan = plan_sync(store, since=FIRST, until=LAST, default_since=FIRST)
        client = DecisionsApiClient(
            url, timeout=1.0, retries=5, requests_per_second=0, backoff_seconds=0.05
        )
        before = _rss_mb()
        started = time.perf_counter()
        result = sync_decisions(store, client, plan)
        seconds = time.perf_counter() - started
        requests = client.requests_sent
        client.close()
    total = result.counts.total
    return {
        "beslissingen": total,
        "paginas": result.pages,
        "verzoeken": requests,
        "seconden": seconds,
        "per_seconde": total / seconds,
        "piek_rss_mb": _rss_mb(),
        "rss_groei_mb": _rss_mb() - before,
        "fouten_ingespoten": faults,
    }


def _run_phase(*args: str) -> dict:
    output = subprocess.run(
        [sys.executable, "-m", "bench.decisions", "--fase", *args],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _start_server(faults: str = "") -> tuple[subprocess.Popen, str]:
    command = [sys.executable, "-m", "tests.support.decisions_server", "--data", str(DUMP),
               "--poort", "0"]
    if faults:
        command += ["--fouten", faults, "--traag", "2"]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    line = server.stdout.readline()  # "beslissingen-API op http://127.0.0.1:PORT/news-items/search"
    return server, line.split(" op ", 1)[1].strip().removesuffix("/news-items/search")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fase", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--herhalingen", type=int, default=3)
    args = parser.parse_args()
    if args.fase:
        kind, path, *rest = args.fase
        if kind == "import":
            print(json.dumps(_phase_import(Path(path))))
        else:
            print(json.dumps(_phase_sync(Path(path), rest[0], kind == "sync-fouten")))
        return
    if not DUMP.is_file():
        sys.exit(f"dump ontbreekt: {DUMP}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cpu's, Python"
          f" {platform.python_version()}, {platform.system()} {platform.release()}")
    print(f"dump: {DUMP}")
    with tempfile.TemporaryDirectory() as tmp:
        runs = [_run_phase("import", f"{tmp}/import{i}.db") for i in range(args.herhalingen)]
        best = min(runs, key=lambda r: r["seconden"])
        print(f"import: {best['beslissingen']} beslissingen in {best['seconden']:.2f} s"
              f" ({best['per_seconde']:.0f}/s; beste van {len(runs)}: "
              + ", ".join(f"{r['seconden']:.2f}" for r in runs)
              + f" s), piek Python-geheugen (tracemalloc) {best['piek_python_mb']:.1f} MB,"
              f" piek RSS {max(r['piek_rss_mb'] for r in runs):.0f} MB"
              f" (+{max(r['rss_groei_mb'] for r in runs):.0f} MB tijdens het inlezen)")
        server, url = _start_server()
        try:
            runs = [_run_phase("sync", f"{tmp}/sync{i}.db", url) for i in range(args.herhalingen)]
        finally:
            server.terminate()
            server.wait()
        best = min(runs, key=lambda r: r["seconden"])
        print(f"sync (lokale server, geen snelheidslimiet): {best['beslissingen']} beslissingen,"
              f" {best['paginas']} pagina's in {best['seconden']:.2f} s"
              f" ({best['per_seconde']:.0f} beslissingen/s), piek RSS"
              f" {max(r['piek_rss_mb'] for r in runs):.0f} MB"
              f" (+{max(r['rss_groei_mb'] for r in runs):.0f} MB tijdens de sync)")
        server, url = _start_server(FAULTS)
        try:
            faulty = _run_phase("sync-fouten", f"{tmp}/fouten.db", url)
        finally:
            server.terminate()
            server.wait()
        print(f"sync met {len(FAULTS.split(','))} ingespoten fouten ({FAULTS}):"
              f" {faulty['beslissingen']} beslissingen, {faulty['verzoeken']} verzoeken voor"
              f" {faulty['paginas']} pagina's, {faulty['seconden']:.2f} s"
              f" (time-out 1 s, wachten 0,05 s × 2^n)")


if __name__ == "__main__":
    main()
