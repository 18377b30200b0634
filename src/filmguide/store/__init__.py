"""The store: the only module that writes SQL.

SQLite by default (a file), PostgreSQL by URL; the schema is migrated by Alembic when a store
opens. See :class:`Store`.
"""

from filmguide.store.catalog import Browse, CatalogReport, FilmRow
from filmguide.store.database import Store
from filmguide.store.engine import create_store_engine, engine_url
from filmguide.store.films import title_key
from filmguide.store.guides import GuideSummary, SaveResult
from filmguide.store.migrate import alembic_config, current_revision, head_revision, migrate
from filmguide.store.people import PersonCredit

__all__ = [
    "Browse",
    "CatalogReport",
    "FilmRow",
    "GuideSummary",
    "PersonCredit",
    "SaveResult",
    "Store",
    "alembic_config",
    "create_store_engine",
    "current_revision",
    "engine_url",
    "head_revision",
    "migrate",
    "title_key",
]
