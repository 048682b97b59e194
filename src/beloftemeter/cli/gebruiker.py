"""`beloftemeter gebruiker`: the editors' accounts (maak, wachtwoord, lijst, blokkeer). Thin
shells over pipeline.accounts. A password is read from standard input when that is not a
terminal (scripts), else asked twice without echo; it is never printed."""

from __future__ import annotations

import getpass
import sys
from typing import Annotated

import typer

from beloftemeter.cli.common import Context, console, print_json
from beloftemeter.errors import InputError
from beloftemeter.models.accounts import ACCOUNT_ROLES
from beloftemeter.pipeline import accounts

app = typer.Typer(
    help="Accounts van de redactie: aanmaken, wachtwoord wijzigen, tonen en blokkeren.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _print(text: str) -> None:
    console.print(text, markup=False, highlight=False)


def interactive() -> bool:
    return sys.stdin.isatty()


def read_password() -> str:
    """The new password: the first line of standard input, or typed twice at a terminal."""
    if not interactive():
        line = sys.stdin.readline()
        if not line:
            raise InputError("Geen wachtwoord op standaardinvoer.")
        return accounts.check_password(line.rstrip("\r\n"))
    first = getpass.getpass("Wachtwoord: ")
    accounts.check_password(first)
    if getpass.getpass("Nog eens: ") != first:
        raise InputError("De twee wachtwoorden verschillen; er is niets veranderd.")
    return first


@app.command("maak")
def create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAAM", help="Gebruikersnaam (kleine letters).")],
    role: Annotated[str, typer.Option(
        "--rol", help=f"Rol: {' of '.join(ACCOUNT_ROLES)} (een beheerder beheert ook"
        " accounts).")],
) -> None:
    """Maak een account; het wachtwoord komt van standaardinvoer of wordt twee keer gevraagd."""
    accounts.check_name(name)
    accounts.check_role(role)
    context: Context = ctx.obj
    with context.store() as store:
        accounts.check_new_account(store, name, role)
        user = accounts.create_account(store, name, role, read_password())
    _print(f"Account {user.name} ({user.role}) aangemaakt.")


@app.command("wachtwoord")
def change_password(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAAM", help="Gebruikersnaam.")],
) -> None:
    """Geef een account een nieuw wachtwoord; zijn sessies worden beëindigd."""
    context: Context = ctx.obj
    with context.store() as store:
        accounts.existing_account(store, name)
        accounts.change_password(store, name, read_password())
    _print(f"Nieuw wachtwoord voor {name} bewaard; wie ingelogd was, moet opnieuw inloggen.")


@app.command("lijst")
def list_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
) -> None:
    """Toon de accounts: naam, rol, geblokkeerd, aangemaakt (nooit een wachtwoord)."""
    context: Context = ctx.obj
    with context.store() as store:
        users = accounts.list_accounts(store)
    if as_json:
        print_json([accounts.account_dict(user) for user in users])
        return
    if not users:
        _print("Nog geen accounts: maak er een met `beloftemeter gebruiker maak NAAM --rol"
               " beheerder`.")
        return
    for user in users:
        blocked = "geblokkeerd" if user.blocked else "actief"
        _print(f"{user.name:<32} {user.role:<10} {blocked:<12} aangemaakt {user.created_at}")


@app.command("blokkeer")
def block(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAAM", help="Gebruikersnaam.")],
) -> None:
    """Blokkeer een account: het kan niet meer inloggen en zijn sessies eindigen."""
    context: Context = ctx.obj
    with context.store() as store:
        if accounts.block_account(store, name):
            _print(f"Account {name} is geblokkeerd; zijn sessies zijn beëindigd.")
        else:
            _print(f"Account {name} was al geblokkeerd.")
