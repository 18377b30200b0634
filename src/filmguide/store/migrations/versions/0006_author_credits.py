"""Authors of the source as credits: the person a film is based on the work of has a page.

``credits.role`` gains ``author`` (a guide's ``adaptation.source.author``), so the "based on"
answer links to a person page like every other name. PostgreSQL swaps the check constraint;
SQLite cannot alter one, so ``credits`` is rebuilt with the same columns, keys and index (its rows
are copied). The guides already stored gain their author credits here.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None

_OLD = ("director", "actor", "composer", "featured_artist", "nominee")
_NEW = (*_OLD, "author")


def _check(roles: tuple[str, ...]) -> str:
    return "role IN (" + ", ".join(f"'{role}'" for role in roles) + ")"


def _rebuild_sqlite(roles: tuple[str, ...]) -> None:
    op.execute("DROP INDEX ix_credits_person_id")
    op.execute("ALTER TABLE credits RENAME TO credits_before_0006")
    op.create_table(
        "credits",
        sa.Column("film_id", sa.Integer, nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("person_id", sa.Integer, nullable=False),
        sa.Column("character", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("film_id", "role", "position", name="pk_credits"),
        sa.ForeignKeyConstraint(
            ["film_id"], ["films.id"], name="fk_credits_film_id_films", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name="fk_credits_person_id_people", ondelete="CASCADE"
        ),
        sa.CheckConstraint(_check(roles), name=op.f("ck_credits_role")),
        sqlite_with_rowid=False,
    )
    kept = ", ".join(f"'{role}'" for role in roles)
    op.execute(
        "INSERT INTO credits (film_id, role, position, person_id, character) "
        "SELECT film_id, role, position, person_id, character FROM credits_before_0006 "
        f"WHERE role IN ({kept})"
    )
    op.execute("DROP TABLE credits_before_0006")
    op.create_index("ix_credits_person_id", "credits", ["person_id"])


def _swap_postgresql(roles: tuple[str, ...]) -> None:
    if roles == _OLD:
        op.execute("DELETE FROM credits WHERE role = 'author'")
    op.drop_constraint(op.f("ck_credits_role"), "credits", type_="check")
    op.create_check_constraint(op.f("ck_credits_role"), "credits", _check(roles))


def _apply(roles: tuple[str, ...]) -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_sqlite(roles)
    else:
        _swap_postgresql(roles)


def _credit_authors() -> None:
    """Give the guides already stored their author credits, and their search entries the
    author's name, with the same code a save runs."""
    from filmguide.model import Guide
    from filmguide.store.people import PersonIds, replace_credits
    from filmguide.store.search.index import index_guide

    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT film_id, document FROM guides ORDER BY film_id")).all()
    people = PersonIds()
    for film_id, document in rows:
        guide = Guide.model_validate_json(document)
        if guide.adaptation and guide.adaptation.source and guide.adaptation.source.author:
            replace_credits(bind, film_id, guide, people, fresh=False)
            index_guide(bind, film_id, guide)


def upgrade() -> None:
    _apply(_NEW)
    _credit_authors()


def downgrade() -> None:
    _apply(_OLD)
