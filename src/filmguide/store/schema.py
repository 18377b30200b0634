"""The tables, as SQLAlchemy Core metadata: what the migrations create, what the queries use.

The migrations in ``migrations/versions`` are the source of truth for the database; this module
must describe the same tables (``tests/store`` compares them).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)

#: Constraint names the same on every back end, so migrations can name what they alter.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

#: Roles of a person in a film's credits.
CREDIT_ROLES: tuple[str, ...] = ("director", "actor", "composer", "featured_artist", "nominee", "author")
#: Kinds of film a guide points to.
REF_KINDS: tuple[str, ...] = ("director_film", "recommendation")
#: Kinds of event recorded about a film.
EVENT_KINDS: tuple[str, ...] = ("view", "share")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class UTCDateTime(TypeDecorator[datetime]):
    """A moment in UTC, read back timezone-aware on every back end (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC)
            if dialect.name == "sqlite":
                value = value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


films = Table(
    "films",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(200), nullable=False, unique=True),
    Column("title", Text, nullable=False),
    # The title as compared: its slug (case, accents and punctuation folded).
    Column("title_key", String(200), nullable=False, index=True),
    Column("year", Integer, nullable=True),
    # JSON array of names, in the guide's order.
    Column("directors", Text, nullable=False, server_default="[]"),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    # The open catalog's facts (migration 0003); NULL for a film known from a guide alone.
    Column("release_date", Date, nullable=True),
    Column("genre", Text, nullable=True),
    Column("creative_type", Text, nullable=True),
    Column("source", Text, nullable=True),
    Column("mpaa_rating", String(20), nullable=True),
    Column("running_time_min", Integer, nullable=True),
    Column("distributor", Text, nullable=True),
    Column("budget", BigInteger, nullable=True),
    Column("us_gross", BigInteger, nullable=True),
    Column("worldwide_gross", BigInteger, nullable=True),
    Column("us_dvd_sales", BigInteger, nullable=True),
    Column("imdb_rating", Float, nullable=True),
    Column("imdb_votes", Integer, nullable=True),
    Column("rotten_tomatoes", Integer, nullable=True),
    # Whether the film is one of the open catalog's (its facts above come from there).
    Column("in_catalog", Boolean, nullable=False, server_default=false()),
    Index("ix_films_genre_year", "genre", "year"),
    Index("ix_films_year", "year"),
    Index("ix_films_imdb_rating", "imdb_rating"),
    Index("ix_films_worldwide_gross", "worldwide_gross"),
)

guides = Table(
    "guides",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("film_id", Integer, ForeignKey("films.id", ondelete="CASCADE"), nullable=False, unique=True),
    # The guide's JSON (``Guide.model_dump_json()``, with the film's slug).
    Column("document", Text, nullable=False),
    Column("version", Integer, nullable=False, server_default="1"),
    Column("source", Text, nullable=True),
    # SHA-256 (hex) of ``document``.
    Column("content_hash", String(64), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    # One line saying how this version differs from the one before (migration 0009); NULL for a
    # guide as first saved. It moves to ``guide_revisions`` with the document when the guide changes.
    Column("change", Text, nullable=True),
    CheckConstraint("version >= 1", name="version_positive"),
)

guide_analyses = Table(
    # What a film page shows of a guide's analyses (migration 0015): its spoilers, themes, content
    # notes and fact checks (filmguide.analyses), computed when the guide is saved and, for the
    # fact checks, when the catalog changes its film. Derived, but dumped: a load need not make
    # them again. A row made from another document than the guide's, or by other rules, is stale.
    "guide_analyses",
    metadata,
    Column("guide_id", Integer, ForeignKey("guides.id", ondelete="CASCADE"), primary_key=True),
    # filmguide.analyses.ANALYSIS_VERSION when it was made.
    Column("version", Integer, nullable=False),
    # ``guides.content_hash`` of the document it was made from.
    Column("content_hash", String(64), nullable=False),
    # filmguide.analyses.GuideAnalyses.to_json().
    Column("document", Text, nullable=False),
)

guide_revisions = Table(
    # The earlier versions of every guide (migration 0009): a row is written when a guide changes
    # or is deleted, holding the version being replaced, so the current one lives in ``guides``
    # alone. Keyed by the film's slug, not its id: a deleted guide's film may go, its history stays.
    "guide_revisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(200), nullable=False),
    # The guide's ``version`` this row holds: 1, 2, ... per slug.
    Column("revision", Integer, nullable=False),
    Column("document", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    # What made this version: an import's file path, ``api:TOKEN NAME``, ``cli``.
    Column("source", Text, nullable=True),
    # How this version differed from the one before (``guides.change`` when it was current).
    Column("summary", Text, nullable=True),
    # When this version was saved.
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("slug", "revision", name="uq_guide_revisions_slug_revision"),
    CheckConstraint("revision >= 1", name="revision_positive"),
)

trash = Table(
    # Deleted guides (migration 0009): the guide itself is its last row in ``guide_revisions``.
    "trash",
    metadata,
    Column("slug", String(200), primary_key=True),
    Column("title", Text, nullable=False),
    Column("year", Integer, nullable=True),
    # The revision holding the deleted guide.
    Column("revision", Integer, nullable=False),
    Column("deleted_at", UTCDateTime, nullable=False),
    # Who deleted it: ``cli``, ``api:TOKEN NAME``.
    Column("source", Text, nullable=True),
    Index("ix_trash_deleted_at", "deleted_at"),
)

people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(200), nullable=False, unique=True),
    Column("name", Text, nullable=False),
)

credits = Table(
    "credits",
    metadata,
    Column("film_id", Integer, ForeignKey("films.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(20), primary_key=True),
    # Index within the guide's list for that role (cast order, directors order, ...).
    Column("position", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("character", Text, nullable=True),
    CheckConstraint(_one_of("role", CREDIT_ROLES), name="role"),
    Index("ix_credits_person_id", "person_id"),
    # The primary key is the table on SQLite: one B-tree less to write per credit.
    sqlite_with_rowid=False,
)

film_refs = Table(
    "film_refs",
    metadata,
    Column("film_id", Integer, ForeignKey("films.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(20), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("year", Integer, nullable=True),
    # The slug of the stored film it names, when there is one (set when either is saved).
    Column(
        "target_slug",
        String(200),
        ForeignKey("films.slug", ondelete="SET NULL"),
        nullable=True,
    ),
    Column("title_key", String(200), nullable=False),
    CheckConstraint(_one_of("kind", REF_KINDS), name="kind"),
    Index("ix_film_refs_title_key", "title_key"),
    Index("ix_film_refs_target_slug", "target_slug"),
    sqlite_with_rowid=False,
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("film_id", Integer, ForeignKey("films.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("channel", String(100), nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    # Salted hash of the reader, rotated daily (migration 0004); NULL for older events.
    Column("client", String(32), nullable=True),
    # Salted hash of the reader's address alone (an IPv6 /64), rotated daily (migration 0010): the
    # per-address daily cap; NULL for older events.
    Column("source", String(32), nullable=True),
    CheckConstraint(_one_of("kind", EVENT_KINDS), name="kind"),
    Index("ix_events_film_id_created_at", "film_id", "created_at"),
    Index("ix_events_client_film_id_created_at", "client", "film_id", "created_at"),
    Index("ix_events_source_film_id_created_at", "source", "film_id", "created_at"),
    Index("ix_events_created_at", "created_at"),
)

event_days = Table(
    # Events older than the longest window, rolled up: one row per film, kind and UTC day.
    "event_days",
    metadata,
    Column("film_id", Integer, ForeignKey("films.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(20), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("count", Integer, nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    # What the operator called it: `filmguide token revoke NAME`.
    Column("name", String(100), nullable=False, unique=True),
    # SHA-256 (hex) of the token; the token itself is shown once and never stored.
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_used_at", UTCDateTime, nullable=True),
    Column("revoked_at", UTCDateTime, nullable=True),
)

similar = Table(
    # "similar" alone is a keyword of PostgreSQL (SIMILAR TO).
    "similar_films",
    metadata,
    Column("film_id", Integer, ForeignKey("films.id", ondelete="CASCADE"), primary_key=True),
    # Rank in the film's list, 0 first.
    Column("position", Integer, primary_key=True),
    Column("target_slug", String(200), nullable=False),
    Column("score", Float, nullable=False),
    # JSON array of the reasons, short sentences.
    Column("reasons", Text, nullable=False),
    sqlite_with_rowid=False,
)

aliases = Table(
    # A guide's old addresses (a WordPress post's permalink path, ``/?p=123``): each answers 301
    # to the film's page. Migration 0008.
    "aliases",
    metadata,
    # The path as filmguide.wordpress.alias_key writes it: percent-decoded, no trailing slash.
    Column("path", String(1000), primary_key=True),
    Column("film_id", Integer, ForeignKey("films.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Index("ix_aliases_film_id", "film_id"),
)

#: Roles of a desk account (migration 0012): an editor writes and publishes; an admin also
#: manages accounts and API tokens.
USER_ROLES: tuple[str, ...] = ("editor", "admin")

users = Table(
    # The writers' desk's accounts (migration 0012).
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    # argon2id (argon2-cffi's encoded form, parameters and salt included); never the password.
    Column("password_hash", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("password_changed_at", UTCDateTime, nullable=False),
    CheckConstraint(_one_of("role", USER_ROLES), name="role"),
)

desk_sessions = Table(
    # Signed-in browsers: the SHA-256 (hex) of each session token; deleting the row revokes it.
    "desk_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Index("ix_desk_sessions_user_id", "user_id"),
)

login_failures = Table(
    # Recent wrong passwords, for the sign-in's throttle: the account name tried and a keyed hash
    # of the client (never its address). Rows older than the throttle's window are deleted.
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account", String(100), nullable=False),
    Column("client", String(64), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Index("ix_login_failures_account_created_at", "account", "created_at"),
    Index("ix_login_failures_client_created_at", "client", "created_at"),
)

drafts = Table(
    # Guides being written in the desk, one per film slug. No public query reads this table:
    # a draft has no page, no JSON, no place in the sitemap, the feed or search.
    "drafts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(200), nullable=False, unique=True),
    Column("title", Text, nullable=False),
    # The guide in filmguide's Markdown (docs/markdown-format.md), as the writer left it.
    Column("markdown", Text, nullable=False),
    # The account that saved it last.
    Column("author", String(100), nullable=True),
    # The guide's version the draft was started from; NULL for a guide not yet published.
    Column("base_revision", Integer, nullable=True),
    # 1, 2, ... on every save: a save made against an older one is refused.
    Column("version", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

rate_limits = Table(
    # Token buckets shared by every worker and instance (migration 0014): a client's bucket of one
    # limit (``name``: "share"), its tokens left at ``at`` (seconds since the epoch), and whether
    # its last request was let through. A full bucket is the same as no row: such rows are pruned.
    # Not dumped: a bucket refills within minutes.
    "rate_limits",
    metadata,
    Column("name", String(20), primary_key=True),
    Column("client", String(64), primary_key=True),
    Column("tokens", Float, nullable=False),
    Column("at", Float, nullable=False),
    Column("allowed", Boolean, nullable=False),
)

#: Children before parents: the order to empty them in.
TABLES_CHILD_FIRST: tuple[Table, ...] = (
    rate_limits,
    drafts,
    login_failures,
    desk_sessions,
    users,
    trash,
    guide_revisions,
    guide_analyses,
    aliases,
    similar,
    event_days,
    events,
    film_refs,
    credits,
    guides,
    people,
    films,
    api_tokens,
)

# --- the search index ---------------------------------------------------------------------------
#
# Migration 0002 builds the search index beside the tables above: ``search_docs`` (one row of
# searchable text per guided film) and ``search_state`` (a counter bumped on every change), the
# same on both back ends, plus objects of each back end's own full text: FTS5 tables and their
# triggers on SQLite; a generated ``tsvector`` column, GIN and trigram indexes on PostgreSQL.
# Migration 0005 adds ``search_titles_fts`` (SQLite: titles, shortest first) and makes the trigram
# indexes GiST (PostgreSQL); see docs/search.md. They are kept apart from ``metadata`` (their
# shape differs by back end); every one of them is named ``search_…`` so that schema comparisons
# can leave them out with :func:`compared`.

SEARCH_PREFIX = "search_"

search_metadata = MetaData(naming_convention=NAMING_CONVENTION)

search_docs = Table(
    "search_docs",
    search_metadata,
    Column("film_id", Integer, ForeignKey("films.id", ondelete="CASCADE"), primary_key=True),
    Column("title", Text, nullable=False),
    # Everyone the guide credits, one name a line.
    Column("names", Text, nullable=False),
    # Every paragraph and item of the guide's text, one a line.
    Column("body", Text, nullable=False),
)

search_state = Table(
    "search_state",
    search_metadata,
    Column("id", Integer, primary_key=True),
    # One more on every change of the index: what the fuzzy matcher's cache is checked against.
    Column("version", Integer, nullable=False),
)


def compared(name: str | None, type_: str, _parent_names: Any) -> bool:
    """Alembic ``include_name`` filter: whether a database object belongs to ``metadata``.

    The search index's tables and indexes (``search_…``) are the migration's alone.
    """
    return not (type_ in ("table", "index") and name is not None and name.startswith(SEARCH_PREFIX))
