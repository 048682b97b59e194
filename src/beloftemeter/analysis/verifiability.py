"""Whether a promise asks for something a decision could show: the `niet te beoordelen` rule.

Many sentences the agreement states as intentions name no act to check ("Waar nodig zullen
bijkomende maatregelen genomen worden", "We willen een betrouwbare partner zijn", "Vlaanderen
werkt volop aan haar omslag naar ..."). Searching for them finds loosely related decisions, and
calling them `geen beslissing gevonden` blames the government for not doing what was never
concrete. A promise is judged not verifiable when it

- keeps the status quo or states an attitude ("We handhaven het verbod ...", "... verwerpt
  racisme ...", "We onderschrijven ...", "NADO Vlaanderen blijft ... functioneren", "We
  verwachten van elke burger ..."): no decision is needed for it;
- only looks back ("We kenden vijf bewogen jaren ..."): past tense, nothing promised;
- states a fact: no actor (we, the government, a minister) and no verb that promises
  ("Door het ruimtegebruik ... staat de open ruimte onder druk");
- is hedged or conditional as a whole ("Waar nodig ...", "Bij gebreke aan resultaten ...");
- only divides roles ("De minister bevoegd voor Brussel ziet hierop toe.");
- or is an aspiration: a wish to be something, to keep investing in, to work towards, to
  seek inspiration, to widen a role or focus,

unless it also names a concrete instrument (a decree, a fund, a plan, an agency, an amount, a
date) that a decision could establish. Attitudes, continuations and looking back are judged
first, even beside an instrument's name. The markers were written from the tuning labels
(`tests/fixtures/assessment_labels.json`); a held-out set labelled blind to them measures them.
"""

from __future__ import annotations

import re

# Keeps what exists or states an attitude: the subject, then such a verb.
_STATUS_QUO = re.compile(
    r"^(?:we|wij|de vlaamse regering|vlaanderen)\s+(?:zullen\s+)?"
    r"(?:handhav\w*|handhaaft|behoud\w*|vrijwar\w*|vrijwaart|verwerp\w*|veroordel\w*|"
    r"gaan\s+\w+\s+om\s+met)\b",
    re.IGNORECASE,
)
# An attitude or a continuation anywhere in the main clause: endorsing principles, expecting
# something of citizens, not touching rights, basing policy on facts, something staying as is.
_ATTITUDE = re.compile(
    r"\bonderschrij(?:f|v)\w*|\bdoen\s+(?:we\s+)?geen\s+afbreuk\b|\bverwacht(?:en)?\s+(?:we\s+)?van\b"
    r"|\bbaseren\s+(?:we\s+)?ons\s+beleid\b"
    r"|\berkenn?(?:t|en)\s+(?:we\s+)?(?:het|de)\s+belang\b"
    r"|\bne(?:em|men)\s+(?:we\s+)?een\s+\w+\s+houding\s+aan\b|\bbeschikken\s+(?:we|wij)\s+al\b"
    r"|\bblijf?t?\b[^.;]*\b(?:functioneren|bestaan)\b|\bbehouden\s+blijven\b",
    re.IGNORECASE,
)
# Only who watches over or coordinates, as the sentence's whole predicate: a division of roles
# ("De minister bevoegd voor Brussel ziet hierop toe."), not an act. Judged after the concrete
# markers: "... neemt de coördinatie op zich van een nieuw actieplan" stays verifiable.
_ROLE = re.compile(
    r"^(?:de\s+[^,.;]{0,80}?|we|wij)\s+(?:"
    r"(?:ziet|zien)\s+(?:\w+\s+)?(?:hier|er|daar)op\s+toe\s*\.?$|"
    r"neemt\s+de\s+coördinatie\s+op\s+zich\b)",
    re.IGNORECASE,
)
# A statement of fact: no actor (we, the government, a minister) and no verb that promises.
_ACTOR = re.compile(r"\b(?:we|wij|ons|onze|regering|minister|overheid)\b", re.IGNORECASE)
_PROMISING = re.compile(
    r"\b(?:wordt|worden|zal|zullen|moet|moeten|kan|kunnen|komt|komen)\b", re.IGNORECASE)
_STATES_A_FACT = "De zin stelt iets vast en belooft geen daad van de regering."
# A fact about the world, in the passive: "Vlaanderen wordt ... geconfronteerd met ...".
_FACT = re.compile(r"\b(?:wordt|worden)\b[^.;]*\bgeconfronteerd\s+met\b", re.IGNORECASE)
# How an earlier sentence's promise is carried out ("We doen dit telkens op maat ..."), without
# a list of its own: the promise is the sentence before it.
_MANNER = re.compile(r"^(?:we|wij)\s+doen\s+dit\b(?![^.]*:)", re.IGNORECASE)
# Looks back: the first verb after the subject is in the past tense.
_PAST = re.compile(
    r"^(?:we|wij|de vlaamse regering|vlaanderen)\s+"
    r"(?:kenden|waren|hadden|voerden|deden|realiseerden|namen)\b"
    # a figure of a past year: "In 2017 telde Vlaanderen 23.225 landbouwbedrijven"
    r"|^in\s+(?:19|20)\d\d\b[^.;]{0,30}?\b(?:telde|telden|was|waren|had|hadden|bedroeg|"
    r"bedroegen|kende|kenden)\b",
    re.IGNORECASE,
)
# The whole sentence is conditional on a need nobody has to establish.
_HEDGED = re.compile(
    r"^(?:(?:waar|voor zover|indien|zo|als het)\s+nodig|bij\s+gebreke|indien|mocht)\b",
    re.IGNORECASE)
# An aspiration rather than an act.
_ASPIRATION = re.compile(
    r"\b(?:willen|wensen)\s+(?:we|wij\s+)?(?:een|de|het|onze?)?\b[^.;:]{0,80}\b(?:zijn|blijven)\b"
    r"|^willen\s+we\b"
    r"|\bblijven\s+(?:volop\s+)?inzetten\b"
    r"|\bwerk(?:t|en)\s+(?:we\s+)?volop\s+aan\b"
    r"|\binspiratie\b"
    r"|\bstreven\s+(?:we\s+)?naar\b"
    r"|\bverbreden\s+(?:we\s+)?de\s+focus\b"
    r"|\bverruimen\s+(?:we\s+)?de\s+rol\b",
    re.IGNORECASE,
)
# Something a decision can establish: an instrument, an organisation, an amount or a date.
_CONCRETE = re.compile(
    r"\b(?:\w*decreet\w*|\w*besluit\w*|\w*fonds\w*|\w*agentschap\w*|\w*actieplan\w*|"
    r"\w*premie\w*|\w*subsidie\w*|\w*heffing\w*|\w*overeenkomst\w*|\w*akkoord\w*|"
    r"\w*protocol\w*|\w*convenant\w*|"
    r"\w*register\w*|\w*regelgev(?:ing|end)\w*|wet|wetgev\w*|wetswijz\w*|\w*wetboek|\w*centrum|\w*panel|"
    r"\w*programma\w*|\w*plan|kader|\w*loket|\w*label|\w*statuut|\w*screening)\b"
    r"|\d",
)
# An act a decision can record: founding, introducing, abolishing, merging, reforming, drawing
# up, evaluating, rolling out, agreeing.
_CONCRETE_ACT = re.compile(
    r"\b(?:richt\w*\b[^.;]*\bop|opricht\w*|opgericht\w*|invoer\w*|ingevoerd|"
    r"voer(?:en|t)\b[^.;]*\bin\b|afschaf\w*|afgeschaft|schaff\w*\b[^.;]*\baf\b|opheff\w*|"
    r"opgeheven|fuse[er]\w*|gefuseerd|hervorm\w*|rol(?:len|t)\b[^.;]*\buit\b|uitrol\w*|"
    r"stel(?:len|t)\b[^.;]*\bop\b|opstell\w*|opgesteld|evalu\w*|geëvalueerd|"
    r"onderzoek\w*|inkantel\w*|ingekanteld|voeg(?:en|t)\b[^.;]*\btoe\b|toevoeg\w*|"
    r"uitfase[er]\w*|afspraken|ontwikkel\w*\s+(?:een|het|de)\b(?![\w\s-]{0,40}beleid\b)|"
    r"verplicht\w*|erken\w*)",
    re.IGNORECASE,
)
# Verbs in -eren appear as -eert too ("stimuleert", "fuseert"): the patterns take both forms.
# A main clause that only steers or supports, without an act to check (tier two: only when
# no evidence was found, since a decision can still show such a promise carried out).
_VAGUE = re.compile(
    r"\b(?:stimule[er]\w*|ondersteun\w*|inzet\w*|zet(?:ten)?\s+(?:we\s+)?[^.;]*\bin\s+op|"
    r"strev\w*|zorg(?:en|t)\s+(?:we\s+)?(?:voor|ervoor|dat)|aandacht|oog\s+(?:hebben|voor)|"
    r"versnelling\s+hoger|bevorder\w*|blijv\w*|werk(?:en|t)\s+(?:we\s+)?"
    r"(?:verder\s+)?aan|doorbre\w*|drempels|vertrouwen|inspel\w*|wak(?:en|t)\s+over|"
    r"bewak\w*|sensibilise[er]\w*|promoo?t\w*|bijdrag\w*|bijdraag\w*|concretise[er]\w*|"
    r"doen\s+dit|verkrijgen\s+we|verder\s+(?:zetten|gaan)|aanmoedig\w*|aangemoedigd|"
    r"werk\s+(?:maken|gemaakt)\s+van|hanteer\w*|hanteren|blijft|"
    r"zet(?:ten)?\s+(?:we\s+|wij\s+)?ons\s+(?:ook\s+)?in\s+voor|"
    r"dra(?:agt|gen)\s+(?:\w+\s+){0,3}bij\b|kiezen\s+(?:we\s+)?voor|zichtbaarheid|keuzes|"
    r"(?:voer|ontwikkel)(?:en|t)\s+(?:we\s+)?(?:\w+\s+)?(?:een|het)\s+[\w\s-]{0,40}beleid|"
    r"afgestemd\s+met|(?:gebruik\s+(?:maken|gemaakt)|maken\s+(?:we\s+)?gebruik)\s+van\s+de"
    r"\s+mogelijkheden|dichter\s+bij|la(?:at|ten)\s+(?![^.;]{0,60}\blanger\b)[^.;]{0,60}\bdoorwerken|"
    r"doorwerking\s+in)\b",
    re.IGNORECASE,
)


def _main_clause(text: str) -> str:
    """The sentence up to its first semicolon or colon: a trailing clause ("...; daarbij
    streven we naar ...") does not make a concrete promise vague."""
    return re.split(r"[;:]", text, maxsplit=1)[0]


def unverifiable_reason(promise: str) -> str | None:
    """Why `promise` cannot be checked against decisions at all (Dutch), or None."""
    text = " ".join(promise.split())
    if _STATUS_QUO.search(text):
        return ("De belofte wil iets behouden of drukt een houding uit: daarvoor is geen"
                " beslissing nodig, en geen beslissing gaat ertegenin.")
    main = _main_clause(text)
    if _ATTITUDE.search(main):
        return ("De belofte drukt een houding of verwachting uit, of laat iets zoals het is:"
                " daarvoor is geen beslissing nodig.")
    if _PAST.search(text):
        return "De zin blikt terug op wat eerder gebeurde en belooft niets nieuws."
    if _FACT.search(main):
        return _STATES_A_FACT
    if _MANNER.search(text):
        return ("De zin zegt hoe een eerdere belofte uitgevoerd wordt en belooft zelf niets"
                " nieuws.")
    if _CONCRETE.search(text) or _CONCRETE_ACT.search(text):
        return None
    if _ROLE.search(text):
        return ("De zin verdeelt alleen rollen (wie toeziet of coördineert) en belooft zelf"
                " geen daad.")
    if _HEDGED.search(main):
        return ("De belofte hangt af van een nood die niet vastligt (\"waar nodig\") en noemt"
                " geen concrete maatregel.")
    if _ASPIRATION.search(main):
        return ("De belofte drukt een streven of houding uit zonder concrete maatregel die in"
                " een beslissing terug te vinden is.")
    if not _ACTOR.search(text) and not _PROMISING.search(text):
        return _STATES_A_FACT
    return None


# A sentence that starts by pointing back ("Zo wordt het ...", "Dit verbod wordt ...", "Door te
# investeren ... maken we ..."): what it promises was said in the sentence before.
_POINTS_BACK = re.compile(r"^(?:zo|dit|door\s+te)\b", re.IGNORECASE)


def vague_reason(promise: str) -> str | None:
    """Why `promise`, if no decision shows it carried out, is better called not verifiable
    than not done: it only steers or supports and names no act or instrument (Dutch), or None."""
    text = " ".join(promise.split())
    if _CONCRETE.search(text) or _CONCRETE_ACT.search(text):
        return None
    if _VAGUE.search(_main_clause(text)) or _POINTS_BACK.search(text):
        return ("De belofte geeft een richting aan (stimuleren, ondersteunen, inzetten op ...)"
                " zonder concrete maatregel, en geen beslissing toont ze uitgevoerd.")
    return None
