"""How far two annotators agree on the same promises: the ceiling for the automatic status.

    .venv/bin/python -m bench.label_agreement [EERSTE.json TWEEDE.json]

By default the blind set (tests/fixtures/assessment_labels_blind.json) against its second,
independent annotation (assessment_labels_blind_second.json). Prints exact status agreement,
agreement within one step of the scale, agreement where neither annotator was uncertain, the
overlap of their key decisions, and where they differ.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from beloftemeter.analysis.evaluation import within_one

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"


def agreement(first: list[dict], second: list[dict]) -> dict:
    pairs = list(zip(first, second, strict=True))
    for a, b in pairs:
        if " ".join(a["promise"].split()) != " ".join(b["promise"].split()):
            raise SystemExit(f"andere belofte: {a['promise'][:60]!r} / {b['promise'][:60]!r}")
    certain = [(a, b) for a, b in pairs if not a.get("uncertain") and not b.get("uncertain")]
    shared = sum(len(set(a["key_decisions"]) & set(b["key_decisions"])) for a, b in pairs)
    first_keys = sum(len(a["key_decisions"]) for a, _ in pairs)
    second_keys = sum(len(b["key_decisions"]) for _, b in pairs)
    return {
        "beloften": len(pairs),
        "exact": round(sum(a["status"] == b["status"] for a, b in pairs) / len(pairs), 3),
        "binnen_een_stap": round(
            sum(within_one(a["status"], b["status"]) for a, b in pairs) / len(pairs), 3),
        "beiden_zeker": len(certain),
        "exact_beiden_zeker": round(
            sum(a["status"] == b["status"] for a, b in certain) / len(certain), 3)
        if certain else None,
        "sleutelbeslissingen": {"eerste": first_keys, "tweede": second_keys, "gedeeld": shared},
        "verschillen": Counter(f"{a['status']} / {b['status']}" for a, b in pairs
                               if a["status"] != b["status"]).most_common(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("eerste", nargs="?", default=str(FIXTURES / "assessment_labels_blind.json"))
    parser.add_argument("tweede", nargs="?",
                        default=str(FIXTURES / "assessment_labels_blind_second.json"))
    args = parser.parse_args()
    first, second = (json.loads(Path(p).read_text(encoding="utf-8"))["labels"]
                     for p in (args.eerste, args.tweede))
    print(json.dumps(agreement(first, second), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
