"""The page templates and the helpers they call: charts, status classes, escaped addresses and
outside links that can only be http(s)."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from beloftemeter.models.assessment import STATUSES
from beloftemeter.reports.html import STATUS_CLASSES, markdown_html
from beloftemeter.web.charts import status_bar
from beloftemeter.web.links import decision_url, safe_link, section_json_url, section_url

TEMPLATES = Path(__file__).parent / "templates"


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=TEMPLATES)
    templates.env.globals.update(
        status_bar=lambda r: Markup(status_bar(r)),
        status_class=lambda s: STATUS_CLASSES.get(s, "s-nvt"),
        statuses=STATUSES, markdown=markdown_html, safe_link=safe_link,
        decision_url=decision_url, section_url=section_url, section_json_url=section_json_url,
    )
    return templates
