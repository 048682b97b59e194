"""The README documents every command and every configuration key (Datasette's habit)."""

from pathlib import Path

import typer.main

from beloftemeter import config
from beloftemeter.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _command_paths(command, prefix: str = "beloftemeter") -> list[str]:
    if hasattr(command, "commands"):
        paths = []
        for name, sub in command.commands.items():
            paths.extend(_command_paths(sub, f"{prefix} {name}"))
        return paths
    return [prefix]


def test_every_command_appears_in_the_readme():
    missing = [p for p in _command_paths(typer.main.get_command(app)) if f"`{p}" not in README]
    assert not missing, f"niet in README: {missing}"


def test_every_configuration_key_appears_in_the_readme():
    missing = [key for key in config.describe() if f"`{key}`" not in README]
    assert not missing, f"niet in README: {missing}"


def test_readme_starts_with_the_two_commands():
    head = README.split("\n## ", 1)[0]
    assert "make run" in head
    assert "make test" in head
