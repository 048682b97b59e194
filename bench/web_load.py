"""Load on the running web app over loopback: section pages and searches (or the promise
list with random filter combinations) at 20 concurrent clients for 30 seconds.

    .venv/bin/python -m bench.web_load --opslag sqlite:////tmp/x/x.db [--clients 20]
        [--seconds 30] [--zonder-opwarmen] [--soort secties|beloften] [--workers N]

Starts `beloftemeter serve` in its own process, warms it (each section page and each query
once, unless --zonder-opwarmen), then lets the clients each request, in a loop, a random
section page or a random search; with `--soort beloften`, the list /beloften with one to
three filters drawn at random from its own facets (status, part, chapter, minister, domain,
evidence, stage, year), sometimes a word to search and another sort or page. Prints per kind:
requests, p50, p95, max and errors.
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


# Facet names of /api/beloften → the list's URL parameters.
FACET_PARAMS = {"status": "status", "part": "deel", "chapter": "hoofdstuk",
                "minister": "minister", "domain": "domein", "has_evidence": "bewijs",
                "latest_stage": "fase", "latest_year": "jaar"}
WORDS = ["onderwijs", "klimaat", "zorg", "inburgering", "wonen", "mobiliteit", "cultuur"]


def _promise_filters(rng: random.Random, facets: dict) -> dict[str, str]:
    """One to three filters with values the list offers, now and then a word, sort or page."""
    names = [n for n in FACET_PARAMS if facets.get(n)]
    params: dict[str, str] = {}
    for name in rng.sample(names, k=min(len(names), rng.randint(1, 3))):
        value = rng.choice(facets[name])["value"]
        if name == "has_evidence":  # the facet says true/false, the URL ja/nee
            value = "ja" if str(value).lower() in ("true", "ja") else "nee"
        params[FACET_PARAMS[name]] = str(value)
    if rng.random() < 0.3:
        params["q"] = rng.choice(WORDS)
    if rng.random() < 0.3:
        params["sortering"] = rng.choice(["akkoord", "recent", "status"])
    if rng.random() < 0.2:
        params["pagina"] = "2"
    return params


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--opslag", required=True)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--zonder-opwarmen", action="store_true")
    parser.add_argument("--soort", choices=("secties", "beloften"), default="secties")
    parser.add_argument("--workers", type=int, default=1,
                        help="werkprocessen van serve (serve --workers N)")
    args = parser.parse_args()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-c", "from beloftemeter.cli import main; main()",
         "--opslag", args.opslag, "serve", "--port", str(port),
         "--workers", str(args.workers)],
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
            facets = (client.get(base + "/api/beloften").json()["facets"]
                      if args.soort == "beloften" else {})
            if not args.zonder_opwarmen and args.soort == "beloften":
                client.get(base + "/beloften")
            elif not args.zonder_opwarmen:
                for key in keys:
                    client.get(f"{base}/secties/{key}")
                for query in QUERIES:
                    client.get(f"{base}/zoek", params={"q": query})
        kinds = ["beloften"] if args.soort == "beloften" else ["sectiepagina", "zoeken"]
        timings: dict[str, list[float]] = {kind: [] for kind in kinds}
        errors: dict[str, int] = dict.fromkeys(kinds, 0)
        lock = threading.Lock()
        stop = time.perf_counter() + args.seconds

        def worker(seed: int) -> None:
            rng = random.Random(seed)
            with httpx.Client(timeout=30) as client:
                while time.perf_counter() < stop:
                    if args.soort == "beloften":
                        kind, request = "beloften", (f"{base}/beloften",
                                                     _promise_filters(rng, facets))
                    elif rng.random() < 0.5:
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

        load_before = os.getloadavg()[0]
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
        # The machine is shared: the load beside the figures says how far to trust them.
        print(f"belasting (1 min) bij de start {load_before:.1f}, aan het eind"
              f" {os.getloadavg()[0]:.1f}")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
