"""One exception family. Every message is Dutch and fit to show a user as one line."""


class BeloftemeterError(Exception):
    """Base class: the CLI prints the message as one line and exits non-zero."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(BeloftemeterError):
    """The user's input (a file, an argument) cannot be used."""

    exit_code = 2


class NotFoundError(BeloftemeterError):
    """A key, id or file the user named does not exist."""

    exit_code = 3


class SourceError(BeloftemeterError):
    """An outside source (API, download, endpoint) failed or answered nonsense."""

    exit_code = 4


class ConfigError(BeloftemeterError):
    """The configuration is invalid."""

    exit_code = 5


class StoreError(BeloftemeterError):
    """The store cannot be opened or migrated."""

    exit_code = 6


class BusyError(StoreError):
    """Another run of the same kind (a `bouw`, a sync) holds the store: nothing was done. Its
    own exit code, so a scheduled job can tell "already running" from a broken store."""

    exit_code = 9


class StaleReviewError(BeloftemeterError):
    """An editor saved a promise from an older version than the stored one: nothing is saved,
    and `changes` says (in Dutch, one line each) what others changed meanwhile."""

    exit_code = 7

    def __init__(self, message: str, changes: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.changes = changes


class AccessError(BeloftemeterError):
    """A login failed, or an account may not do what it asked (wrong role, blocked)."""

    exit_code = 8
