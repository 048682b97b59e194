"""Which promises can be checked against decisions (the `niet te beoordelen` rule)."""

import pytest
from assessment_fixtures import evidence

from beloftemeter.analysis.status import assess
from beloftemeter.analysis.verifiability import unverifiable_reason, vague_reason
from beloftemeter.models.assessment import Linked


@pytest.mark.parametrize(
    "promise",
    [
        "We handhaven het verbod op onverdoofd slachten.",
        "We gaan complexloos om met de Vlaamse identiteit.",
        "We kenden vijf bewogen jaren binnen het adoptielandschap.",
        "Waar nodig zullen bijkomende maatregelen genomen worden.",
        "Voor zover nodig wordt dit afgestemd op een IMC.",
        "We willen een geëngageerde en betrouwbare partner zijn van lokale overheden.",
        "Willen we onze welvaart vergroten, dan moeten we blijven inzetten op export.",
        "Vlaanderen werkt volop aan haar eigen omslag naar een klimaatneutrale samenleving.",
        "We zoeken daarbij onder andere inspiratie bij buitenlandse modellen.",
        "De regering erkent het belang van zelfstandigen en vrije beroepen in de zorg.",
        "Vlaanderen wordt de volgende jaren geconfronteerd met ingrijpende evoluties.",
        "We doen dit telkens op maat van het individu en onafhankelijk van statuut.",
        "We nemen een assertieve houding aan bij schendingen van de taalwetgeving.",
        "Hiervoor beschikken we al enkele jaren over een degelijk kader.",
    ],
)
def test_keeping_looking_back_hedging_or_aspiring_is_not_verifiable(promise):
    assert unverifiable_reason(promise)


@pytest.mark.parametrize(
    "promise",
    [
        "We voeren een kilometerheffing voor vrachtwagens in.",
        "Syntra Vlaanderen wordt opgeheven.",
        "Daartoe richten we een expertenpanel voor interlandelijke adoptie op.",
        # an aspiration that names an instrument a decision can establish
        "We willen een Vlaams Randfonds zijn dat investeert in de Rand.",
        # an aspiration in a trailing clause does not make the act vague
        "We rollen een slimme watermeter uit; daarbij streven we naar afstemming met de"
        " energiemeters.",
        "Inburgeraars betalen twee keer 90 euro wanneer ze een contract tekenen.",
    ],
)
def test_a_concrete_act_or_instrument_is_verifiable(promise):
    assert unverifiable_reason(promise) is None
    assert vague_reason(promise) is None


def test_steering_without_an_act_is_vague():
    assert vague_reason("We stimuleren samenwerking over instellingen heen.")
    assert vague_reason("De Vlaamse regering stimuleert ondernemerschap en innovatie.")
    assert vague_reason("De regering fuseert de twee agentschappen.") is None
    assert vague_reason("Wij zetten ons ook in voor de taalkundige diversiteit binnen Europa.")
    assert vague_reason("We voeren een top-locatiebeleid voor de economie van de toekomst.")
    assert vague_reason("We kiezen voor een innovatieve omgang met ons patrimonium.")
    assert vague_reason("We versterken de zichtbaarheid van Vlaanderen internationaal.")
    # pointing back: what is promised was said in the sentence before
    assert vague_reason("Dit verbod wordt ten volle opgevolgd.")
    assert vague_reason("Zo wordt het een automatisme in alle beleidsdomeinen.")
    assert unverifiable_reason("We doen dit door: een premie; een lening.") is None
    assert vague_reason("We ondersteunen de patiëntenverenigingen in Vlaanderen.")
    assert vague_reason("We verlagen de kinderbijslag met 10 euro.") is None
    # pursuing or developing a policy, tuning, using what exists, bringing closer, permeating
    assert vague_reason("We voeren daarom een integraal Vlaams industriebeleid.")
    assert vague_reason("Daarnaast ontwikkelen we een breder integratiebeleid.")
    assert vague_reason("De acties worden nauw afgestemd met de federale inspanningen.")
    assert vague_reason("We maken gebruik van de mogelijkheden die het bedrijfsleven biedt.")
    assert vague_reason("Daarom brengen we onderwijs en vorming dichter bij het bedrijfsleven.")
    assert vague_reason("Er wordt verder werk gemaakt van de bescherming tegen huurachterstallen.")
    assert vague_reason("Elk beleidsdomein laat de maatregelen maximaal doorwerken.")
    assert vague_reason("We ontwikkelen een nieuw decreet over het integratiebeleid.") is None
    assert vague_reason("We ontwikkelen een breder integratiebeleid.")  # word order is moot


@pytest.mark.parametrize(
    "promise",
    [
        # a role beside an act, or the coordination of an instrument, stays verifiable
        "We verkorten de procedure van de sanctionering en zien erop toe dat deze op een"
        " uniforme wijze wordt toegepast.",
        "De minister-president neemt de coördinatie op zich van een nieuw actieplan tegen"
        " armoede.",
        "We zien erop toe dat de kilometerheffing voor vrachtwagens tegen 2022 ingevoerd wordt.",
        # concrete promises that share a word with the vague markers
        "Ook de LOP-werking wordt voor het basisonderwijs afgestemd op die van het secundair.",
        "Daarnaast maken we gebruik van de mogelijkheid om ondernemers gastlessen te laten"
        " geven.",
        "Langer doorwerken moet lonen: we verhogen de jobbonus voor oudere werknemers.",
        "We belonen wie na de pensioenleeftijd doorwerkt met een extra vakantiedag.",
        "We laten de werknemers langer doorwerken.",
        "Tegen 2025 is de kilometerheffing voor vrachtwagens ingevoerd op alle gewestwegen.",
    ],
)
def test_markers_of_roles_and_vagueness_leave_concrete_promises_alone(promise):
    assert unverifiable_reason(promise) is None
    assert vague_reason(promise) is None


def _assessed(promise, *decisions):
    linked = Linked(tuple(decisions), (), "fp", ("patientenverenig",))
    return assess("welzijn/1.1", 0, 10, promise, linked)


def test_a_vague_promise_without_evidence_is_not_verifiable_rather_than_not_done():
    result = _assessed("We ondersteunen de patiëntenverenigingen in Vlaanderen.")
    assert result.status == "niet te beoordelen"
    assert "zonder concrete maatregel" in result.reason


def test_a_vague_promise_with_evidence_keeps_the_status_its_evidence_shows():
    result = _assessed("We ondersteunen de patiëntenverenigingen in Vlaanderen.",
                       evidence("a", "2021-01-01", "subsidie", "toekenning"))
    assert result.status == "uitgevoerd"


def test_an_aspiration_is_not_verifiable_even_with_related_evidence():
    result = _assessed("We willen een betrouwbare partner zijn van de lokale besturen.",
                       evidence("a", "2021-01-01", "besluit", "definitieve_goedkeuring"))
    assert result.status == "niet te beoordelen"
    assert "streven" in result.reason


@pytest.mark.parametrize(
    "promise",
    [
        "We onderschrijven de doelstellingen van het akkoord van Parijs.",
        "NADO Vlaanderen blijft als onafhankelijke entiteit functioneren.",
        "We verwachten van elke burger dat hij zijn verantwoordelijkheid neemt.",
        "Door de demografische groei staat de open ruimte onder druk.",
        "Bij gebreke aan resultaten neemt de regering het initiatief.",
        "In 2017 telde Vlaanderen 23.225 landbouwbedrijven, waarvan 78% met beroepsmatig"
        " karakter.",
        # only who watches over or coordinates: a division of roles
        "De Vlaamse minister bevoegd voor Brussel ziet hierop toe.",
        "De minister neemt de coördinatie op zich voor de opvolging van de verdragen.",
    ],
)
def test_endorsing_continuing_stating_facts_or_conditions_is_not_verifiable(promise):
    assert unverifiable_reason(promise)


def test_a_sentence_without_we_that_still_promises_is_verifiable():
    assert unverifiable_reason("Er komt een nieuw convenant voor duurzame visserij.") is None
    assert unverifiable_reason("Het agentschap wordt opgeheven.") is None


def test_what_was_found_for_an_unverifiable_promise_is_context_not_evidence():
    result = _assessed("We willen een betrouwbare partner zijn van de lokale besturen.",
                       evidence("a", "2021-01-01", "besluit", "definitieve_goedkeuring"))
    assert result.evidence == ()
    assert [c.decision_id for c in result.context] == ["a"]
    assert all(c.role == "context" for c in result.context)
    assert (result.rung, result.first_date, result.reached_on) == (0, None, None)
