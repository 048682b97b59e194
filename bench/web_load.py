"""Load on the running web app over loopback: section pages and searches at 20 concurrent
clients for 30 seconds.

    .venv/bin/python -m bench.web_load --opslag sqlite:////tmp/x/x.db [--clients 20]
        [--seconds 30] [--zonder-opwarmen]

Starts `beloftemeter serve` in its own process, warms it (each section page and each query
once, unless --zonder-opwarmen), then lets the clients each request, in a loop, a random
section page or a random search. Prints per kind: requests, p50, p95, max and errors.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time

import httpx

QUERIES = [
    "inburgering", "kilometerheffing", "NT2", "kinderopvang", "woonbonus", "Vlaamse toetsen",
    "jobbonus", "dienstencheques", "Syntra", "Vlaamse parken", "klimaatfonds", "renovatie",
    "luchthavens", "De Lijn", "basisbereikbaarheid", "sociale huur", "onroerend erfgoed",
    "VRT beheersovereenkomst", "gemeentefusies", "Unia", "mensenrechteninstituut",
    "leerplicht", "lerarentekort", "zorgbudget", "persoonsvolgende financiering", "VDAB",
    "stikstof", "Oosterweel", "natuurbeheer", "cultuurerfgoed",
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--opslag", required=True)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--zonder-opwarmen", action="store_true")
    args = parser.parse_args()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-c", "from beloftemeter.cli import main; main()",
         "--opslag", args.opslag, "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=dict(os.environ))
    try:
        started = time.perf_counter()
        with httpx.Client(timeout=30) as client:
            while True:
                try:
                    client.get(base + "/api/secties")
                    break
                except httpx.TransportError:
                    if server.poll() is not None or time.perf_counter() - started > 180:
                        raise SystemExit("de webapp startte niet: "
                                         + server.stderr.read().decode()[-500:]) from None
                    time.sleep(0.2)
            print(f"opgestart in {time.perf_counter() - started:.1f} s")
            keys = [n["key"] for n in client.get(base + "/api/secties").json()]
            if not args.zonder_opwarmen:
                for key in keys:
                    client.get(f"{base}/secties/{key}")
                for query in QUERIES:
                    client.get(f"{base}/zoek", params={"q": query})
        timings: dict[str, list[float]] = {"sectiepagina": [], "zoeken": []}
        errors: dict[str, int] = {"sectiepagina": 0, "zoeken": 0}
        lock = threading.Lock()
        stop = time.perf_counter() + args.seconds

        def worker(seed: int) -> None:
            rng = random.Random(seed)
            with httpx.Client(timeout=30) as client:
                while time.perf_counter() < stop:
                    if rng.random() < 0.5:
                        kind, request = "sectiepagina", (f"{base}/secties/{rng.choice(keys)}", {})
                    else:
                        kind, request = "zoeken", (f"{base}/zoek", {"q": rng.choice(QUERIES)})
                    begin = time.perf_counter()
                    try:
                        ok = client.get(request[0], params=request[1]).status_code == 200
                    except httpx.HTTPError:
                        ok = False
                    elapsed = time.perf_counter() - begin
                    with lock:
                        timings[kind].append(elapsed)
                        errors[kind] += not ok

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for kind, values in timings.items():
            values.sort()
            p95 = values[int(0.95 * (len(values) - 1))] if values else float("nan")
            print(f"{kind}: {len(values)} verzoeken, p50 {statistics.median(values) * 1000:.0f}"
                  f" ms, p95 {p95 * 1000:.0f} ms, max {values[-1] * 1000:.0f} ms,"
                  f" fouten {errors[kind]} ({args.clients} clients, {args.seconds:.0f} s)")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
