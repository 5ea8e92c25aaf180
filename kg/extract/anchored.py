"""spaCy's token Matcher, run only where a match can start.

A Matcher tries every pattern at every token and tests each token predicate (``IN``, ``NOT_IN``,
``REGEX``) by a call into Python: with a few trigger patterns that look across up to eight words
it took a fifth of the extraction's time. A pattern whose first token is a word or a list of words
(``LOWER`` or ``TEXT``, no operator) can only match where one of those words is, and a pattern
with bounded operators only (``?``, ``{n}``, ``{n,m}``) spans a bounded number of tokens. So the
matcher is run on a window of that many tokens from each place where a first word occurs; the
matches are the ones found on the whole Doc, at the same positions (sorted by start and end; spaCy
gives them in the order it finishes them, which the events component does not depend on). A pattern
that is not of this kind (an unbounded ``*`` or ``+``, a first token that is no word list) makes
the matcher run on the whole Doc.
"""
from __future__ import annotations

import re

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .sentences import words

_BOUNDED = re.compile(r"\{(\d*)(?:,(\d*))?\}")


def first_words(token: dict) -> tuple[str, frozenset[str]] | None:
    """("LOWER" or "TEXT", the words) when the token pattern is a word or a list of words and
    nothing else; None otherwise."""
    if len(token) != 1:
        return None
    (attr, value), = token.items()
    if attr not in ("LOWER", "TEXT", "ORTH"):
        return None
    if isinstance(value, str):
        found = [value]
    elif isinstance(value, dict) and list(value) == ["IN"] and all(isinstance(w, str) for w in value["IN"]):
        found = value["IN"]
    else:
        return None
    if attr == "LOWER":
        return "LOWER", frozenset(w.lower() for w in found)
    return "TEXT", frozenset(found)


def max_width(pattern: list[dict]) -> int | None:
    """The most tokens a match of ``pattern`` can span; None when there is no bound."""
    width = 0
    for token in pattern:
        op = token.get("OP")
        if op in (None, "?", "!"):  # ("!": at most one token; a bound too high is safe, only slower)
            width += 1
        else:
            m = _BOUNDED.fullmatch(op)
            if not m:
                return None  # "*" or "+"
            low, high = m.group(1), m.group(2)
            if "," not in op and low:
                width += int(low)  # "{n}"
            elif high:
                width += int(high)  # "{n,m}", "{,m}"
            else:
                return None  # "{n,}"
    return width


class AnchoredMatcher:
    """A spaCy Matcher that looks only at windows opening with a pattern's first word."""

    def __init__(self, vocab: Vocab):
        self.matcher = Matcher(vocab)
        self.lower: set[str] = set()
        self.text: set[str] = set()
        self.width = 0
        self.everywhere = False

    def __len__(self) -> int:
        return len(self.matcher)

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        self.matcher.add(key, patterns)
        for pattern in patterns:
            first, width = (first_words(pattern[0]) if pattern else None), max_width(pattern)
            if first is None or width is None:  # (a first token with an operator is no word list)
                self.everywhere = True
                continue
            (self.lower if first[0] == "LOWER" else self.text).update(first[1])
            self.width = max(self.width, width)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        if not len(self.matcher):
            return []
        if self.everywhere:
            return sorted(self.matcher(doc), key=lambda m: (m[1], m[2]))
        _, texts, lowers = words(doc)
        starts = [i for i, (text, lower) in enumerate(zip(texts, lowers)) if lower in self.lower or text in self.text]
        spans: list[list[int]] = []  # overlapping windows merged: one call per stretch of text
        for i in starts:
            if spans and i <= spans[-1][1]:
                spans[-1][1] = i + self.width
            else:
                spans.append([i, i + self.width])
        found: dict[tuple[int, int, int], None] = {}
        for start, stop in spans:
            for m, s, e in self.matcher(doc[start:min(stop, len(doc))]):
                found[(m, s + start, e + start)] = None
        return sorted(found, key=lambda m: (m[1], m[2]))
