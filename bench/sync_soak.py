"""Kill-and-resume soak of `beloftemeter beslissingen sync`.

    .venv/bin/python -m bench.sync_soak --kills 20 [--seed 1] [--data PAD]

Serves the shared dump's decisions from the local stand-in of the API
(`tests/support/decisions_server.py`, on 127.0.0.1, in a thread of this process), syncs them
into a fresh temporary store with the real command in a subprocess, kills that process with
SIGKILL at a random moment `--kills` times, restarting it each time, and finally lets it run
to the end. One kill in five comes at a random time in the first second (start-up, first page);
the others when the store has reached a random number of decisions (spread so the kills cover
the whole sync) plus a random 0-80 ms, which lands inside fetching, converting or committing
a page. Then every decision must be in
the store exactly once, with the content hash of a clean conversion of what was served.
Prints how many were lost, duplicated, wrong or extra, the integrity check, and the timings;
exits 1 if anything is off. A benchmark, not a test: `tests/unit/decisions/test_sync_soak.py`
runs a tiny version (2 kills, 300 decisions).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from tests.support.decisions_server import DecisionsServer, load_records

from beloftemeter.pipeline.sync_windows import CURSOR_KEY, WATERMARK_KEY
from beloftemeter.sources.decisions_resource import decision_from_resource

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("BELOFTEMETER_SHARED_DATA", ROOT.parent / "shared" / "data"))
DUMP = SHARED_DATA / "decisions-vr-2019-2024.jsonl"


def _command(db: Path, first: date, last: date) -> list[str]:
    return [sys.executable, "-c", "from beloftemeter.cli import main; main()",
            "--opslag", f"sqlite:///{db}", "beslissingen", "sync",
            "--van", first.isoformat(), "--tot", last.isoformat(), "--json"]


def _rows(db: Path) -> list[tuple[str, str]]:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10) as conn:
            return conn.execute("SELECT id, content_hash FROM decisions").fetchall()
    except sqlite3.Error:  # not created yet
        return []


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10) as conn:
            return conn.execute("SELECT COUNT(*) FROM decisions").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def _run(command: list[str], env: dict[str, str], *, db: Path | None = None,
         after: float | None = None, target: int | None = None, jitter: float = 0.0) -> dict:
    """One run of the command, killed with SIGKILL if still busy `after` seconds from its
    start, or `jitter` seconds after the store at `db` holds `target` decisions."""
    started = time.monotonic()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    killed = False
    if after is not None or target is not None:
        while process.poll() is None:
            late = after is not None and time.monotonic() - started >= after
            if late or (target is not None and db is not None and _count(db) >= target):
                time.sleep(jitter)
                process.send_signal(signal.SIGKILL)
                killed = True
                break
            time.sleep(0.01)
    out, err = process.communicate()
    killed = killed and process.returncode == -signal.SIGKILL
    return {"killed": killed, "code": process.returncode, "stdout": out, "stderr": err,
            "seconds": time.monotonic() - started}


def soak(records: list[dict], *, kills: int, seed: int, first: date, last: date,
         delay: float = 0.02, workdir: Path) -> dict:
    """Run the soak; returns its figures (see `main` for what they mean)."""
    rng = random.Random(seed)
    with DecisionsServer(records, delay=delay) as server:
        expected = {r["id"]: decision_from_resource(r).content_hash
                    for r in server.state.resources}
        env = {**os.environ, "BELOFTEMETER_DECISIONS_API_URL": server.url,
               "BELOFTEMETER_REQUESTS_PER_SECOND": "1000", "BELOFTEMETER_HTTP_TIMEOUT": "5",
               "PYTHONPATH": str(ROOT / "src")}
        clean = _run(_command(workdir / "schoon.db", first, last), env)
        if clean.get("code") != 0:
            raise SystemExit(f"de sync zonder onderbreking faalde: {clean['stderr'].strip()}")
        db = workdir / "gedood.db"
        started, runs = time.monotonic(), []
        for done in range(kills):
            stored, left = _count(db), kills - done
            step = max(1, 2 * (len(expected) - stored) // (left + 1))
            if rng.random() < 0.2:
                run = _run(_command(db, first, last), env, after=rng.uniform(0.05, 1.0))
            else:
                run = _run(_command(db, first, last), env, db=db,
                           target=stored + rng.randint(1, step), jitter=rng.uniform(0, 0.08))
            run["stored"] = _count(db)
            runs.append(run)
            if not run["killed"] and run["code"] != 0:
                raise SystemExit(f"een run faalde: {run['stderr'].strip()}")
        final = _run(_command(db, first, last), env)
        total = time.monotonic() - started
        requests = len(server.requests)
    if final["code"] != 0:
        raise SystemExit(f"de laatste run faalde: {final['stderr'].strip()}")
    rows = _rows(db)
    stored: dict[str, str] = {}
    duplicated = 0
    for decision_id, content_hash in rows:
        duplicated += decision_id.upper() in stored
        stored[decision_id.upper()] = content_hash
    wanted = {i.upper(): h for i, h in expected.items()}
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        state = dict(conn.execute("SELECT key, value FROM state").fetchall())
    return {
        "decisions": len(wanted),
        "kills": sum(r["killed"] for r in runs),
        "finished_before_kill": sum(not r["killed"] for r in runs),
        "stored_at_kills": [r["stored"] for r in runs],
        "lost": len(wanted.keys() - stored.keys()),
        "duplicated": duplicated,
        "extra": len(stored.keys() - wanted.keys()),
        "wrong": sum(stored[i] != h for i, h in wanted.items() if i in stored),
        "integrity": integrity,
        "cursor_left": CURSOR_KEY in state,
        "watermark": json.loads(state.get(WATERMARK_KEY, "null")),
        "final_summary": json.loads(final["stdout"] or "{}"),
        "clean_seconds": clean["seconds"],
        "soak_seconds": total,
        "final_seconds": final["seconds"],
        "requests": requests,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, default=DUMP, help="JSONL-dump met beslissingen")
    parser.add_argument("--van", default="2019-10-01")
    parser.add_argument("--tot", default="2024-01-31")
    parser.add_argument("--vertraging", type=float, default=0.02,
                        help="seconden die de server per verzoek wacht")
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"dump ontbreekt: {args.data}")
    records = load_records(args.data)
    with tempfile.TemporaryDirectory() as tmp:
        figures = soak(records, kills=args.kills, seed=args.seed,
                       first=date.fromisoformat(args.van), last=date.fromisoformat(args.tot),
                       delay=args.vertraging, workdir=Path(tmp))
    print(f"{figures['decisions']} beslissingen, {figures['kills']} keer gedood met SIGKILL"
          f" ({figures['finished_before_kill']} runs waren al klaar voor hun moment), seed"
          f" {args.seed}")
    print("opgeslagen bij elke kill: " + ", ".join(map(str, figures["stored_at_kills"])))
    print(f"verloren {figures['lost']}, dubbel {figures['duplicated']}, verkeerde inhoud"
          f" {figures['wrong']}, onbekend {figures['extra']}; integriteit:"
          f" {figures['integrity']}; cursor over: {figures['cursor_left']}; watermerk:"
          f" {figures['watermark']}")
    print(f"sync zonder onderbreking {figures['clean_seconds']:.1f} s; soak (alle runs)"
          f" {figures['soak_seconds']:.1f} s, waarvan de laatste run"
          f" {figures['final_seconds']:.1f} s; {figures['requests']} verzoeken aan de server")
    bad = (figures["lost"] or figures["duplicated"] or figures["wrong"] or figures["extra"]
           or figures["integrity"] != "ok" or figures["cursor_left"])
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
