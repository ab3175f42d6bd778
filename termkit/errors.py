"""Errors that termkit reports to users as one line, without a traceback."""

from __future__ import annotations


class TermkitError(Exception):
    """Base class of the errors termkit reports to users.

    ``exit_code`` is what the CLI exits with (2: usage or input error).
    """

    exit_code = 2

    def __init__(self, message: str, fix: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.message} ({self.fix})" if self.fix else self.message


class InputError(TermkitError):
    """A file (or stdin) that termkit cannot read, located as precisely as possible."""

    def __init__(
        self,
        path: str,
        message: str,
        fix: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        where = str(path)
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}", fix)
        self.path = str(path)
        self.line = line
        self.column = column


class ModelsNotFoundError(TermkitError):
    """No usable French Stanza models in the resolved resources directory."""
