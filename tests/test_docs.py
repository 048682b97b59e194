"""The docs document every command and configuration key, and every link in them holds.

Datasette's habit: a setting or command without its entry in docs/ fails the build. The
README stays short (the two commands first) and points into docs/, one page per topic.
"""

import re
import unicodedata
from pathlib import Path

import typer.main

from beloftemeter import config
from beloftemeter.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = [README, *sorted(DOCS.glob("*.md"))]

# Inline code, and the body of fenced code blocks: where docs name a command.
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
INLINE = re.compile(r"`([^`]+)`")
# A command as written: `beloftemeter` then words; an option, argument or quote ends it.
MENTION = re.compile(r"(?<![\w.-])beloftemeter((?: [a-z][a-z_-]*)+)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^(#{1,6}) +(.+?) *#*$", re.M)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _command_paths(command: object, prefix: str = "beloftemeter") -> list[str]:
    # Typer vendors its own click: a group is whatever has sub-commands.
    if hasattr(command, "commands"):
        paths = []
        for name, sub in command.commands.items():
            paths.extend(_command_paths(sub, f"{prefix} {name}"))
        return paths
    return [prefix]


def _groups(command: object, prefix: str = "beloftemeter") -> set[str]:
    if not hasattr(command, "commands"):
        return set()
    found = {prefix}
    for name, sub in command.commands.items():
        found |= _groups(sub, f"{prefix} {name}")
    return found


COMMANDS = _command_paths(typer.main.get_command(app))
GROUPS = _groups(typer.main.get_command(app))


def _code_spans(text: str) -> list[str]:
    spans = list(FENCE.findall(text))
    # Inline code may wrap onto the next line.
    spans.extend(span.replace("\n", " ") for span in INLINE.findall(FENCE.sub("", text)))
    return spans


def _mentioned_commands(text: str) -> set[str]:
    """Each command path named in code, cut where the real command tree says it ends."""
    mentioned = set()
    for span in _code_spans(text):
        for match in MENTION.finditer(span):
            words = match.group(1).split()
            path = "beloftemeter"
            for word in words:
                if path not in GROUPS:
                    break  # a leaf's arguments follow: not part of the command
                path = f"{path} {word}"
            mentioned.add(path)
    return mentioned


def _table_first_cells(text: str) -> list[str]:
    return [line.split("|")[1] for line in text.splitlines() if line.startswith("| ")]


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, markup and punctuation gone, spaces to '-'."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).lower()
    text = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN")
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    anchors = set()
    for _, title in HEADING.findall(FENCE.sub("", _read(path))):
        slug = _slug(title)
        anchors.add(slug if slug not in seen else f"{slug}-{seen[slug]}")
        seen[slug] = seen.get(slug, 0) + 1
    return anchors


def test_every_command_appears_in_the_command_page():
    cells = " ".join(_table_first_cells(_read(DOCS / "commandos.md")))
    missing = [p for p in COMMANDS if f"`{p}" not in cells]
    assert not missing, f"niet in docs/commandos.md: {missing}"


def test_every_command_the_docs_mention_is_real():
    unknown = {
        f"{page.relative_to(ROOT)}: {path}"
        for page in PAGES
        for path in _mentioned_commands(_read(page))
        if path not in COMMANDS and path not in GROUPS
    }
    assert not unknown, f"geen bestaand commando: {sorted(unknown)}"


def test_every_configuration_key_appears_in_the_configuration_page():
    cells = _table_first_cells(_read(DOCS / "configuratie.md"))
    documented = {cell.strip().strip("`") for cell in cells}
    missing = [key for key in config.describe() if key not in documented]
    assert not missing, f"niet in docs/configuratie.md: {missing}"


def test_the_configuration_page_documents_no_key_that_does_not_exist():
    cells = _table_first_cells(_read(DOCS / "configuratie.md"))
    documented = {cell.strip().strip("`") for cell in cells} - {"sleutel", "---"}
    unknown = sorted(documented - set(config.describe()))
    assert not unknown, f"geen bestaande sleutel: {unknown}"


def test_every_relative_link_points_at_a_file_and_heading_that_exist():
    broken = []
    for page in PAGES:
        for target in LINK.findall(FENCE.sub("", _read(page))):
            if re.match(r"[a-z]+:", target):
                continue  # an outside address: not checked offline
            file_part, _, anchor = target.partition("#")
            dest = (page.parent / file_part).resolve() if file_part else page
            if not dest.exists():
                broken.append(f"{page.relative_to(ROOT)}: {target}")
            elif anchor and dest.suffix == ".md" and anchor not in _anchors(dest):
                broken.append(f"{page.relative_to(ROOT)}: {target} (kop ontbreekt)")
    assert not broken, f"kapotte links: {broken}"


def test_readme_starts_with_the_two_commands():
    text = _read(README)
    head = text.split("\n## ", 1)[0]
    first_block = FENCE.search(head)
    assert first_block, "README begint niet met een codeblok"
    lines = [line.split()[:2] for line in first_block.group(1).splitlines() if line.strip()]
    assert lines == [["make", "run"], ["make", "test"]]
    # Nothing but the title and one line of introduction comes before them.
    assert head.index("```") < 200


def test_readme_stays_short_and_points_into_the_docs():
    text = _read(README)
    assert len(text.encode("utf-8")) < 8_000
    linked = {target.split("#")[0] for target in LINK.findall(text)}
    pages = {f"docs/{page.name}" for page in DOCS.glob("*.md")}
    assert not pages - linked, f"README linkt niet naar: {sorted(pages - linked)}"
