"""Learning from editors: does the relevance model get better as editors' verdicts come in?

    .venv/bin/python -m bench.editor_learning --opslag sqlite:////tmp/x/x.db
        [--partijen PATH ...] [--blind PATH] [--rondgang] [--lexicaal] [--voorbeelden PAD]
    .venv/bin/python -m bench.editor_learning --opslag sqlite:////tmp/x/x.db
        --van-export redactie.json [--blind PATH ...] [--schrijf] [--lexicaal]
        [--voorbeelden PAD]

**The curve** (default). The hand-label sets stand in for editors' verdicts arriving in
batches, in the order they were made (tests/fixtures/assessment_labels.json, _heldout,
_blind … _blind6). After each batch the relevance model is refitted on everything so far
(bench.fit_relevance's fitting) and measured at the shipped threshold on a blind set that no
fit of this bench ever sees (default: assessment_labels_blind7.json): exact status agreement,
evidence precision and key-decision recall (bench.fit_relevance's scoring, which counts the
same as bench.label_agreement), in full and without the promises its annotator marked
uncertain. Where a second annotation of the blind set exists (…_second.json),
bench.label_agreement's agreement between the two annotators is printed as the ceiling.
`--rondgang` adds the same curve with each of the blind sets F-I (_blind4 … _blind7) in turn
as the blind set and the other eight sets as batches, pooled over their 160 promises.

**The gate** (`--van-export PAD`, a file written by `beloftemeter redactie export`). The model
is refitted on the hand-label sets plus the editors' labels and measured on held-out labels
beside the shipped model (src/beloftemeter/analysis/relevance_model.json): the `--blind`
files when given, else every fifth reviewed promise of the export (chosen by a hash of its
promise, so the same promises each run; those are then left out of the fit). The refit
*beats* the shipped model when it is at least as good on both exact agreement and evidence
precision and better on one of them. With `--schrijf` the model file is rewritten only then
(a new version, so every promise is assessed again at the next `analyseer`); otherwise it
says why not and leaves the file alone.

`--lexicaal` uses BM25 alone (the "lexical" model); by default the configured embedders (the
"hybrid" model). Every labelled promise is searched once (some minutes on the real store);
`--voorbeelden PAD` keeps what was searched for the next run (and for
`bench.review_queue --kruisvalidatie --voorbeelden PAD`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
from bench.fit_relevance import (
    FIFTH_BLIND,
    FIRST_BLIND,
    FOURTH_BLIND,
    HELDOUT,
    LABELS,
    ROOT,
    SECOND_BLIND,
    SEVENTH_BLIND,
    SIXTH_BLIND,
    THIRD_BLIND,
    Example,
    examples,
    fit,
    probabilities,
    score,
)
from bench.label_agreement import agreement

from beloftemeter import config
from beloftemeter.analysis.evaluation import AssessmentLabel, load_assessment_labels
from beloftemeter.analysis.evidence import EVIDENCE_PROBABILITY, EvidenceLinker
from beloftemeter.analysis.relevance import FEATURES, MODEL_FILE, load_models
from beloftemeter.errors import NotFoundError
from beloftemeter.search.engine import SearchEngine
from beloftemeter.search.vectors import VectorCache
from beloftemeter.store import Store, open_store

BATCHES = (LABELS, HELDOUT, FIRST_BLIND, SECOND_BLIND, THIRD_BLIND, FOURTH_BLIND, FIFTH_BLIND,
           SIXTH_BLIND)
BLIND = SEVENTH_BLIND
ROTATION = (FOURTH_BLIND, FIFTH_BLIND, SIXTH_BLIND, SEVENTH_BLIND)  # the blind sets F-I
HELD_OUT_SHARE = 5  # the gate keeps every fifth reviewed promise of an export apart
MIN_HELD_OUT = 40  # the size of one blind set; fewer and the gate says how coarse it is
Weights = tuple[np.ndarray, float]


def _linker(store: Store, settings) -> EvidenceLinker:
    cache = VectorCache(settings.embedding_cache) if settings.embedding_cache else None
    return EvidenceLinker(store, SearchEngine(store, settings, query_cache=cache))


def searched(store: Store, linker: EvidenceLinker, labels: list[AssessmentLabel],
             ) -> list[Example]:
    """bench.fit_relevance's examples, one label at a time: a label whose promise the store
    no longer has (an export of an older agreement) is skipped and counted."""
    found, missing = [], 0
    for label in labels:
        try:
            found.extend(examples(store, linker, [label]))
        except (StopIteration, NotFoundError):
            missing += 1
    if missing:
        print(f"  {missing} labels overgeslagen: belofte niet in de opslag")
    return found


class Searched:
    """The examples of whole label files, kept in a file between runs when `path` is given
    (`--voorbeelden`): searching every labelled promise is most of a run's time, and
    bench.review_queue --kruisvalidatie needs the same ones. Keyed by file, model and store;
    delete the file after changing the search or the store."""

    def __init__(self, store: Store, linker: EvidenceLinker, name: str, store_url: str,
                 path: str | None) -> None:
        self.store, self.linker, self.path = store, linker, Path(path) if path else None
        self.prefix = f"{name}|{store_url}|"
        self.kept: dict[str, list[Example]] = {}
        if self.path is not None and self.path.is_file():
            self.kept = pickle.loads(self.path.read_bytes())

    def __call__(self, label_file: str | Path) -> list[Example]:
        key = self.prefix + str(Path(label_file).resolve())
        if key not in self.kept:
            self.kept[key] = searched(self.store, self.linker, load_assessment_labels(label_file))
            if self.path is not None:
                self.path.write_bytes(pickle.dumps(self.kept))
        return self.kept[key]


def measured(linker: EvidenceLinker, items: list[Example], weights: Weights) -> dict:
    w, b = weights
    result = score(linker, items, [probabilities(w, b, e) for e in items],
                   EVIDENCE_PROBABILITY)
    return {k: v for k, v in result.items() if k != "drempel"}


def _both(linker: EvidenceLinker, blind: list[Example], weights: Weights) -> str:
    certain = [e for e in blind if not e.label.uncertain]
    return f"{measured(linker, blind, weights)}  zeker: {measured(linker, certain, weights)}"


def curve(search: Searched, batches: list[str], blind_path: str) -> None:
    linker = search.linker
    blind = search(blind_path)
    print(f"blind: {Path(blind_path).name}, {len(blind)} beloften"
          f" ({sum(not e.label.uncertain for e in blind)} zeker)")
    second = Path(blind_path).with_name(Path(blind_path).stem + "_second.json")
    if second.is_file():
        pairs = [json.loads(Path(p).read_text(encoding="utf-8"))["labels"]
                 for p in (blind_path, second)]
        ceiling = agreement(*pairs)
        print(f"plafond (twee annotatoren): exact {ceiling['exact']}, sleutelbeslissingen"
              f" {ceiling['sleutelbeslissingen']}")
    so_far: list[Example] = []
    for number, path in enumerate(batches, start=1):
        so_far += search(path)
        print(f"na partij {number} ({Path(path).name}, {len(so_far)} labels):"
              f" {_both(linker, blind, fit(so_far))}")


def rotation(search: Searched, sets: list[str], blinds: list[str]) -> None:
    """The curve with each of `blinds` in turn as the blind set (the other sets as batches,
    in the order they were made), pooled over all blind promises: one set of 40 promises
    moves 0.025 per promise, so single curves are mostly noise."""
    print(f"\n== rondgang: blind op beurt {', '.join(Path(b).name for b in blinds)};"
          " samengeteld")
    pooled: dict[int, tuple[list[Example], list[np.ndarray], int]] = {}
    for blind_path in blinds:
        blind = search(blind_path)
        so_far: list[Example] = []
        for number, path in enumerate([s for s in sets if s != blind_path], start=1):
            so_far += search(path)
            w, b = fit(so_far)
            items, probs, labels = pooled.get(number, ([], [], 0))
            pooled[number] = (items + blind, probs + [probabilities(w, b, e) for e in blind],
                              labels + len(so_far))
    for number, (items, probs, labels) in sorted(pooled.items()):
        result = score(search.linker, items, probs, EVIDENCE_PROBABILITY)
        print(f"na partij {number} (gemiddeld {labels // len(blinds)} labels, {len(items)}"
              f" blinde beloften): {({k: v for k, v in result.items() if k != 'drempel'})}")


def _held_out(label: AssessmentLabel) -> bool:
    digest = hashlib.sha256(f"{label.section_key}\0{label.promise}".encode()).digest()
    return digest[0] % HELD_OUT_SHARE == 0


def _shipped(name: str) -> Weights:
    model = load_models()[name]
    return np.array([model.weights.get(f, 0.0) for f in FEATURES]), model.bias


def _beats(new: dict, old: dict) -> bool:
    pairs = [(new[k] or 0.0, old[k] or 0.0) for k in ("exact", "bewijsprecisie")]
    return all(n >= o for n, o in pairs) and any(n > o for n, o in pairs)


def gate(search: Searched, name: str, export: str, blind: list[str], write: bool) -> None:
    store, linker = search.store, search.linker
    editors = load_assessment_labels(export)
    if blind:
        held_labels = [label for path in blind for label in load_assessment_labels(path)]
        fitting = editors
    else:
        held_labels = [label for label in editors if _held_out(label)]
        fitting = [label for label in editors if not _held_out(label)]
    if not held_labels:
        raise SystemExit("geen achtergehouden labels: geef --blind of exporteer meer beloften")
    # nothing measured may be fitted: neither a held-out file nor a held-out promise that a
    # hand-label set also holds
    kept_apart = {Path(path).resolve() for path in blind}
    measured_on = {(label.section_key, " ".join(label.promise.split()).lower())
                   for label in held_labels}
    base = [e for path in (*BATCHES, BLIND) if path.resolve() not in kept_apart
            for e in search(path)
            if (e.label.section_key, " ".join(e.label.promise.split()).lower())
            not in measured_on]
    print(f"hertrainen op {len(base)} handlabels + {len(fitting)} van de redactie;"
          f" gemeten op {len(held_labels)} achtergehouden labels")
    held = searched(store, linker, held_labels)
    refit = fit(base + searched(store, linker, fitting))
    new, old = measured(linker, held, refit), measured(linker, held, _shipped(name))
    if len(held) < MIN_HELD_OUT:
        print(f"  let op: {len(held)} achtergehouden beloften; één belofte verschuift exact"
              f" met {1 / max(1, len(held)):.3f}")
    print(f"  meegeleverd model ({name}): {old}")
    print(f"  hertraind model:             {new}")
    if not _beats(new, old):
        print("het hertrainde model is niet beter: het meegeleverde blijft")
        return
    if not write:
        print("het hertrainde model is beter; --schrijf vervangt het meegeleverde")
        return
    path = ROOT / "src" / "beloftemeter" / "analysis" / MODEL_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    w, b = refit
    data["models"][name] = {"weights": {f: round(float(v), 6) for f, v in zip(
        FEATURES, w, strict=True)}, "bias": round(b, 6), "labels": len(base) + len(fitting)}
    digest = hashlib.sha256(json.dumps(data["models"], sort_keys=True).encode()).hexdigest()[:8]
    data["version"] = f"relevance-{date.today().isoformat()}-{digest}"
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"geschreven: {path} ({data['version']})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--opslag", required=True)
    parser.add_argument("--partijen", nargs="+", default=[str(p) for p in BATCHES])
    parser.add_argument("--blind", nargs="+", default=None)
    parser.add_argument("--van-export")
    parser.add_argument("--schrijf", action="store_true")
    parser.add_argument("--lexicaal", action="store_true")
    parser.add_argument("--rondgang", action="store_true",
                        help="ook de curve met elk van de sets F-I op beurt als blinde set")
    parser.add_argument("--voorbeelden", help="bestand dat de gezochte kandidaten bewaart")
    args = parser.parse_args()
    settings = replace(config.load(None), store_url=args.opslag)
    if args.lexicaal:
        settings = replace(settings, embedder="geen")
    with open_store(settings.store_url) as store:
        linker = _linker(store, settings)
        name = "hybrid" if linker.hybrid else "lexical"
        print(f"model: {name}, drempel {EVIDENCE_PROBABILITY}")
        search = Searched(store, linker, name, settings.store_url, args.voorbeelden)
        if args.van_export:
            gate(search, name, args.van_export, args.blind or [], args.schrijf)
        else:
            curve(search, args.partijen, (args.blind or [str(BLIND)])[0])
            if args.rondgang:
                rotation(search, [str(p) for p in (*BATCHES, BLIND)],
                         [str(p) for p in ROTATION])


if __name__ == "__main__":
    main()
