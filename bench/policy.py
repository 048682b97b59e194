"""Policy documents: parse time, structure found and the quote-link figure.

    .venv/bin/python -m bench.policy [--data ../shared/data] [--voorbeelden 6]

Prints per document the objectives and actions found (against the table of contents), the
share of actions quoting the agreement that are linked to a promise holding the quote, and a
sample of those links with the statement text, for checking by hand.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from pathlib import Path

from beloftemeter.analysis.policy_links import PromiseLinker
from beloftemeter.pipeline.agreement import prepare_agreement
from beloftemeter.sources.policy_structure import parse_policy
from beloftemeter.sources.policy_text import read_policy_text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared"
                                              / "data"))
    parser.add_argument("--voorbeelden", type=int, default=6)
    args = parser.parse_args()
    data = Path(args.data)
    pdf = data / "regeerakkoord-2019-2024.pdf"
    statements = prepare_agreement(pdf.read_bytes(), str(pdf)).statements
    by_key = {(s.node_key, s.ordinal): s for s in statements}
    start = time.perf_counter()
    linker = PromiseLinker(statements)
    print(f"index over {len(statements)} uitspraken: {time.perf_counter() - start:.2f} s")
    for path in sorted((data / "policy").glob("*.txt")):
        start = time.perf_counter()
        document = parse_policy(read_policy_text(path), str(path))
        parsed = time.perf_counter() - start
        start = time.perf_counter()
        links = linker.link(document)
        linked = time.perf_counter() - start
        kinds = {k: sum(o.kind == k for o in document.objectives) for k in ("SD", "OD", "doel")}
        print(f"\n{path.name}: ingelezen in {parsed * 1000:.0f} ms, gekoppeld in"
              f" {linked * 1000:.0f} ms; doelstellingen {kinds}; acties {len(document.actions)}"
              f" (inhoudstafel {len(document.toc_actions)}); waarschuwingen"
              f" {list(document.warnings)}")
        quoting = [a for a in document.actions if a.agreement_quotes]
        if not quoting:
            continue
        quoted = [link for link in links if link.method == "citaat"]
        to_promise = {link.action_number for link in quoted
                      if by_key[(link.node_key, link.ordinal)].is_promise}
        any_statement = {link.action_number for link in quoted}
        searched = {link.action_number for link in links if link.method == "zoeken"}
        print(f"acties met citaat: {len(quoting)}; gekoppeld aan een uitspraak"
              f" {len(any_statement)} ({len(any_statement) / len(quoting):.0%}), aan een belofte"
              f" {len(to_promise)} ({len(to_promise) / len(quoting):.0%});"
              f" via zoeken: {len(searched)} acties")
        for link in random.Random(7).sample(quoted, min(args.voorbeelden, len(quoted))):
            statement = by_key[(link.node_key, link.ordinal)]
            print(f"  actie {link.action_number}: “{link.evidence[:90]}”\n"
                  f"    → {link.node_key} #{link.ordinal} (p. {statement.page},"
                  f" {'belofte' if statement.is_promise else 'context'}):"
                  f" “{statement.text[:110]}”")
    print(f"\npiekgeheugen {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
