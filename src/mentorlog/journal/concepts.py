"""The registry of concepts: one entry per kind of row the journal keeps (SPEC §1).

Each ``Concept`` says, once, everything the machinery needs to know about a table: the nouns a
user reads ("todo", "todos"), whether history records its changes and how a status change reads
("done todo 5"), what full-text search indexes and how a hit is dated and titled, which column
dates a row for an export's ``--since``/``--until``, how a row is filed under a mentor (for
``mentor delete``'s count and an export's ``--mentor``) and under a meeting (``meeting show``,
the Markdown journal), and where its tags are. History, search, export, import, doctor, shell
completion and the tests walk ``CONCEPTS``; none of them keeps a list of its own. A new concept
is its own module, a CLI module, tests and one ``register`` call here (or in a test).

The registry speaks data only: the commands that list a concept are worded by the CLI
(``core/words.py``), never here. Derived lists are computed when asked for, so a concept
registered later (a test's) is seen everywhere at once.
"""

from __future__ import annotations


class Search:
    """How a concept is searched: the indexed ``columns``; ``when``, the SQL (over alias ``t``)
    that dates a hit, an ``instant`` (UTC text) or a calendar day; ``text``, what stands for the
    hit's text; ``mentor``, the SQL giving its mentor's id, through ``join`` when it has none of
    its own."""

    __slots__ = ("columns", "instant", "join", "mentor", "text", "when")

    def __init__(
        self,
        columns: tuple[str, ...],
        when: str,
        *,
        instant: bool,
        text: str = "t.text",
        mentor: str = "t.mentor_id",
        join: str = "",
    ):
        self.columns = columns
        self.when = when
        self.instant = instant
        self.text = text
        self.mentor = mentor
        self.join = join


class Concept:
    """One kind of row. ``name`` is the user's word for one (also the search ``--kind`` value
    and the key the CLI words commands by); ``table`` its table."""

    __slots__ = (
        "brief",
        "dated_by",
        "history",
        "many",
        "meeting",
        "meeting_key",
        "mentor",
        "name",
        "one",
        "search",
        "section",
        "status_verbs",
        "table",
        "tags",
        "title",
    )

    def __init__(
        self,
        name: str,
        table: str,
        *,
        many: str | None = None,
        history: str = "all",
        status_verbs: dict[str, str] | None = None,
        search: Search | None = None,
        dated_by: str | None = "created_at",
        mentor: str | None = "mentor_id = ?",
        meeting: str | None = None,
        meeting_key: str | None = None,
        tags: str | None = None,
        title: str = "text",
        brief: tuple[str, ...] = ("id", "text"),
        section: str | None = None,
    ):
        self.name = name
        self.one = name
        self.many = many or name + "s"
        self.table = table
        # "all": inserts, updates and deletes are changes; "deletes": only deletes are (a review
        # is not a change, but deleting a mentor deletes theirs, and undo brings them back).
        self.history = history
        self.status_verbs = status_verbs or {}
        self.search = search
        self.dated_by = dated_by  # None: undated, kept whatever the period (mentors)
        self.mentor = mentor  # SQL condition on the mentor's id (one ?), None: not filed under one
        self.meeting = meeting  # the column naming the meeting it was filed in
        self.meeting_key = meeting_key or table  # its key among what a meeting holds (meeting show)
        self.brief = brief  # the columns a short listing of it shows (what a meeting holds)
        # Its section's heading in the Markdown journal, under a check-in or a mentor (None: not
        # a section of its own — meetings are the document's structure, applications go under
        # their advice, reviews are not shown).
        self.section = section
        self.tags = tags  # the column holding its tags (a JSON list)
        self.title = title  # SQL expression (alias-free) for a one-line label

    def __repr__(self) -> str:
        return f"Concept({self.name!r})"


# In the order summaries and counts name them ("deleted mentor zed, meeting 3, todos 7, 8").
CONCEPTS: list[Concept] = []


def register(concept: Concept) -> Concept:
    """Add ``concept`` to the registry (a test may register one of its own and remove it after)."""
    if any(c.name == concept.name or c.table == concept.table for c in CONCEPTS):
        raise ValueError(f"a concept named {concept.name!r} or kept in {concept.table!r} exists already")
    CONCEPTS.append(concept)
    return concept


def unregister(concept: Concept) -> None:
    CONCEPTS.remove(concept)


def by_table(table: str) -> Concept | None:
    return next((c for c in CONCEPTS if c.table == table), None)


def by_name(name: str) -> Concept | None:
    return next((c for c in CONCEPTS if c.name == name), None)


def nouns() -> dict[str, tuple[str, str]]:
    """Table → (one, many), in registry order."""
    return {c.table: (c.one, c.many) for c in CONCEPTS}


def tracked() -> list[Concept]:
    """The concepts whose every insert, update and delete history records."""
    return [c for c in CONCEPTS if c.history == "all"]


def deletes_only() -> set[str]:
    """The tables whose deletes only history records (a review: not a change, but deleting a
    mentor deletes theirs, and undoing that brings them back)."""
    return {c.table for c in CONCEPTS if c.history == "deletes"}


def searchable() -> list[Concept]:
    return [c for c in CONCEPTS if c.search is not None]


def fts_config() -> dict[str, list[str]]:
    """Table → the columns its full-text index holds (what ``enable_fts`` is given)."""
    return {c.table: list(c.search.columns) for c in searchable()}


def filed_under_mentor() -> list[Concept]:
    """The concepts filed under a mentor (besides the mentor's own row)."""
    return [c for c in CONCEPTS if c.mentor is not None and c.table != "mentors"]


def filed_in_meeting() -> list[Concept]:
    return [c for c in CONCEPTS if c.meeting is not None]


def sections() -> list[Concept]:
    """The concepts the Markdown journal gives a section of their own, in its order."""
    return [c for c in CONCEPTS if c.section is not None]


# --- the concepts --------------------------------------------------------------------------


# A meeting's "text" in a search hit is the first line of its notes, cut to 200 characters.
def _first_line(column: str) -> str:
    return f"substr(t.{column}, 1, min(200, instr(t.{column} || char(10), char(10)) - 1))"


_REOPENED = {"open": "reopened"}

register(Concept("mentor", "mentors", dated_by=None, mentor="id = ?", title="handle"))
register(
    Concept(
        "meeting",
        "meetings",
        search=Search(("notes",), "t.held_at", instant=True, text=_first_line("notes")),
        dated_by="held_at",
        title="held_at",
        tags="tags",
    )
)
register(
    Concept(
        "todo",
        "todos",
        status_verbs={"done": "done", "dropped": "dropped", **_REOPENED},
        search=Search(("text", "note"), "t.created_at", instant=True),
        meeting="meeting_id",
        brief=("id", "text", "status", "note"),
        section="Todos",
        tags="tags",
    )
)
register(
    Concept(
        "advice",
        "advice",
        many="advice",
        search=Search(("text",), "t.given_on", instant=False),
        dated_by="given_on",
        meeting="meeting_id",
        tags="tags",
        section="Advice",
    )
)
register(
    Concept(
        "application",
        "applications",
        search=Search(
            ("what", "reflection"),
            "t.on_date",
            instant=False,
            text="t.what",
            mentor="a.mentor_id",
            join="CROSS JOIN advice a ON a.id = t.advice_id",
        ),
        dated_by="on_date",
        mentor="advice_id IN (SELECT id FROM advice WHERE mentor_id = ?)",
        title="what",
    )
)
register(
    Concept(
        "topic",
        "topics",
        status_verbs={"raised": "raised", "dropped": "dropped", **_REOPENED},
        search=Search(("text",), "t.created_at", instant=True),
        meeting="raised_in",
        meeting_key="topics_raised",
        brief=("id", "kind", "text"),
        section="Topics",
        tags="tags",
    )
)
register(
    Concept(
        "thanks",
        "thanks",
        many="thanks",
        search=Search(("text",), "t.on_date", instant=False),
        dated_by="on_date",
        meeting="meeting_id",
        section="Thanks",
    )
)
register(
    Concept(
        "goal",
        "goals",
        status_verbs={"achieved": "achieved", "dropped": "dropped", "active": "reopened"},
        search=Search(("text",), "t.created_at", instant=True),
        section="Goals",
    )
)
register(Concept("review", "reviews", history="deletes", dated_by="at", title="at"))
register(
    Concept(
        "note",
        "notes",
        search=Search(("text",), "t.written_at", instant=True, text=_first_line("text")),
        dated_by="written_at",
        tags="tags",
        title="text",
        section="Notes",
    )
)

# The relationship (SPEC §2): each agreement revision is a row; a closure is how it ended.
register(
    Concept(
        "agreement",
        "agreements",
        search=Search(("text",), "t.on_date", instant=False),
        dated_by="on_date",
        title="on_date",
    )
)
register(
    Concept(
        "closure",
        "closures",
        search=Search(("text",), "t.on_date", instant=False),
        dated_by="on_date",
        title="on_date",
    )
)
register(
    Concept(
        "update",
        "updates",
        search=Search(("text",), "t.on_date", instant=False),
        dated_by="on_date",
    )
)

# Growth (SPEC §2): skills and their dated self-ratings, feedback, what a mentor offered.
register(
    Concept(
        "skill",
        "skills",
        status_verbs={"dropped": "dropped", "active": "reopened"},
        search=Search(("name",), "t.created_at", instant=True, text="t.name"),
        title="name",
        brief=("id", "name"),
        section="Skills",
    )
)
register(
    Concept(
        "skill rating",
        "skill_ratings",
        search=Search(
            ("evidence",),
            "t.on_date",
            instant=False,
            text="coalesce(t.evidence, '')",
            mentor="s.mentor_id",
            join="CROSS JOIN skills s ON s.id = t.skill_id",
        ),
        dated_by="on_date",
        mentor="skill_id IN (SELECT id FROM skills WHERE mentor_id = ?)",
        title="rating",
        brief=("id", "rating"),
    )
)
register(
    Concept(
        "feedback",
        "feedback",
        many="feedback",
        search=Search(("text",), "t.on_date", instant=False),
        dated_by="on_date",
        meeting="meeting_id",
        brief=("id", "direction", "text"),
        section="Feedback",
    )
)
register(
    Concept(
        "offer",
        "offers",
        status_verbs={"done": "done", "declined": "declined", **_REOPENED},
        search=Search(("text", "person", "outcome"), "t.on_date", instant=False),
        dated_by="on_date",
        meeting="meeting_id",
        brief=("id", "text", "status"),
        section="Offers",
    )
)
