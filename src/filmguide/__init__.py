"""filmguide: film articles turned into structured guides, stored beside an open catalog, and served."""

__version__ = "0.1.0"
