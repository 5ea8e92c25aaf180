"""kg.extract.anchored: the Matcher run only where a match can start finds what spaCy's Matcher
finds on the whole Doc, at the same places (in the order of their start and end)."""
from __future__ import annotations

import json

import spacy
from hypothesis import given, settings, strategies as st
from spacy.matcher import Matcher

from kg.extract.anchored import AnchoredMatcher, first_words, max_width
from kg.extract.pipeline import TRIGGERS_FILE, _plain_words

NLP = spacy.blank("en")
# the trigger patterns the PhraseMatcher cannot take (the ones the events component gives this matcher)
TRIGGERS = {kind: [p for p in patterns if _plain_words(p) is None]
            for kind, patterns in json.loads(TRIGGERS_FILE.read_text(encoding="utf-8")).items()
            if not kind.startswith("_") and kind != "anaphor"}
MORE = {  # other shapes: a first word in TEXT, "?", "{n}", a wildcard inside, adjacent anchors
    "a": [[{"TEXT": "Summit"}, {"LOWER": "on", "OP": "?"}, {"IS_ALPHA": True, "OP": "{2}"}]],
    "b": [[{"LOWER": {"IN": ["met", "meets"]}}, {}, {"LOWER": "in", "OP": "{0,3}"}, {"IS_TITLE": True}]],
}
WORDS = ["held", "hold", "talks", "session", "sessions", "in", "on", "at", "the", "a", "his", "delegation",
         "led", "arrived", "yesterday", "Monday", "spent", "days", "Moscow", "Conference", "conference", "Summit",
         "met", "meets", "Putin", ".", ",", "(", ")", "evening", "two", "of"]


def both(patterns: dict[str, list]) -> tuple[Matcher, AnchoredMatcher]:
    full, anchored = Matcher(NLP.vocab), AnchoredMatcher(NLP.vocab)
    for key, pats in patterns.items():
        if pats:
            full.add(key, pats)
            anchored.add(key, pats)
    return full, anchored


def test_the_trigger_patterns_are_anchored():
    _, anchored = both(TRIGGERS)
    assert not anchored.everywhere and anchored.width >= 8  # "held" + up to six words + "session"
    assert {"held", "arrived", "spent", "led"} <= anchored.lower and "Conference" in anchored.text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60))
def test_same_matches_as_the_whole_doc(tokens):
    doc = spacy.tokens.Doc(NLP.vocab, words=tokens)
    for patterns in (TRIGGERS, MORE):
        full, anchored = both(patterns)
        found = anchored(doc)
        assert sorted(found) == sorted(full(doc)) and found == sorted(found, key=lambda m: (m[1], m[2]))


def test_a_pattern_without_a_bound_or_a_first_word_runs_on_the_whole_doc():
    doc = spacy.tokens.Doc(NLP.vocab, words="they held long and very hard talks".split())
    for pattern in ([{"LOWER": "held"}, {"OP": "*"}, {"LOWER": "talks"}],
                    [{"IS_ALPHA": True}, {"LOWER": "talks"}]):
        full, anchored = both({"k": [pattern]})
        assert anchored.everywhere and sorted(anchored(doc)) == sorted(full(doc)) != []


def test_first_words_and_width():
    assert first_words({"LOWER": {"IN": ["Held", "hold"]}}) == ("LOWER", frozenset({"held", "hold"}))
    assert first_words({"TEXT": "Conference"}) == ("TEXT", frozenset({"Conference"}))
    assert first_words({"LOWER": "held", "OP": "?"}) is None and first_words({"IS_ALPHA": True}) is None
    assert max_width([{"LOWER": "a"}, {"OP": "{0,6}"}, {"LOWER": "b", "OP": "?"}, {"OP": "{2}"}]) == 10
    assert max_width([{"LOWER": "a"}, {"OP": "+"}]) is None and max_width([{"OP": "{3,}"}]) is None
