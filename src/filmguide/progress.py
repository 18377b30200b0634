"""The progress bar the long commands (import, export) show on a terminal."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


def progress_bar(label: str, console: Console, *, enabled: bool) -> Progress:
    """A bar (``label``, the bar, done of total, time left) that vanishes when done, so the
    command's own summary is what stays on screen; ``enabled=False`` draws nothing."""
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=not enabled,
        transient=True,
    )
