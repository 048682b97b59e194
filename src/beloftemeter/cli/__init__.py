"""The `beloftemeter` command. Each sub-command group lives in its own module of this package
and is a thin shell over library functions; errors become one Dutch line and an exit code."""

from __future__ import annotations

import contextvars
import logging
import sys
from typing import Annotated

import typer

from beloftemeter import __version__
from beloftemeter.cli import dutch_help
from beloftemeter.cli.common import AgreementOption, Context, console, err_console
from beloftemeter.errors import BeloftemeterError

dutch_help.install()

app = typer.Typer(
    name="beloftemeter",
    help="Wat deed de Vlaamse Regering met de beloften uit haar regeerakkoord?",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _root(
    ctx: typer.Context,
    config: Annotated[
        str | None, typer.Option("--config", help="Pad naar een TOML-configuratiebestand.")
    ] = None,
    store: Annotated[
        str | None,
        typer.Option("--opslag", help="Opslag (sqlite:///PAD); overschrijft de configuratie."),
    ] = None,
    agreement: AgreementOption = None,
    verbose: Annotated[bool, typer.Option("--uitgebreid", "-v", help="Toon meer details.")] = False,
) -> None:
    """Wat deed de Vlaamse Regering met de beloften uit haar regeerakkoord?"""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    ctx.obj = Context(config_file=config, store_url=store, agreement_slug=agreement)


@app.command("versie")
def version() -> None:
    """Toon de versie."""
    console.print(f"beloftemeter {__version__}")


def _register() -> None:
    # Imported here so each group's module only loads its own dependencies. The modules are
    # named for the Dutch commands they hold.
    from beloftemeter.cli import config as config_cli
    from beloftemeter.cli.beslissingen import app as decisions_app

    app.command("config")(config_cli.show_config)
    app.add_typer(decisions_app, name="beslissingen")
    from beloftemeter.cli import akkoord as agreement_cli  # akkoord import, lijst, toon
    from beloftemeter.cli import zoek as search_cli  # zoek, indexeer, evalueer

    app.add_typer(agreement_cli.app, name="akkoord")
    search_cli.register(app)
    from beloftemeter.cli import bouw as build_cli  # the main job: pipeline.build

    app.command("bouw")(build_cli.build)
    from beloftemeter.cli.analyseer import analyse  # promise statuses and roll-ups

    app.command("analyseer")(analyse)
    from beloftemeter.cli.rapport import report  # evaluation reports per section

    app.command("rapport")(report)
    from beloftemeter.cli.serve import serve  # the web app

    app.command("serve")(serve)
    from beloftemeter.cli.beleid import app as policy_app  # policy notes and plans

    app.add_typer(policy_app, name="beleid")
    from beloftemeter.cli.beloften import app as promises_app  # the promises one by one

    app.add_typer(promises_app, name="beloften")
    from beloftemeter.cli.gebruiker import app as accounts_app  # the editors' accounts

    app.add_typer(accounts_app, name="gebruiker")
    from beloftemeter.cli.redactie import app as review_app  # the queue and the export

    app.add_typer(review_app, name="redactie")
    from beloftemeter.cli.opslag import app as store_app  # copy and compare whole stores

    app.add_typer(store_app, name="opslag")


_register()


def main() -> None:
    from beloftemeter.cli.usage_errors import dutch_usage_error

    try:
        # Not standalone: the library's own (English, multi-line) error output is replaced.
        # In a copy of the context: the agreement a run chooses (store.scope) ends with it,
        # also when a test runs several commands in one process.
        code = contextvars.copy_context().run(app, standalone_mode=False,
                                              prog_name="beloftemeter")
    except BeloftemeterError as exc:
        err_console.print(f"fout: {exc.message}", markup=False, highlight=False, soft_wrap=True)
        raise SystemExit(exc.exit_code) from None
    except (KeyboardInterrupt, typer.Abort):
        # Imports, syncs and assessments resume; a store copy is all-or-nothing.
        again = ("er is niets gekopieerd; opnieuw starten begint opnieuw" if "kopieer" in sys.argv
                 else "opnieuw starten gaat verder waar het stopte")
        err_console.print(f"onderbroken: {again}.")
        raise SystemExit(130) from None
    except typer.TyperException as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # a group called bare: show its help
            console.print(exc.format_message(), markup=False, highlight=False)
            raise SystemExit(0) from None
        context = getattr(exc, "ctx", None)
        path = context.command_path if context is not None else "beloftemeter"
        err_console.print(f"fout: {dutch_usage_error(exc.format_message(), path)}",
                          markup=False, highlight=False, soft_wrap=True)
        raise SystemExit(getattr(exc, "exit_code", 2)) from None
    if isinstance(code, int) and code:
        raise SystemExit(code)
