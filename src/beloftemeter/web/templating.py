"""The page templates and the helpers they call: charts, status classes, escaped addresses
under the request's agreement (`link`), outside links that can only be http(s), the agreement's
name and term, and Dutch words for dates, stages, types and amounts."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from beloftemeter.dutch_dates import long_date
from beloftemeter.dutch_numbers import count_of, euro, number
from beloftemeter.models.assessment import STATUSES
from beloftemeter.models.labels import instrument_name, kind_of_decision, stage_name
from beloftemeter.reports.html import STATUS_CLASSES, markdown_html
from beloftemeter.web.agreement_paths import link
from beloftemeter.web.agreement_words import agreement_name, term_words
from beloftemeter.web.charts import status_bar
from beloftemeter.web.formatting import status_line
from beloftemeter.web.links import decision_url, safe_link, section_json_url, section_url
from beloftemeter.web.state import WebState

TEMPLATES = Path(__file__).parent / "templates"


def make_templates(state: WebState) -> Jinja2Templates:
    """The templates, with the tree of the request's agreement (`state.snapshot`) to name
    where a section stands."""
    templates = Jinja2Templates(directory=TEMPLATES)
    templates.env.globals.update(
        link=link, agreement=lambda: state.agreement, agreement_name=agreement_name,
        agreement_count=lambda: len(state.by_slug),
        term_words=term_words,
        place=lambda key: state.snapshot.place(key),
        trail=lambda key: state.snapshot.trail(key),
        part_number=lambda key: state.snapshot.part_number(key),
        status_bar=lambda r: Markup(status_bar(r)),
        status_class=lambda s: STATUS_CLASSES.get(s, "s-nvt"),
        statuses=STATUSES, markdown=markdown_html, safe_link=safe_link,
        decision_url=decision_url, section_url=section_url, section_json_url=section_json_url,
        kind_of_decision=kind_of_decision, count_of=count_of, status_line=status_line,
    )
    templates.env.filters.update(long_date=long_date, stage_name=stage_name,
                                 instrument_name=instrument_name, euro=euro,
                                 number=number)
    return templates
