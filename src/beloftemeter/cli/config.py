"""`beloftemeter config`: the settings in force and where they come from."""

from __future__ import annotations

from typing import Annotated

import typer

from beloftemeter import config as config_module
from beloftemeter.cli.common import Context, console, print_json
from beloftemeter.store.urls import redacted_url


def show_config(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
) -> None:
    """Toon de instellingen die gelden (standaard, TOML-bestand, BELOFTEMETER_*-variabelen)."""
    context: Context = ctx.obj
    # Keys are secrets: say whether one is set, never print it; a store URL shows no password.
    values = {k: ("***" if k.endswith("_api_key") and v else v)
              for k, v in context.settings.as_dict().items()}
    values["store_url"] = redacted_url(values["store_url"])
    if as_json:
        print_json(values)
        return
    help_texts = config_module.describe()
    for key, value in values.items():
        env = config_module.ENV_PREFIX + key.upper()
        console.print(f"{key} = {value!r}", markup=False)
        console.print(f"    {help_texts[key]} (omgevingsvariabele {env})", markup=False)
