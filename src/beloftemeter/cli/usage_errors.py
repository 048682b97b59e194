"""Usage errors in Dutch: the CLI library reports a missing argument or an unknown option in
English, over several lines. beloftemeter answers bad input with one Dutch line, so `main()`
catches those errors and this module says the same thing in Dutch.
"""

from __future__ import annotations

import re

_KINDS = {"argument": "argument", "option": "optie", "parameter": "waarde"}

# (pattern on the library's English message, Dutch template); the first match wins.
_VALUE_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"Input should be a valid integer.*"), "geen geheel getal"),
    (re.compile(r"Input should be a valid (?:number|float).*"), "geen getal"),
    (re.compile(r"Input should be a valid boolean.*"), "geen ja/nee-waarde"),
    (re.compile(r"Input should be (?:less|greater) than (or equal to )?(.*)"),
     "buiten de grenzen ({1})"),
    (re.compile(r"'(.*)' is not a valid integer range\.?"), "'{0}' is geen geheel getal"
     " binnen de grenzen"),
    (re.compile(r"'(.*)' is not a valid integer\.?"), "'{0}' is geen geheel getal"),
    (re.compile(r"'(.*)' is not a valid float( range)?\.?"), "'{0}' is geen getal"),
    (re.compile(r"'(.*)' is not a valid boolean\.?"), "'{0}' is geen ja/nee-waarde"),
    (re.compile(r"'(.*)' is not (?:one of )?(.*)\.$"), "'{0}' is geen van {1}"),
    (re.compile(r"'(.*)' does not match the formats? (.*)\.$"), "'{0}' past niet in {1}"),
    (re.compile(r"(.*) is not in the range (.*)\.$"), "{0} ligt niet in {1}"),
    (re.compile(r"(?:File|Path|Directory) '(.*)' does not exist\.?"), "'{0}' bestaat niet"),
)
_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"Missing (argument|option|parameter) ?(.*?)\.?$"), "{kind} ontbreekt: {1}"),
    (re.compile(r"No such option: (\S+)(?: \(Possible options: (.*)\))?"), "onbekende optie:"
     " {0}{suggest}"),
    (re.compile(r"No such command '(.*?)'\.(?: Did you mean '(.*)'\?)?"), "onbekend commando:"
     " {0}{suggest}"),
    (re.compile(r"Option '(.*)' requires an argument\.?"), "optie {0} heeft een waarde nodig"),
    (re.compile(r"Option '(.*)' does not take a value\.?"), "optie {0} neemt geen waarde"),
    (re.compile(r"Got unexpected extra arguments?(?:\(s\))? \((.*)\)"), "onverwacht extra argument:"
     " {0}"),
    (re.compile(r"Missing command\.?"), "commando ontbreekt"),
)


def _value(message: str) -> str:
    for pattern, template in _VALUE_MESSAGES:
        match = pattern.fullmatch(message.strip())
        if match:
            return template.format(*match.groups())
    return message


def dutch_usage_error(message: str, command_path: str = "beloftemeter") -> str:
    """One Dutch line for the library's English usage error `message`."""
    message = " ".join(message.split())
    invalid = re.fullmatch(r"Invalid value(?: for (.*?))?: (.*)", message)
    if invalid:
        where = f" voor {invalid.group(1)}" if invalid.group(1) else ""
        text = f"ongeldige waarde{where}: {_value(invalid.group(2))}"
    else:
        text = message
        for pattern, template in _MESSAGES:
            match = pattern.fullmatch(message)
            if match:
                groups = [g or "" for g in match.groups()]
                kind = _KINDS.get(groups[0], groups[0]) if groups else ""
                suggest = (f" (bedoelde je: {groups[1]})"
                           if template.endswith("{suggest}") and groups[1] else "")
                text = template.format(*groups, kind=kind.capitalize() if kind else kind,
                                       suggest=suggest)
                break
    text = text[:1].upper() + text[1:]
    return f"{text.rstrip('.')}. Zie '{command_path} --help'."
