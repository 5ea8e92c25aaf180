"""The spaCy pipeline, assembled from components registered here, and ``extract``: one Article in,
one ArticleRecord (plain records) out.

Components, in order:
  dip_sentences    sentence starts: after . ! ? (like spaCy's sentencizer) and after a line break
  entity_ruler     the gazetteer's names (generated from ontology/gazetteer/*.jsonl): spaCy's
                   EntityRuler (factory dip_entity_ruler, kg.extract.ruler)
  dip_embedded_names  a place or country inside a longer unknown name ("Power of Siberia") dropped
  dip_titles       people the gazetteer does not know, introduced by a title ("Kazakh President X Y")
  dip_dates        date expressions (kg.dates)
  dip_mentions     surnames, descriptions, "the two leaders", pronouns -> entity keys
  dip_events       event triggers (ontology/triggers.json) -> event reports per sentence
A user with a trained pipeline may pass ``base_model``: its tokenizer, tagger and parser run first
(its own NER is replaced by the gazetteer ruler).
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from itertools import product
from pathlib import Path

import numpy

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..corpus import Article
from ..dates import CALENDAR_WORDS, Reference, find_dates
from ..errors import DataError
from ..gazetteer import ONTOLOGY_DIR, Gazetteer, default, load
from ..records import ArticleRecord, EntityInfo
from ..vocab import EVENT_FAMILY
from .anchored import AnchoredMatcher
from .common import INITIALS, day_sections
from .consolidate import LEAD_SENTENCES, consolidate
from .events import SentenceReader
from .mentions import MentionResolver, find_titled_people
from .ruler import GazetteerRuler  # noqa: F401 - registers the "dip_entity_ruler" factory
from .sentences import sentence_of, sentences, words
from .sources import not_of_the_record

TRIGGERS_FILE = ONTOLOGY_DIR / "triggers.json"
LABEL_OF_KIND = {"Person": "PERSON", "Country": "COUNTRY", "Organization": "ORG", "Place": "PLACE"}

for _name in ("dip_dates", "dip_mentions", "dip_events", "dip_notes", "dip_reference", "dip_article"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def gazetteer_patterns(gaz: Gazetteer) -> list[dict]:
    """Entity-ruler phrase patterns for every name, alias and nationality adjective."""
    pats = []
    for e in gaz.entries.values():
        label = LABEL_OF_KIND[e.kind]
        names = {e.label, *e.aliases}
        if e.kind in ("Country", "Place", "Organization"):
            names |= {n.upper() for n in names if len(n) > 3}
        for n in sorted(names):
            pats.append({"label": label, "pattern": n, "id": e.id})
        if e.kind == "Country":
            for adj in sorted({*e.adjectives, *e.demonyms}):
                pats.append({"label": "NORP", "pattern": adj, "id": e.id})
    return pats


@lru_cache(maxsize=4)
def _triggers(path: str) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataError(path, f"cannot be read as JSON: {exc}") from None


_SENT_END = {".", "!", "?", "...", "…", "。", "！", "？"}


def _is_punct(text: str) -> bool:
    return all(unicodedata.category(c).startswith("P") for c in text)


@Language.component("dip_sentences")
def split_sentences(doc: Doc) -> Doc:
    """Sentence starts: the first word after a full stop, question or exclamation mark (as spaCy's
    sentencizer does), and the token after a line break (headlines, datelines, bullets). Reads the
    token table once and touches only the tokens that start a sentence."""
    _, texts, _ = words(doc)
    n = len(texts)
    starts, seen_end = [], False
    for i, t in enumerate(texts):
        if seen_end and not _is_punct(t):
            starts.append(i)
            seen_end = False
        elif t in _SENT_END and not (t == "." and i > 0 and INITIALS.fullmatch(texts[i - 1])):
            seen_end = True  # (not the full stop of initials: "M.Yu. Galuzin")
        if "\n" in t and i + 1 < n:
            starts.append(i + 1)
            seen_end = False
    if not n:
        return doc
    # set in one call: Token.is_sent_start checks the whole Doc each time it is set
    marks = numpy.full((n, 1), -1, dtype="int64")
    marks[0, 0] = 1
    for i in starts:
        if 0 < i < n:
            marks[i, 0] = 1
    doc.from_array([SENT_START], marks.astype("uint64"))
    return doc


# capitalised words that may follow a place inside an event's or a document's name ("Beijing Olympics")
_EVENT_NAME_HEADS = {"Summit", "Forum", "Games", "Olympics", "Winter", "Summer", "Expo", "Declaration", "Treaty",
                     "Process", "Format", "Dialogue", "Initiative", "Agreement", "Accord", "Statement", "Conference",
                     "Talks", "Meeting", "Region", "Province", "Oblast", "Krai", "Airport", "Railway", "Bridge"}


@Language.factory("dip_embedded_names", default_config={"gazetteer_dir": None})
def make_embedded_names(nlp: Language, name: str, gazetteer_dir: str | None):
    """Drop a place or country found inside a longer name the gazetteer does not know:
    'Central Asia Briefing', 'Eurasia Weekly', 'Power of Siberia', 'Sofia Lindqvist'."""
    title_words = {w for w in _gaz(gazetteer_dir).title_words if w[:1].isupper()}
    return lambda doc: _drop_embedded_names(doc, title_words)


def _drop_embedded_names(doc: Doc, title_words: set[str]) -> Doc:
    keep = []
    for ent in doc.ents:
        if ent.label_ in ("PLACE", "COUNTRY"):
            nxt = doc[ent.end] if ent.end < len(doc) else None
            if (nxt is not None and nxt.ent_type_ == "" and nxt.text[:1].isupper() and nxt.is_alpha
                    and (not nxt.is_upper or ent.text.isupper())
                    and nxt.text.title() not in _EVENT_NAME_HEADS and nxt.text not in title_words and not nxt.is_sent_start
                    and nxt.text.title() not in CALENDAR_WORDS):
                continue
            prev = doc[ent.start - 1] if ent.start > 0 else None
            if (prev is not None and prev.ent_type_ == "" and prev.is_alpha and prev.text[:1].isupper() and not prev.is_sent_start
                    and prev.text not in title_words and prev.text.title() not in CALENDAR_WORDS and prev.text not in ("The", "A")):
                continue  # "the EPD Asia desk"
            if ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].text[:1].isupper() \
                    and doc[ent.start - 2].ent_type_ == "" and doc[ent.start - 2].text not in title_words | {"The"}:
                continue
        keep.append(ent)
    if len(keep) != len(doc.ents):
        doc.ents = keep
    return doc


@Language.factory("dip_titles", default_config={"gazetteer_dir": None})
def make_titles(nlp: Language, name: str, gazetteer_dir: str | None):
    gaz = _gaz(gazetteer_dir)
    matcher = PhraseMatcher(nlp.vocab)
    roles = gaz.title_roles()
    for title, role in roles.items():
        matcher.add(role, [nlp.make_doc(title)])

    def titles(doc: Doc) -> Doc:
        found = [(s, e, nlp.vocab.strings[m]) for m, s, e in matcher(doc)]
        # keep the longest title at each place
        found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        keep, last_end = [], -1
        for s, e, r in found:
            if s >= last_end:
                keep.append((s, e, r))
                last_end = e
        # "his Kyrgyz counterpart, Zheenbek Kulubaev": introduces a name as a title does (no role of its own)
        covered = {i for s, e, _ in keep for i in range(s, e)}
        lowers = words(doc)[2]
        keep += [(i, i + 1, "") for i, w in enumerate(lowers) if w in ("counterpart", "counterparts") and i not in covered]
        keep.sort()
        doc._.dip_notes = find_titled_people(doc, gaz, keep)
        return doc

    return titles


@Language.component("dip_dates")
def dates_component(doc: Doc) -> Doc:
    doc._.dip_dates = find_dates(doc.user_data.get("text") or doc.text)
    return doc


@Language.factory("dip_mentions", default_config={"gazetteer_dir": None})
def make_mentions(nlp: Language, name: str, gazetteer_dir: str | None):
    gaz = _gaz(gazetteer_dir)

    def mentions(doc: Doc) -> Doc:
        ref = doc._.dip_reference
        day = ref.date.isoformat() if ref is not None and ref.date else None
        resolver = MentionResolver(doc, gaz, day, doc._.dip_notes or {})
        doc._.dip_mentions = resolver.resolve()
        return doc

    return mentions


@Language.factory("dip_events", default_config={"gazetteer_dir": None, "triggers": None})
def make_events(nlp: Language, name: str, gazetteer_dir: str | None, triggers: str | None):
    gaz = _gaz(gazetteer_dir)
    spec = _triggers(triggers or str(TRIGGERS_FILE))
    matcher = AnchoredMatcher(nlp.vocab)
    phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
    for kind, patterns in spec.items():
        if kind.startswith("_") or kind == "anaphor":
            continue
        plain, other = [], []
        for pattern in patterns:
            words = _plain_words(pattern)
            (plain if words is not None else other).append(words if words is not None else pattern)
        if other:
            matcher.add(kind, other)
        if plain:
            phrases.add(kind, [nlp.make_doc(" ".join(p)) for words in plain for p in product(*words)])

    def events(doc: Doc) -> Doc:
        ref = doc._.dip_reference or Reference()
        by_sent: dict[int, list] = {}
        for m, s, e in [*matcher(doc), *phrases(doc)]:
            by_sent.setdefault(sentence_of(doc, s).start, []).append((nlp.vocab.strings[m], s, e))
        notes = doc._.dip_notes or {}

        def country_of(key):
            e = gaz.get(key)
            return e.represents if e is not None else (notes[key].country if key in notes else None)

        reader = SentenceReader(doc, gaz, doc._.dip_mentions or [], doc._.dip_dates or [], ref,
                                doc._.dip_article or "", country_of)
        reports = []
        for sent in sentences(doc):
            trigs = by_sent.get(sent.start)
            told_again = reader.read_ellipsis(sent)  # "The first call took place on ..."
            if told_again:
                reports.extend(told_again)
                # what else it tells ("At the first, on June 28, they issued a joint statement")
                reports.extend(r for r in (reader.read(sent, _longest(trigs)) if trigs else ()) if EVENT_FAMILY[r.kind] != "Meeting")
            elif trigs:
                reports.extend(reader.read(sent, _longest(trigs)))
        doc._.dip_events = reports
        return doc

    return events


def _plain_words(pattern: list[dict]) -> list[list[str]] | None:
    """The word choices of a pattern made only of LOWER tests (no operators), else None."""
    out = []
    for tok in pattern:
        if set(tok) != {"LOWER"}:
            return None
        val = tok["LOWER"]
        if isinstance(val, str):
            out.append([val])
        elif isinstance(val, dict) and set(val) == {"IN"}:
            out.append(list(val["IN"]))
        else:
            return None
    return out


def _longest(trigs):
    trigs = sorted(trigs, key=lambda t: (t[1], -(t[2] - t[1])))
    out, covered = [], set()
    for k, s, e in trigs:
        if any(i in covered for i in range(s, e)) and k != "StateVisit":
            # a longer trigger of another class at the same place wins
            continue
        out.append((k, s, e))
        covered.update(range(s, e))
    return out


@lru_cache(maxsize=4)
def _gaz(directory: str | None) -> Gazetteer:
    """The gazetteer of a folder, read once for the pipeline and all its components."""
    return load(Path(directory)) if directory else default()


def build_pipeline(gazetteer_dir: str | None = None, base_model: str | None = None) -> Language:
    """The extraction pipeline: blank English, or a user's installed trained pipeline as the base."""
    gaz = _gaz(gazetteer_dir)
    if base_model:
        try:
            nlp = spacy.load(base_model, exclude=["ner", "entity_ruler"])
        except OSError as exc:
            raise DataError(base_model, f"spaCy pipeline cannot be loaded ({exc}); omit --model to use the built-in rules") from None
        if not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):  # a parser finds sentences itself
            nlp.add_pipe("dip_sentences", first=True)
    else:
        nlp = spacy.blank("en")
        nlp.add_pipe("dip_sentences")
    ruler = nlp.add_pipe("dip_entity_ruler", name="entity_ruler", config={"overwrite_ents": True})
    # the ruler runs the components before it on each phrase pattern; a pattern only needs tokens
    with nlp.select_pipes(disable=[name for name in nlp.pipe_names if name != "entity_ruler"]):
        ruler.add_patterns(gazetteer_patterns(gaz))
    # tokenizing the patterns filled the tokenizer's cache (10,000 chunks at most) with their names,
    # leaving no room for the articles' words: each would be split again at every occurrence, ten to
    # twenty times slower. Setting its rules again empties the cache.
    nlp.tokenizer.rules = nlp.tokenizer.rules
    cfg = {"gazetteer_dir": gazetteer_dir}
    nlp.add_pipe("dip_embedded_names", config=cfg)
    nlp.add_pipe("dip_titles", config=cfg)
    nlp.add_pipe("dip_dates")
    nlp.add_pipe("dip_mentions", config=cfg)
    nlp.add_pipe("dip_events", config=cfg)
    return nlp


_DATELINE_CITY = re.compile(r"^\s*([A-Z][A-Z .'-]{2,30}),", re.M)


_YEAR_IN_LINE = re.compile(r"\b(?:19|20)\d\d\b")


# "1. April 3, 2018 — Moscow. General Wei ...": a timeline entry's place, after its day and a dash;
# "* 3 September 2017 - Xiamen, China" heading the entry
_ITEM_PLACE = re.compile(r"[^\n—–]{4,40}?\s[—–-]\s*([A-Z][\w .'’-]{1,40}?)\s*(?:[.;:,]|\n|$)")
# "9. 25 July 2024, Vientiane - Lavrov and Wang meet ...": the place after a comma, before the dash
_ITEM_COMMA_PLACE = re.compile(r"[^\n—–,]{4,40}?,\s*([A-Z][\w .'’-]{1,40}?)\s+[—–-]\s")


def item_places(text: str, sections: list[tuple[int, int, str]], gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """The place each dated timeline entry names after its day, as (start, end, place key)."""
    out = []
    for start, end, _ in sections:
        for pattern in (_ITEM_PLACE, _ITEM_COMMA_PLACE):
            m = pattern.match(text, start, end)
            key = gaz.by_name.get(m.group(1).strip()) if m else None
            if key and gaz[key].kind == "Place":
                out.append((start, end, key))
                break
    return out


def place_line(head: str, gaz: Gazetteer) -> str | None:
    """The city of a line under the date stamp that names only places ("July 4, 2017, 15:20" then
    "The Kremlin, Moscow"; "Akorda, Astana"), as official sites print where a readout comes from."""
    lines = [line.strip() for line in head.splitlines() if line.strip()][:8]
    for prev, line in zip(lines, lines[1:]):
        if len(line) > 60 or not _YEAR_IN_LINE.search(prev):
            continue
        keys = [gaz.by_name.get(part.strip()) or gaz.by_name.get(re.sub(r"^The\s+", "", part.strip()))
                for part in line.split(",")]
        places = [gaz[k] for k in keys if k and gaz[k].kind == "Place"]
        if places and all(k and gaz[k].kind in ("Place", "Country") for k in keys):  # "Novo-Ogaryovo, Moscow Region, Russia"
            return places[-1].city or places[-1].id
    return None


def _represents(gaz: Gazetteer, e, day: str | None) -> str | None:
    """Whom a person acts for on ``day``: the company or body they head, else their country."""
    if e.kind != "Person":
        return e.represents
    for post in gaz.role_of(e.id, day):
        org = gaz.get(post.of)
        if post.role in ("ceo", "chairman") and org is not None and org.kind == "Organization" and org.subkind == "company":
            return org.id
    return e.represents


def _known(e, represents: str | None) -> EntityInfo:
    """The record of an entity the gazetteer knows (its names are added as the article uses them)."""
    return EntityInfo(e.id, e.kind, e.label, set(), e.wikidata, represents, set(), e.country if e.kind == "Place" else None)


def extract(article: Article, nlp: Language, gaz: Gazetteer | None = None) -> ArticleRecord:
    """Read one article: its entities and its events, as plain records."""
    gaz = gaz or default()
    doc = nlp.make_doc(article.text)
    doc._.dip_reference = article.reference
    doc._.dip_article = article.id
    doc.user_data["text"] = article.text  # Doc.text rebuilds the string from every token
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    day = article.reference.date.isoformat() if article.reference.date else None
    notes = doc._.dip_notes or {}
    entities: dict[str, EntityInfo] = {}
    for m in doc._.dip_mentions or []:
        info = entities.get(m.key)
        if info is None:
            e = gaz.get(m.key)
            if e is not None:
                info = _known(e, _represents(gaz, e, day))
            else:
                note = notes.get(m.key)
                label = note.label if note else article.text[m.start:m.end]
                info = EntityInfo(m.key, m.kind, label, set(), None, note.country if note else None, set())
            entities[m.key] = info
        if m.via in ("name", "surname"):
            info.names.add(article.text[m.start:m.end])
            e = gaz.get(m.key)
            if e is not None:
                info.names.update(e.aliases)
    for key, note in notes.items():
        if key in entities:
            entities[key].roles |= note.roles
            if entities[key].represents is None and note.country:
                entities[key].represents = note.country
    # the represented country is an entity of the graph too
    for info in list(entities.values()):
        if info.represents and info.represents not in entities and gaz.get(info.represents):
            e = gaz[info.represents]
            entities[e.id] = _known(e, None)
    sents = sentences(doc)
    text = article.text  # Span.text rebuilds the string from every token
    body = [s for s in sents if len(text[s.start_char:s.end_char].split()) >= 8
            and text[s.start_char:s.end_char].rstrip()[-1:] in ".!?\"'”’)"]
    lead_end = body[min(LEAD_SENTENCES, len(body)) - 1].end_char if body else 0
    m = _DATELINE_CITY.search(article.text[:600])
    dateline_city = None
    if m:
        city = gaz.by_name.get(m.group(1).strip().title()) or gaz.by_name.get(m.group(1).strip())
        if city and gaz[city].kind == "Place":
            dateline_city = city
    dateline_city = dateline_city or place_line(article.text[:600], gaz)

    def people_of(r):
        return [p for p in r.participants if p in entities and entities[p].kind == "Person"]

    def country_of_place(key):
        e = gaz.get(key)
        return e.country if e is not None and e.kind == "Place" else None

    def country_of_person(key):
        """The country a person represents, or an organization belongs to."""
        info = entities.get(key)
        e = gaz.get(key)
        if info is not None and info.kind == "Organization":
            return e.country if e is not None else None
        return info.represents if info is not None else None

    sections = day_sections(doc, article.text, article.reference)
    events = consolidate(doc._.dip_events or [], people_of, article.reference, lead_end, dateline_city,
                         country_of_place, country_of_person, sections, item_places(article.text, sections, gaz))
    for r in events:
        for k in [*r.participants, r.location]:
            if k and k not in entities and gaz.get(k):
                entities[k] = _known(gaz[k], gaz[k].represents)
    for key in not_of_the_record(article.text, doc._.dip_mentions or [], entities, events, gaz):
        del entities[key]
    return ArticleRecord(article.id, article.source_file, article.sha256, article.published, article.title,
                         article.publisher, article.url, entities, events)
