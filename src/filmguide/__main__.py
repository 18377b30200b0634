"""``python -m filmguide``: the same command as ``filmguide``."""

from filmguide.cli import main

main()
