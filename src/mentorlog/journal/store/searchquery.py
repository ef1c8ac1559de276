"""What a user types into ``search``: the query grammar, read as FTS5 query text, and the kinds
of entry ``--kind`` names.

``match_expression`` turns a query into an FTS5 expression that can never be a syntax error
(every term reaches FTS5 as a quoted string); ``terms`` reads the words, phrases, prefixes,
exclusions and ORs it is made of (``search`` marks them in a long text's snippet too), and
``split_tags`` takes the ``tag:`` words out. Plain text in, plain text out: no SQL here.
"""

from __future__ import annotations

import re
from enum import Enum

from mentorlog.journal import concepts, tags

# What a hit is, in the user's words (the `--kind` values): every searchable concept's name.
Kind = Enum("Kind", [(c.name.upper(), c.name) for c in concepts.searchable()], type=str)


class Term:
    # A plain class: each dataclass costs about 0.4 ms of start-up, and search is timed.
    __slots__ = ("is_or", "negated", "prefix", "text")

    def __init__(self, text: str, *, prefix: bool = False, negated: bool = False, is_or: bool = False):
        self.text = text  # a word, or what was typed between double quotes
        self.prefix = prefix
        self.negated = negated
        self.is_or = is_or  # a bare, upper-case OR: an operator if it stands between two terms

    def fts(self) -> str:
        # Every term is an FTS5 string, so no user text is ever read as FTS5 syntax.
        quoted = '"' + self.text.replace('"', '""') + '"'
        return quoted + "*" if self.prefix else quoted


# Control characters and lone surrogates cannot reach FTS5 safely (a NUL ends the expression
# early, leaving a quote open); they separate words like spaces do.
_UNSAFE = r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]"  # compiled (and cached by re) on first use
# A longer query is a paste rather than a search: its first 64 words are searched, which keeps
# the cost bounded (FTS5 takes about 0.1 s for 2,000 words).
MAX_TERMS = 64


def _searchable(text: str) -> bool:
    """Whether the unicode61 tokenizer finds a token in ``text``: it keeps letters, numbers and
    private-use characters and treats everything else (punctuation, symbols, emoji, marks) as a
    separator. A string without a token is an empty phrase, which would make an AND match nothing.
    """
    return any(
        ch.isalnum() or "\ue000" <= ch <= "\uf8ff" or (ord(ch) >= 0xF0000 and (ord(ch) & 0xFFFE) != 0xFFFE)
        for ch in text
    )


def terms(query: str) -> list[Term]:
    """The words, phrases and prefixes of ``query`` (its first ``MAX_TERMS``), each marked as
    excluded or as a bare ``OR``; text with nothing the tokenizer keeps is left out."""
    s = re.sub(_UNSAFE, " ", query)
    n, i = len(s), 0
    found: list[Term] = []
    while i < n and len(found) < MAX_TERMS:
        if s[i].isspace():
            i += 1
            continue
        negated = s[i] == "-" and i + 1 < n and not s[i + 1].isspace()
        if negated:
            i += 1
        if s[i] == '"' and (end := s.find('"', i + 1)) != -1:
            term = Term(s[i + 1 : end], negated=negated)
            i = end + 1
            while i < n and s[i] == "*":  # "a phr"* : the last word is a prefix
                term.prefix = True
                i += 1
        else:  # a bare word; an unbalanced quote is just a character in it
            start = i
            while i < n and not s[i].isspace():
                i += 1
            word = s[start:i]
            body = word.rstrip("*")
            if word == "OR" and not negated:
                term = Term(word, is_or=True)
            elif body != word and "*" not in body and _searchable(body):
                term = Term(body, prefix=True, negated=negated)
            else:
                term = Term(word, negated=negated)
        if term.is_or or _searchable(term.text):
            found.append(term)
    return found


def match_expression(query: str) -> str | None:
    """The FTS5 MATCH expression for what the user typed, or None when nothing is searchable.

    Words are AND-ed; ``"a phrase"`` is a phrase; ``word*`` (and ``"a phr"*``) a prefix;
    ``a OR b`` either, binding tighter than the AND around it (``a OR b c`` is ``(a OR b) c``);
    a leading ``-`` excludes a word, phrase or prefix. Anything else is plain words: every term
    reaches FTS5 as a quoted string, so ``NEAR(``, ``col:x``, ``^``, ``AND``, SQL or stray quotes
    are never syntax. Only upper-case ``OR`` between two included terms is an operator; elsewhere
    it is the word "or". A query of exclusions alone returns None: FTS5 cannot match "everything
    but", and listing the whole journal is not a search.
    """
    found = terms(query)
    groups: list[list[Term]] = []  # AND of ORs
    excluded: list[Term] = []
    joining = False  # the previous term was an OR that can join two groups
    for k, term in enumerate(found):
        if term.is_or:
            before = found[k - 1] if k else None
            after = found[k + 1] if k + 1 < len(found) else None
            if before and after and not (before.negated or before.is_or or after.negated or after.is_or):
                joining = True
                continue
            term = Term(term.text)  # the word "or"
        if term.negated:
            excluded.append(term)
        elif joining:
            groups[-1].append(term)
        else:
            groups.append([term])
        joining = False
    if not groups:
        return None
    # Parenthesised groups joined by an explicit AND: FTS5's implicit AND joins phrases only.
    included = " AND ".join("(" + " OR ".join(t.fts() for t in group) + ")" for group in groups)
    if not excluded:
        return included
    return f"({included}) NOT (" + " OR ".join(t.fts() for t in excluded) + ")"


_TAG = r"(?<!\S)tag:(\S+)"


def split_tags(query: str) -> tuple[str, list[str]]:
    """``roadmap tag:design`` → (``roadmap``, [``design``]): the words, and the tags asked for."""
    if "tag:" not in query:
        return query, []
    found = [tags.word(t) for t in re.findall(_TAG, query, flags=re.IGNORECASE)]
    return re.sub(_TAG, " ", query, flags=re.IGNORECASE), [t for t in found if t]
