"""Sentences of a Doc, indexed once: ``Token.sent`` walks the whole Doc each time it is read."""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

_KEY = "dip_sentences"


def sentences(doc: Doc) -> list[Span]:
    """The Doc's sentences, computed once and kept in ``doc.user_data`` (cleared when the Doc changes)."""
    cached = doc.user_data.get(_KEY)
    if cached is None or cached[0] != len(doc):
        sents = list(doc.sents)
        cached = (len(doc), sents, [s.start for s in sents])
        doc.user_data[_KEY] = cached
    return cached[1]


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence holding token ``i``."""
    sents = sentences(doc)
    starts = doc.user_data[_KEY][2]
    return sents[bisect_right(starts, i) - 1]


_WORDS = "dip_words"


def words(doc: Doc) -> tuple[list[int], list[str], list[str]]:
    """Every token's start offset, text and lowercase text, cut from the text in one pass (creating a
    Token object per look is what makes rule code over a Doc slow)."""
    cached = doc.user_data.get(_WORDS)
    if cached is None or len(cached[0]) != len(doc):
        from spacy.attrs import IDX, LENGTH
        text = doc.user_data.get("text") or doc.text
        table = doc.to_array([IDX, LENGTH]).tolist()
        starts = [s for s, _ in table]
        texts = [text[s:s + n] for s, n in table]
        cached = (starts, texts, [t.lower() for t in texts])
        doc.user_data[_WORDS] = cached
    return cached
