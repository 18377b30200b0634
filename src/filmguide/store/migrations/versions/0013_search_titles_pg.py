"""A narrow table of titles for PostgreSQL search: ``search_titles``, kept in step by a trigger.

Title matches on PostgreSQL were read from ``search_docs.vector`` (title, names and body in one
``tsvector``, weight A for the title): the GIN index cannot tell weights apart, so a common word
("the") read back every row holding it anywhere, wide rows with the guide's text, to keep those
holding it in the title (40 to 130 ms at 100,000 films, docs/search.md). ``search_titles`` holds
one short row per indexed film, as ``search_titles_fts`` does on SQLite:

- ``size``: the title's length in characters (titles are ranked shortest first, as on SQLite);
- ``words``: the title's words folded (``search_fold``: lower case, accents off, one space
  between words), ``COLLATE "C"``, so that "titles starting with the words" is a range of a
  B-tree (FTS5's ``^`` on SQLite);
- ``vector``: the title's own ``tsvector``, with a GIN index.

Every text is split into words as SQLite's tokenizer splits it (``search_words``: runs of letters
and digits) before PostgreSQL's parser reads it, in ``search_docs.vector`` and the index over
people's names too, so that both back ends find the same words: the parser read "G.I. Jane" as
one word and "Caton-Jones" as three.

A trigger on ``search_docs`` writes the row on every insert and on every update of the title; a
row of ``search_docs`` deleted (or truncated, with CASCADE) takes its title with it through the
foreign key. Like the rest of the index it is derived, so ``db dump`` leaves it out and
``db load`` rebuilds it with ``search_docs``. SQLite: nothing (``search_titles_fts``, 0005).

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision: str | None = "0012"
branch_labels: str | None = None
depends_on: str | None = None

#: Words as SQLite's tokenizer (``unicode61``) and the query's terms (:func:`query_terms`) see
#: them: runs of letters and digits. PostgreSQL's own parser reads "G.I. Jane" as one word
#: ("g.i.jane") and "Caton-Jones" as three; every text is split so before it is indexed.
_WORDS = "regexp_replace({value}, '[^[:alnum:]]+', ' ', 'g')"


#: GIN indexes written at once, with no pending list: a bulk load left 3,207 entries in the
#: pending list of ``search_docs_vector``, which every search then read through (50 ms for
#: "mike figgis" over the catalog, 0.9 ms once merged), until a vacuum merged them.
_DIRECT = "WITH (fastupdate = off)"


def _vector(words: str) -> str:
    return f"""ALTER TABLE search_docs ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('filmguide_search'::regconfig, {words.format(value="title")}), 'A')
        || setweight(to_tsvector('filmguide_search'::regconfig, {words.format(value="names")}), 'B')
        || setweight(to_tsvector('filmguide_search'::regconfig, {words.format(value="body")}), 'C')
    ) STORED"""


_POSTGRES = [
    """CREATE FUNCTION search_words(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN regexp_replace(value, '[^[:alnum:]]+', ' ', 'g')""",
    """CREATE FUNCTION search_fold(value text) RETURNS text
        LANGUAGE sql STABLE PARALLEL SAFE
        RETURN btrim(search_words(lower(unaccent('unaccent'::regdictionary, value))))""",
    # The index over every field, and over people's names, of the words so split.
    "ALTER TABLE search_docs DROP COLUMN vector",
    _vector("search_words({value})"),
    f"CREATE INDEX search_docs_vector ON search_docs USING gin (vector) {_DIRECT}",
    "DROP INDEX IF EXISTS search_people_name_fts",
    f"""CREATE INDEX search_people_name_fts ON people
        USING gin (to_tsvector('filmguide_search'::regconfig, search_words(name))) {_DIRECT}""",
    """CREATE TABLE search_titles (
        film_id integer PRIMARY KEY
            REFERENCES search_docs (film_id) ON DELETE CASCADE,
        size integer NOT NULL,
        words text COLLATE "C" NOT NULL,
        vector tsvector NOT NULL
    )""",
    f"CREATE INDEX search_titles_vector ON search_titles USING gin (vector) {_DIRECT}",
    "CREATE INDEX search_titles_words ON search_titles (words) INCLUDE (size)",
    """CREATE FUNCTION search_titles_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_titles (film_id, size, words, vector)
        VALUES (NEW.film_id, length(NEW.title), search_fold(NEW.title),
                to_tsvector('filmguide_search'::regconfig, search_words(NEW.title)))
        ON CONFLICT (film_id) DO UPDATE
            SET size = EXCLUDED.size, words = EXCLUDED.words, vector = EXCLUDED.vector;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_titles_insert AFTER INSERT ON search_docs
        FOR EACH ROW EXECUTE FUNCTION search_titles_write()""",
    """CREATE TRIGGER search_titles_update AFTER UPDATE OF title ON search_docs
        FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title) EXECUTE FUNCTION search_titles_write()""",
    """INSERT INTO search_titles (film_id, size, words, vector)
        SELECT film_id, length(title), search_fold(title),
               to_tsvector('filmguide_search'::regconfig, search_words(title))
        FROM search_docs""",
    "ANALYZE search_titles",
    # Fuzzy matching is rapidfuzz's on both back ends now: the trigram indexes (0005) go.
    "DROP INDEX IF EXISTS search_films_title_trgm",
    "DROP INDEX IF EXISTS search_people_name_trgm",
]
_POSTGRES_DOWN = [
    "CREATE INDEX search_films_title_trgm ON films USING gist (title gist_trgm_ops)",
    "CREATE INDEX search_people_name_trgm ON people USING gist (name gist_trgm_ops)",
    "DROP TRIGGER IF EXISTS search_titles_update ON search_docs",
    "DROP TRIGGER IF EXISTS search_titles_insert ON search_docs",
    "DROP FUNCTION IF EXISTS search_titles_write()",
    "DROP TABLE IF EXISTS search_titles",
    "DROP INDEX IF EXISTS search_people_name_fts",
    """CREATE INDEX search_people_name_fts ON people
        USING gin (to_tsvector('filmguide_search'::regconfig, name))""",
    "ALTER TABLE search_docs DROP COLUMN vector",
    _vector("{value}"),
    "CREATE INDEX search_docs_vector ON search_docs USING gin (vector)",
    "DROP FUNCTION IF EXISTS search_fold(text)",
    "DROP FUNCTION IF EXISTS search_words(text)",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in _POSTGRES:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in _POSTGRES_DOWN:
            op.execute(statement)
