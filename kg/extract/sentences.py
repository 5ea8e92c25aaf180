"""Sentences of a Doc, indexed once: ``Token.sent`` walks the whole Doc each time it is read."""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

_KEY = "dip_sentences"


def sentences(doc: Doc) -> list[Span]:
    """The Doc's sentences, computed once and kept in ``doc.user_data`` (cleared when the Doc changes)."""
    cached = doc.user_data.get(_KEY)
    if cached is None or cached[0] != len(doc):
        cached = (len(doc), list(doc.sents))
        cached = (cached[0], cached[1], [s.start for s in cached[1]])
        doc.user_data[_KEY] = cached
    return cached[1]


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence holding token ``i``."""
    sents = sentences(doc)
    starts = doc.user_data[_KEY][2]
    return sents[bisect_right(starts, i) - 1]
