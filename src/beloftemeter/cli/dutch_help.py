"""Typer's own words in Dutch: the headings of a help screen, the help option and the markers
of defaults and required values.

Typer translates its headings through `gettext` with the user's locale, which gives one
program no way to choose its catalogue, so its `_` is pointed at this table; the Click it
vendors writes "Usage:" and the help option's text in English with no hook at all, so those
two are wrapped. Messages the table does not hold stay as they are (usage errors are
rewritten by `usage_errors`)."""

from __future__ import annotations

DUTCH = {
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Arguments": "Argumenten",
    "default: {default}": "standaard: {default}",
    "required": "verplicht",
    "env var: {var}": "omgevingsvariabele: {var}",
    "(dynamic)": "(dynamisch)",
    "deprecated": "verouderd",
}


def translate(message: str) -> str:
    return DUTCH.get(message, message)


USAGE = "Gebruik: "
HELP_OPTION = "Toon deze hulp en stop."


def install() -> None:
    """Make Typer's help screens speak Dutch in this process (idempotent)."""
    import typer.core
    from typer._click import core as click_core
    from typer._click import formatting

    typer.core._ = translate  # type: ignore[attr-defined]
    if getattr(formatting.HelpFormatter.write_usage, "_dutch", False):
        return
    write_usage = formatting.HelpFormatter.write_usage
    get_help_option = click_core.Command.get_help_option

    def dutch_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, USAGE if prefix is None else prefix)

    def dutch_help_option(self, ctx):
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = HELP_OPTION
        return option

    dutch_usage._dutch = True  # type: ignore[attr-defined]
    formatting.HelpFormatter.write_usage = dutch_usage  # type: ignore[method-assign]
    click_core.Command.get_help_option = dutch_help_option  # type: ignore[method-assign]
