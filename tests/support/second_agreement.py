"""A second coalition agreement PDF written by code, for a store with two agreements.

A fictitious Flemish government agreement ("Proefakkoord 2022-2023") in the conventions of the
real 2019-2024 one: a cover, a table of contents ("Inhoudstafel") with parts in capitals,
chapters "1 — Titel" numbered anew in every part and numbered sections, each with its printed
page; a page per part, every chapter on a new page in two columns, running headers, page
numbers and words broken at a line end with a soft hyphen. The project's own parser reads it
into the outline below (`OUTLINE`), sentence for sentence.

Its government's term (2022-01-01 to 2023-06-30) lies inside the dates of the real decisions
(October 2019 to January 2024), and its topics overlap the real agreement's and the
decisions': inburgering, kinderopvang, the jobbonus, the lerarenambt, woonzorgcentra,
renovatie of sociale huurwoningen, basisbereikbaarheid, Oosterweel, the kilometerheffing,
stikstof, onroerend erfgoed. So real decisions taken both within and outside its term match
its promises, and the term filter of the evidence has something to exclude.

Deterministic: the same bytes on every call.
"""

from __future__ import annotations

from dataclasses import dataclass

from support.pdf_pages import Page, make_pdf, page_furniture

SLUG = "proef-2022-2023"
TERM_START = "2022-01-01"
TERM_END = "2023-06-30"
COVER = ("Vlaamse regering", "Proefakkoord 2022-2023")

P, C = True, False  # a sentence that is a promise, a sentence of context


@dataclass(frozen=True)
class Section:
    number: str
    title: str
    paragraphs: tuple[tuple[tuple[str, bool], ...], ...]  # (sentence, is a promise)


@dataclass(frozen=True)
class Chapter:
    number: str
    title: str
    intro: tuple[tuple[str, bool], ...]  # the chapter's own text, before its first section
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Part:
    title: str  # as printed on its own page; the table of contents prints it in capitals
    chapters: tuple[Chapter, ...]


def _s(number: str, title: str, *paragraphs: tuple[tuple[str, bool], ...]) -> Section:
    return Section(number, title, paragraphs)


OUTLINE: tuple[Part, ...] = (
    Part("Vlaanderen werkt en leert", (
        Chapter("1", "Werk en inburgering", (
            ("Werk is de beste weg naar een volwaardige plaats in onze samenleving.", C),
        ), (
            _s("1.1", "Uitdagingen en visie", (
                ("De arbeidsmarkt is krap en veel vacatures blijven lang openstaan.", C),
                ("Tegelijk staan nog te veel mensen aan de kant, vooral laaggeschoolden en"
                 " nieuwkomers.", C),
            ), (
                ("We brengen de werkzaamheidsgraad tegen het einde van deze regeerperiode"
                 " dichter bij tachtig procent.", P),
            )),
            _s("1.2", "Concrete voorstellen", (
                ("Werken moet lonen, en wie werk zoekt, verdient snelle begeleiding.", C),
            )),
            _s("1.2.1", "Jobbonus en activering", (
                ("We verhogen de jobbonus voor werknemers met een laag loon en passen de"
                 " loongrenzen van de jobbonus jaarlijks aan.", P),
                ("De Vlaamse Regering breidt de jobbonus uit naar startende zelfstandigen.", P),
            ), (
                ("We laten de VDAB elke nieuwe werkzoekende binnen de zes weken persoonlijk"
                 " begeleiden.", P),
                ("Werkzoekenden die een opleiding in een knelpuntberoep volgen, behouden"
                 " hun uitkering.", C),
            )),
            _s("1.2.2", "Inburgering", (
                ("Inburgering is een traject van rechten en plichten.", C),
                ("We hervormen het integratie- en inburgeringsdecreet zodat elke inburgeraar"
                 " een examen Nederlands aflegt.", P),
            ), (
                ("Het Agentschap Integratie en Inburgering wordt grondig hervormd.", P),
                ("Voor ontheemden uit Oekraïne voorzien we een aangepast"
                 " inburgeringstraject met taallessen en werkbegeleiding.", P),
            )),
            _s("1.2.3", "Opleiding en loopbaan", (
                ("We investeren in opleidingen voor knelpuntberoepen via de VDAB en de"
                 " centra voor volwassenenonderwijs.", P),
                ("Er komt een individuele leerrekening voor elke werknemer.", P),
            )),
        )),
        Chapter("2", "Onderwijs en opvoeding", (
            ("Goed onderwijs en goede opvang geven elk kind een sterke start.", C),
        ), (
            _s("2.1", "Uitdagingen en visie", (
                ("Het lerarentekort weegt steeds zwaarder op de kwaliteit van ons"
                 " onderwijs.", C),
                ("We maken het lerarenambt opnieuw aantrekkelijk voor jonge mensen en voor"
                 " zij-instromers.", P),
            )),
            _s("2.2", "Lerarenambt", (
                ("We voeren dringende maatregelen in om het lerarenambt in het basis- en"
                 " secundair onderwijs te herwaarderen.", P),
                ("We waarderen de relevante ervaring van zij-instromers volledig in hun"
                 " loon.", P),
            ), (
                ("Er komt een lerarenbonus voor wie in een knelpuntvak lesgeeft.", P),
                ("We ondersteunen tijdelijke projecten van scholen die het lerarentekort"
                 " counteren.", P),
            )),
            _s("2.3", "Kinderopvang", (
                ("Ouders vinden vandaag te moeilijk een betaalbare plaats in de"
                 " kinderopvang.", C),
                ("We breiden het aanbod kinderopvang van baby's en peuters uit met vijfduizend"
                 " plaatsen.", P),
            ), (
                ("De subsidies voor het inkomenstarief in de kinderopvang worden"
                 " gelijkgeschakeld.", P),
                ("We versterken de veiligheid in de kinderopvang en passen het"
                 " vergunningsbesluit kinderopvang aan.", P),
            )),
            _s("2.4", "Groeipakket", (
                ("We verhogen de sociale toeslag van het Groeipakket voor gezinnen met een"
                 " laag inkomen.", P),
                ("Het Groeipakket wordt geëvalueerd, met bijzondere aandacht voor de"
                 " zorgtoeslag.", P),
            )),
            _s("2.5", "Schoolgebouwen", (
                ("In de steden groeit het aantal leerlingen nog elk jaar.", C),
                ("We investeren in de capaciteit van schoolgebouwen in het basisonderwijs en"
                 " het secundair onderwijs.", P),
            )),
        )),
    )),
    Part("Vlaanderen zorgt en woont", (
        Chapter("1", "Welzijn en zorg", (
            ("Wie zorg nodig heeft, vindt die dicht bij huis.", C),
        ), (
            _s("1.1", "Uitdagingen en visie", (
                ("De vergrijzing vraagt meer zorg en meer handen aan het bed.", C),
                ("We zetten in op zorg in de buurt en op de versterking van de eerste"
                 " lijn.", P),
            )),
            _s("1.2", "Woonzorgcentra", (
                ("We geven woonzorgcentra meer flexibiliteit in de inzet van hun"
                 " personeel.", P),
                ("Het kwaliteitskader voor de ventilatie in woonzorgcentra wordt"
                 " uitgebreid.", P),
            ), (
                ("Er komen bijkomende erkenningen voor woonzorgcentra en centra voor"
                 " kortverblijf.", P),
            )),
            _s("1.3", "Mantelzorg en persoonsvolgende financiering", (
                ("We ondersteunen mantelzorgers met een aanmoedigingspremie bij thematisch"
                 " verlof.", P),
                ("We verkorten de wachtlijsten voor persoonsvolgende financiering van"
                 " personen met een handicap.", P),
            )),
            _s("1.4", "Sport", (
                ("We investeren in bovenlokale sportinfrastructuur en"
                 " topsportinfrastructuur.", P),
                ("Er komt een vernieuwd subsidiereglement voor atletiekpistes.", P),
            )),
        )),
        Chapter("2", "Wonen en energie", (
            ("Een goede woning is de basis van een zeker bestaan.", C),
        ), (
            _s("2.1", "Uitdagingen en visie", (
                ("Het Vlaamse woningpatrimonium is oud en verbruikt veel energie.", C),
                ("We verdubbelen het tempo van de energetische renovatie van woningen.", P),
            )),
            _s("2.2", "Renovatie", (
                ("We voeren een renovatieverplichting in voor niet-residentiële"
                 " gebouwen.", P),
                ("De energielening blijft behouden voor kwetsbare gezinnen.", P),
            ), (
                ("We verlagen de onroerende voorheffing na een ingrijpende energetische"
                 " renovatie.", P),
            )),
            _s("2.3", "Sociale huur", (
                ("Vandaag wachten te veel gezinnen op een sociale woning.", C),
                ("We versnellen de renovatie van sociale huurwoningen met middelen uit het"
                 " Vlaams Klimaatfonds.", P),
            ), (
                ("Het subsidiestelsel voor de energetische renovatie van sociale"
                 " huurwoningen wordt hervormd.", P),
            )),
            _s("2.4", "Energie", (
                ("We stimuleren energiebesparende investeringen in de welzijns- en"
                 " zorgsector met renteloze leningen.", P),
                ("We bouwen de warmtenetten in de steden verder uit.", P),
            )),
        )),
    )),
    Part("Vlaanderen beweegt en beschermt", (
        Chapter("1", "Mobiliteit en openbare werken", (
            ("Vlaanderen moet vlot bereikbaar blijven, voor mensen en voor goederen.", C),
        ), (
            _s("1.1", "Basisbereikbaarheid", (
                ("We rollen basisbereikbaarheid uit in alle vervoerregio's.", P),
                ("De voortgang van de basisbereikbaarheid wordt jaarlijks gemonitord.", P),
            )),
            _s("1.2", "Oosterweel", (
                ("We ronden de financiering van de Oosterweelverbinding af met de Europese"
                 " Investeringsbank.", P),
                ("We pakken de verontreinigde bodemmaterialen op de Oosterweelwerf aan.", P),
            )),
            _s("1.3", "Kilometerheffing", (
                ("We sluiten met de sector transport en logistiek een nieuw sectorconvenant"
                 " over de kilometerheffing.", P),
                ("De opbrengst van de kilometerheffing wordt herverdeeld via flankerend"
                 " beleid.", P),
            )),
            _s("1.4", "Luchthavens", (
                ("We werken een visie uit op de toekomst van de Vlaamse regionale"
                 " luchthavens.", P),
                ("We beperken de geluidshinder rond de luchthaven Brussel-Nationaal.", P),
            )),
        )),
        Chapter("2", "Omgeving en erfgoed", (
            ("Een gezonde omgeving is een voorwaarde voor welvaart.", C),
        ), (
            _s("2.1", "Stikstof", (
                ("De stikstofuitstoot blokkeert vandaag te veel vergunningen.", C),
                ("We voeren een programmatische aanpak stikstof in.", P),
            ), (
                ("Varkenshouders die hun stallen vrijwillig stopzetten, worden"
                 " vergoed.", P),
            )),
            _s("2.2", "Water", (
                ("We investeren via de Blue Deal in natte natuur en tegen"
                 " waterschaarste.", P),
                ("We geven bedrijven ecologiesteun voor investeringen in"
                 " waterbesparing.", P),
            )),
            _s("2.3", "Onroerend erfgoed", (
                ("We ondersteunen de restauratie van beschermd onroerend erfgoed met"
                 " erfgoedpremies.", P),
                ("De werking van het agentschap Onroerend Erfgoed wordt vereenvoudigd.", P),
            )),
            _s("2.4", "Europa en brexit", (
                ("We steunen de door de brexit getroffen bedrijven bij het internationaal"
                 " ondernemen.", P),
            )),
        )),
    )),
)


def promises() -> list[tuple[str, str, str]]:
    """(chapter title, section number or "" for the chapter's own text, sentence) of every
    promise, in document order."""
    found = []
    for part in OUTLINE:
        for chapter in part.chapters:
            found.extend((chapter.title, "", text) for text, promised in chapter.intro
                         if promised)
            for section in chapter.sections:
                found.extend((chapter.title, section.number, text)
                             for paragraph in section.paragraphs
                             for text, promised in paragraph if promised)
    return found


def sentences() -> list[tuple[str, str, str, bool]]:
    """(chapter title, section number or "", sentence, is a promise) of every sentence."""
    found = []
    for part in OUTLINE:
        for chapter in part.chapters:
            found.extend((chapter.title, "", text, promised) for text, promised in chapter.intro)
            for section in chapter.sections:
                found.extend((chapter.title, section.number, text, promised)
                             for paragraph in section.paragraphs for text, promised in paragraph)
    return found


def section_count() -> int:
    return sum(len(chapter.sections) for part in OUTLINE for chapter in part.chapters)


def second_agreement() -> bytes:
    """The PDF: a cover, a table of contents, a page per part, each chapter from a new page."""
    body, entries = _body_pages(first_page=3)
    return make_pdf([_cover(), _table_of_contents(entries), *body])


# --- layout -------------------------------------------------------------------------------

TOP, BOTTOM = 740.0, 70.0  # the text area, between the running headers and the page number
COLUMNS = (57.0, 305.0)
STEP = 13.0  # body line pitch (10 pt text)
HEADING_STEP = 15.0
WIDTH = 42  # characters of body text per column line (Helvetica 10 pt in 233 pt)
HEADING_WIDTH = 34
SOFT_HYPHEN = "\u00ad"
_VOWELS = set("aeiouyëïéè")


def _cover() -> Page:
    return [(81.0, 636.0, 36.0, COVER[0]), (84.0, 560.0, 30.0, COVER[1])]


def _table_of_contents(entries: list[tuple[str, str | None, str, int]]) -> Page:
    """One page: "Inhoudstafel", then each entry with its page (parts in capitals)."""
    lines: Page = [*page_furniture(2), (526.0, 790.0, 6.0, "Inhoudstafel"),
                   (57.0, 760.0, 14.0, "Inhoudstafel")]
    y = 730.0
    indent = {0: 57.0, 1: 80.0, 2: 99.0}
    for kind, number, title, page in entries:
        if kind == "part":
            y -= 8.0
            lines.append((57.0, y, 11.0, f"{title.upper()} {page}"))
        elif kind == "chapter":
            lines.append((57.0, y, 11.0, f"{number} \u2014 {title} {page}"))
        else:
            depth = (number or "").count(".")
            lines.append((indent[min(depth, 2)], y, 9.0, f"{number} {title} {page}"))
        y -= 14.0
    assert y > BOTTOM, "the table of contents outgrew its page"
    return lines


class _Flow:
    """Lines poured into two columns, page after page, with the running headers of each."""

    def __init__(self, first_page: int):
        self.pages: list[Page] = []
        self.first_page = first_page
        self.column = 0
        self.y = TOP
        self.header = ""

    @property
    def page_number(self) -> int:
        return self.first_page + len(self.pages) - 1

    def new_page(self, header: str = "") -> None:
        self.header = header
        furniture = page_furniture(self.first_page + len(self.pages))
        if header:
            furniture += [(493.0, 805.0, 8.0, "Vlaamse regering"), (420.0, 792.0, 6.0, header)]
        self.pages.append(furniture)
        self.column, self.y = 0, TOP

    def room(self, lines: int, step: float = STEP) -> None:
        """Go on in the next column (or page) when fewer than `lines` lines fit here."""
        if self.y - (lines - 1) * step < BOTTOM:
            if self.column == 0:
                self.column, self.y = 1, TOP
            else:
                self.new_page(self.header)

    def line(self, text: str, size: float = 10.0, step: float = STEP) -> None:
        self.room(1, step)
        self.pages[-1].append((COLUMNS[self.column], self.y, size, text))
        self.y -= step

    def gap(self) -> None:
        if self.y < TOP:  # never at the top of a column
            self.y -= STEP


def _body_pages(first_page: int) -> tuple[list[Page], list[tuple[str, str | None, str, int]]]:
    flow = _Flow(first_page)
    entries: list[tuple[str, str | None, str, int]] = []
    for part in OUTLINE:
        flow.new_page()
        flow.pages[-1].append((80.0, 680.0, 28.0, part.title))
        entries.append(("part", None, part.title, flow.page_number))
        for chapter in part.chapters:
            flow.new_page(chapter.title)
            entries.append(("chapter", chapter.number, chapter.title, flow.page_number))
            flow.line(f"{chapter.number} \u2014 {chapter.title}", 16.0, 24.0)
            _paragraph(flow, chapter.intro)
            for section in chapter.sections:
                flow.gap()
                title = _wrap(section.title, HEADING_WIDTH, hyphenate=False)
                flow.room(len(title) + 3, HEADING_STEP)  # a heading never ends a column
                entries.append(("section", section.number, section.title, flow.page_number))
                for text in (section.number, *title):
                    flow.line(text, 12.0, HEADING_STEP)
                for paragraph in section.paragraphs:
                    _paragraph(flow, paragraph)
    return flow.pages, entries


def _paragraph(flow: _Flow, sentences: tuple[tuple[str, bool], ...]) -> None:
    if not sentences:
        return
    flow.gap()
    for text in _wrap(" ".join(sentence for sentence, _ in sentences), WIDTH):
        flow.line(text)


def _wrap(text: str, width: int, hyphenate: bool = True) -> list[str]:
    """Greedy lines of at most `width` characters; a long word that does not fit is broken
    with a soft hyphen where the parser joins it again (not between two vowels)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= width:
            current = candidate
            continue
        room = width - len(current) - (2 if current else 1)  # a space and the hyphen
        cut = _break(word, room) if hyphenate else None
        if cut is not None:
            lines.append(f"{current} {word[:cut]}{SOFT_HYPHEN}".strip())
            current = word[cut:]
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def _break(word: str, room: int) -> int | None:
    """Where to break `word` to fit `room` characters before the hyphen: a lower-case word
    of letters, both halves at least four letters, never between two vowels."""
    letters = word.rstrip(".,;")
    if len(letters) < 10 or not letters.isalpha() or not letters.islower():
        return None
    for cut in range(min(room, len(letters) - 4), 3, -1):
        head, tail = word[:cut], word[cut:]
        if not ((head[-1] in _VOWELS and tail[0] in _VOWELS)
                or (head.endswith("ij") and tail[0] == "i") or head in {"niet", "vice"}):
            return cut
    return None
