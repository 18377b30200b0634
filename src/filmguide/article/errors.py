"""The one error every article reader raises, so callers print one clear line and never a traceback."""

from __future__ import annotations

from pathlib import Path


class ArticleError(ValueError):
    """An article that cannot become a guide: names the file, and the line where one applies."""

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or "<article>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"
