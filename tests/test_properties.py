"""Property-based tests: whatever text comes in, the extractor and the date reader do not raise, and
everything they emit becomes valid RDF (N-Quads that Oxigraph serialises and parses back unchanged)."""
from __future__ import annotations

import datetime as dt
import hashlib
import io

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kg.corpus import Article
from kg.dates import PATTERNS, Reference, find_dates, resolve
from kg.graph import dataset_quads
from kg.resolve import article_word_counts, merge_entities, merge_events

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                              HealthCheck.too_slow])


@pytest.fixture(scope="module")
def nlp():
    from kg.extract.pipeline import build_pipeline
    return build_pipeline()


@pytest.fixture(scope="module")
def gaz():
    from kg.gazetteer import default
    return default()


def _names(gaz, kind, limit=80):
    out = sorted({n for e in gaz.entries.values() if e.kind == kind for n in (e.label, *e.aliases)})
    return out[:: max(1, len(out) // limit)] or ["Moscow"]


# ---------------------------------------------------------------- strategies

TRIGGERS = ["met", "held talks with", "spoke by phone with", "held a video call with", "state visit", "visited",
            "arrived in", "summit", "signed a joint statement", "agreement", "the call", "the talks", "the two leaders",
            "he", "she", "they", "on the sidelines of", "in a telephone conversation", "welcomed", "virtually"]
DATE_WORDS = ["on Friday", "last week", "next month", "yesterday", "on December 30", "30 December 2022",
              "Dec. 15, 2021", "2019-07-04", "in early March", "in the spring", "two weeks ago", "this year",
              "May", "March 2020", "on Feb. 29", "Sept. 31", "in 2024", "last Friday (December 30)", "on 31 June",
              "a few days ago", "the previous week", "this coming Monday", "earlier today", "on the day", "tonight",
              "mid-June 2019", "the end of May last year", "21st May", "in the summer", "Sept 5-7, 2019", "FY2020",
              "Friday, December 30, 2022", "Tuesday 5 May 2020", "on Monday 3 June"]
TITLES = ["President", "Foreign Minister", "Prime Minister", "Premier", "Chinese President", "Russian Foreign Minister",
          "Kazakh President", "spokesperson", "Mr.", "Ms."]
SEPARATORS = [" ", " ", ", ", ". ", "\n", "\n\n", " -- ", "; ", " (", ") ", "\"", "'s "]

identifiers = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"), min_size=1, max_size=30)
references = st.builds(Reference, st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2039, 12, 31))),
                       st.booleans(), st.lists(st.integers(1990, 2039), max_size=3).map(tuple))


@st.composite
def news_like(draw, gaz):
    """Text mixing the gazetteer's real names, titles, dates, event triggers and arbitrary noise."""
    people = _names(gaz, "Person")
    places = _names(gaz, "Place") + _names(gaz, "Country")
    orgs = _names(gaz, "Organization")
    piece = st.one_of(st.sampled_from(people), st.sampled_from(places), st.sampled_from(orgs),
                      st.sampled_from(TRIGGERS), st.sampled_from(DATE_WORDS), st.sampled_from(TITLES),
                      st.text(max_size=12), st.sampled_from(people).map(lambda n: n.split()[-1]),
                      st.sampled_from(people).map(str.upper))
    parts = draw(st.lists(st.tuples(piece, st.sampled_from(SEPARATORS)), min_size=1, max_size=60))
    text = "".join(p + s for p, s in parts)
    if draw(st.booleans()):  # a dateline
        city = draw(st.sampled_from(places)).upper()
        text = f"{city}, {draw(st.sampled_from(['Dec. 30', 'March 3, 2022', 'Sept. 15']))} (Wire) -- " + text
    return text


def _article(text: str, ident: str = "a", ref: Reference | None = None, published: str | None = None) -> Article:
    return Article(id=ident, source_file=ident + ".txt", text=text,
                   sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
                   published=published, title=text[:40] or None, publisher="Wire", url=None,
                   reference=ref or Reference())


def _check_rdf(articles, nlp, gaz):
    """Extract, merge and build the quads; they must survive an N-Quads round trip unchanged."""
    from kg.extract.pipeline import extract
    records = [extract(a, nlp, gaz) for a in articles]
    for rec, a in zip(records, articles):
        for r in rec.events:
            assert 0 <= r.start <= r.end <= len(a.text)
            assert r.date is None or len(r.date) in (4, 7, 10)
    entities = merge_entities(records)
    events = merge_events(records, entities, {a.id: article_word_counts(a.text) for a in articles})
    quads = dataset_quads(records, entities, events)
    buf = io.BytesIO()
    ox.serialize(quads, buf, format=ox.RdfFormat.N_QUADS)
    back = list(ox.parse(buf.getvalue(), format=ox.RdfFormat.N_QUADS))
    assert set(back) == set(quads)
    for q in quads:  # every literal with a datatype is a valid value of it
        if isinstance(q.object, ox.Literal) and q.object.datatype.value.endswith(("#date", "#gYear", "#gYearMonth")):
            value = q.object.value
            dt.date.fromisoformat(value + "-01-01"[len(value) - 4:]) if len(value) < 10 else dt.date.fromisoformat(value)
    return records


# ---------------------------------------------------------------- the extractor

@SETTINGS
@given(text=st.text(max_size=400), ident=identifiers, ref=references)
def test_extract_arbitrary_unicode(nlp, gaz, text, ident, ref):
    _check_rdf([_article(text, ident, ref)], nlp, gaz)


@SETTINGS
@given(data=st.data(), ref=references)
def test_extract_news_like_text(nlp, gaz, data, ref):
    text = data.draw(news_like(gaz))
    _check_rdf([_article(text, "news", ref, ref.date.isoformat() if ref.date and not ref.weak else None)], nlp, gaz)


@SETTINGS
@given(data=st.data())
def test_extract_and_merge_several_articles(nlp, gaz, data):
    """Several articles at once: merging across them must also give valid RDF."""
    texts = data.draw(st.lists(news_like(gaz), min_size=2, max_size=4))
    refs = data.draw(st.lists(references, min_size=len(texts), max_size=len(texts)))
    _check_rdf([_article(t, f"art {i}/é", r) for i, (t, r) in enumerate(zip(texts, refs))], nlp, gaz)


# ---------------------------------------------------------------- dates

date_text = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(DATE_WORDS), st.text(max_size=8), st.integers(0, 3000).map(str)),
             max_size=20).map(" ".join))


@settings(max_examples=100, deadline=None)
@given(text=date_text, ref=references, future=st.booleans())
def test_find_dates_and_resolve(text, ref, future):
    found = find_dates(text)
    kinds = {k for k, _ in PATTERNS}
    last_end = -1
    for d in found:
        assert d.kind in kinds
        assert 0 <= d.start < d.end <= len(text) and text[d.start:d.end] == d.text
        assert d.start >= last_end  # in order, not overlapping
        last_end = d.end
        r = resolve(d, ref, future)
        if r is not None:
            assert len(r.value) in (4, 7, 10)
            if len(r.value) == 10:
                dt.date.fromisoformat(r.value)
            elif len(r.value) == 7:
                dt.date.fromisoformat(r.value + "-01")
            assert r.precision in ("day", "month", "year")


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(date_text, date_text.map(str.upper), date_text.map(str.title)))
def test_date_patterns_are_tried_wherever_they_can_match(text):
    """find_dates tries each pattern only where a word it can begin with begins: it must find
    exactly what scanning every position finds, in any case and with any letters around."""
    from kg.dates import _matches, _starts
    at = _starts(text)
    for kind, pat in PATTERNS:
        assert [m.span() for m in _matches(kind, pat, text, at)] == [m.span() for m in pat.finditer(text)], kind


@settings(max_examples=60, deadline=None)
@given(day=st.dates(dt.date(1990, 1, 1), dt.date(2039, 12, 31)))
def test_written_out_dates_resolve_to_themselves(day):
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    for text in (f"{months[day.month - 1]} {day.day}, {day.year}", f"{day.day} {months[day.month - 1]} {day.year}",
                 day.isoformat()):
        found = find_dates(f"They met on {text}.")
        assume(found)
        assert resolve(found[0], Reference()).value == day.isoformat(), text


# ---------------------------------------------------------------- reading files

@settings(max_examples=100, deadline=None)
@given(data=st.one_of(st.binary(max_size=3000),
                      st.text(max_size=500).map(lambda t: t.encode("utf-8")),
                      st.tuples(st.text(max_size=300), st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-32",
                                                                         "latin-1", "cp1252", "utf-8-sig"]))
                      .map(lambda x: x[0].encode(x[1], errors="ignore"))),
       meta=st.one_of(st.none(), st.binary(max_size=200),
                      st.dictionaries(st.sampled_from(["published", "title", "url", "publisher", "x"]),
                                      st.one_of(st.text(max_size=30), st.integers(), st.none()), max_size=4)
                      .map(lambda d: __import__("json").dumps(d).encode())))
def test_read_article_never_raises(tmp_path_factory, data, meta):
    """Any bytes, any sidecar: an Article with clean text, or None with the reason; nothing raised."""
    from kg.corpus import MAX_CHARS, read_article
    folder = tmp_path_factory.mktemp("any")
    (folder / "a.txt").write_bytes(data)
    if meta is not None:
        (folder / "a.meta.json").write_bytes(meta)
    article, problems = read_article(folder / "a.txt")
    if article is None:
        assert len(problems) == 1 and problems[0].skipped and problems[0].file == "a.txt" and problems[0].reason
    else:
        assert article.text.strip() and "\x00" not in article.text and "\r" not in article.text
        assert len(article.text) <= MAX_CHARS
        assert article.published is None or dt.date.fromisoformat(article.published)
        assert not any(p.skipped for p in problems)
        article.text.encode("utf-8")  # no lone surrogates
