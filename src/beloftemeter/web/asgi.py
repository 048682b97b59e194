"""The web app as an import string, for uvicorn's worker processes: `beloftemeter serve
--workers N` starts them (after web.startup.prepare), or by hand `uvicorn --factory
beloftemeter.web.asgi:create --workers N`. Each worker builds its own app, with its own
connection to the store, from the settings in force: the configuration file named by
BELOFTEMETER_CONFIG and the other BELOFTEMETER_* variables (`serve` passes its own that way).

A worker writes nothing at start: the session secret and the search index's words are the
start-up work of `serve` (or of any writing command such as `bouw`).
"""

from __future__ import annotations

from fastapi import FastAPI

from beloftemeter import config
from beloftemeter.web.app import create_app


def create() -> FastAPI:
    return create_app(config.load(), prepared=True)
