"""Atom 1.0 feeds (RFC 4287) of the changes in status or evidence: the whole agreement, one
chapter, one promise; and of the editors' corrections. Written with xml.etree, so every title,
cause and reason from the store is escaped; links are absolute, built from the request's own
base URL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from fastapi import APIRouter, Request
from fastapi.responses import Response

from beloftemeter.errors import NotFoundError
from beloftemeter.models.promises import HistoryEntry
from beloftemeter.models.public_review import Correction
from beloftemeter.pipeline import promises as pipeline
from beloftemeter.pipeline.corrections import list_corrections
from beloftemeter.web.agreement_paths import elsewhere, link, origin
from beloftemeter.web.agreement_words import agreement_name
from beloftemeter.web.feed_times import LatestAssessment
from beloftemeter.web.links import decision_url, section_url
from beloftemeter.web.promise_links import PromiseNames, promise_url
from beloftemeter.web.state import WebState

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"
FEED_ENTRIES = 50
EMPTY_UPDATED = "2019-10-02T00:00:00Z"  # only for a time in the store that is no time

ET.register_namespace("", ATOM)


def atom_time(value: str) -> str:
    """An ISO date or datetime as RFC 3339 in UTC ("2026-12-01T09:30:00Z")."""
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return EMPTY_UPDATED
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def change_title(entry: HistoryEntry, promise: str) -> str:
    short = promise if len(promise) <= 90 else promise[:89].rstrip() + "…"
    if entry.before_status is None:
        what = f"eerste beoordeling: {entry.after_status}"
    elif entry.before_status != entry.after_status:
        what = f"{entry.before_status} → {entry.after_status}"
    else:
        what = f"ander bewijs, blijft {entry.after_status}"
    return f"{short} ({what})"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _feed(base: str, path: str, title: str, moments: Sequence[str],
          alternate: str, empty: str) -> ET.Element:
    """The feed element with its head; `moments`: the entries' times; `empty`: the time an
    empty feed gives (see web.feed_times)."""
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "nl"})
    _sub(feed, "id", base + path)
    _sub(feed, "title", title)
    _sub(feed, "updated", max((atom_time(m) for m in moments), default=atom_time(empty)))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=base + path)
    _sub(feed, "link", rel="alternate", type="text/html", href=base + alternate)
    author = _sub(feed, "author")
    _sub(author, "name", "beloftemeter")
    _sub(feed, "generator", "beloftemeter")
    return feed


def atom_feed(base: str, path: str, title: str, entries: Sequence[HistoryEntry],
              names: PromiseNames, alternate: str, empty: str) -> bytes:
    """The feed at `base` + `path`; `alternate` is the page it follows (absolute path)."""
    feed = _feed(base, path, title, [e.at for e in entries], alternate, empty)
    for entry in entries:
        page = base + promise_url(entry.promise_id)
        item = _sub(feed, "entry")
        _sub(item, "id", f"{page}#verandering-{atom_time(entry.at)}")
        _sub(item, "title", change_title(entry, names.text(entry.promise_id)))
        _sub(item, "updated", atom_time(entry.at))
        _sub(item, "link", rel="alternate", type="text/html", href=page)
        for decision_id in entry.decision_ids:
            _sub(item, "link", rel="related", type="text/html",
                 href=base + decision_url(decision_id), title=names.decision_title(decision_id))
        summary = entry.cause
        if entry.rules_version:
            summary += f" (regels {entry.rules_version})"
        _sub(item, "summary", summary, type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def correction_title(correction: Correction) -> str:
    promise = correction.promise or correction.promise_id
    short = promise if len(promise) <= 90 else promise[:89].rstrip() + "…"
    before, after = correction.before_status, correction.after_status
    what = (f"{before} → {after}" if before and after and before != after
            else f"ander bewijs, blijft {after}")
    return f"{short} ({what})"


def correction_summary(correction: Correction) -> str:
    parts = []
    if correction.reason:
        parts.append(f"Reden van de redactie: {correction.reason}")
    elif correction.published_reason:
        parts.append(f"Nieuwe uitleg: {correction.published_reason}")
    for label, decisions in (("Nu als bewijs", correction.added),
                             ("Niet langer als bewijs", correction.removed)):
        if decisions:
            parts.append(f"{label}: " + "; ".join(d.title for d in decisions) + ".")
    return " ".join(parts)


def corrections_feed(base: str, path: str, corrections: Sequence[Correction],
                     empty: str) -> bytes:
    """The editors' corrections, newest first, each linking to its promise."""
    feed = _feed(base, path, "Correcties van de redactie", [c.at for c in corrections],
                 link("/correcties"), empty)
    for correction in corrections:
        page = base + promise_url(correction.promise_id)
        item = _sub(feed, "entry")
        _sub(item, "id", f"{base}{link('/correcties')}#correctie-{correction.id}")
        _sub(item, "title", correction_title(correction))
        _sub(item, "updated", atom_time(correction.at))
        _sub(item, "link", rel="alternate", type="text/html", href=page)
        for decision in correction.added:
            _sub(item, "link", rel="related", type="text/html",
                 href=base + decision_url(decision.decision_id), title=decision.title)
        _sub(item, "summary", correction_summary(correction), type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def feeds_router(state: WebState, names: PromiseNames) -> APIRouter:
    router = APIRouter(prefix="/feeds", include_in_schema=False)
    latest_assessment = LatestAssessment()

    def answer(request: Request, title: str, alternate: str, **where: str) -> Response:
        with state.lock:
            entries = pipeline.recent_changes(state.store, limit=FEED_ENTRIES, **where)
            empty = "" if entries else latest_assessment(state.store, state.snapshot)
        base = origin(request)
        body = atom_feed(base, request.url.path, title, entries, names, alternate, empty)
        return Response(body, media_type=MEDIA_TYPE)

    @router.get("/veranderingen.atom")
    async def agreement_feed(request: Request) -> Response:
        name = agreement_name(state.agreement).replace("Regeerakkoord", "het regeerakkoord")
        return answer(request, f"Veranderingen in {name}", link("/veranderingen"))

    @router.get("/correcties.atom")
    async def corrections_atom(request: Request) -> Response:
        with state.lock:
            found = list_corrections(state.store, per_page=FEED_ENTRIES).items
            empty = "" if found else latest_assessment(state.store, state.snapshot)
        body = corrections_feed(origin(request), request.url.path, found,
                                empty)
        return Response(body, media_type=MEDIA_TYPE)

    @router.get("/hoofdstukken/{chapter}.atom")
    async def chapter_feed(request: Request, chapter: str) -> Response:
        snapshot = state.snapshot
        node = snapshot.nodes.get(chapter)
        if node is None or node.kind != "chapter":
            raise NotFoundError(f"Onbekend hoofdstuk: {chapter[:80]}.")
        return answer(request, f"Veranderingen in {snapshot.place(chapter)}",
                      section_url(chapter), chapter=chapter)

    @router.get("/beloften/{promise_id}.atom")
    async def promise_feed(request: Request, promise_id: str) -> Response:
        moved = elsewhere(state, request, promise_id)
        if moved is not None:
            return moved
        with state.lock:
            current = pipeline.resolve_promise_id(state.store, promise_id)
        if current is None:
            raise NotFoundError(f"Er is geen belofte met id {promise_id[:80]}.")
        return answer(request, f"Veranderingen van de belofte “{names.text(current)}”",
                      promise_url(current), promise_id=current)

    return router
