"""Who a text speaks of: names the gazetteer does not know (introduced by a title or an
appositive), later mentions by surname, descriptions ("the Chinese leader", "his Russian
counterpart", "the two leaders") and sentence-initial pronouns, resolved to entity keys."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..dates import CALENDAR_WORDS
from ..gazetteer import Gazetteer, slug
from .common import INITIALS, heading_year
from .sentences import sentence_of
from .sentences import words as token_words

ENTITY_LABELS = {"PERSON": "Person", "COUNTRY": "Country", "ORG": "Organization", "PLACE": "Place"}
_NOT_NAME = {"The", "A", "An", "And", "Of", "In", "On", "At", "For", "To", "By", "With", "His", "Her", "Their", "This",
             "That", "These", "He", "She", "It", "They", "We", "I", "Mr", "Mrs", "Ms", "Dr", "Former", "Acting", "Deputy",
             "First", "Vice", "Chinese", "Russian", "Also", "But", "As", "After", "Before", "While", "When", "Said", "Has",
             "Had", "Was", "Is", "Will", "Would", "Who", "Which", "Both", "Two", "New", "Foreign", "Minister", "President",
             "Prime", "General", "State", "Security", "Council", "Ministry", "Party"}
# description nouns -> role ("leader" and "counterpart" are resolved specially)
DESCRIPTION_NOUNS = {
    "leader": "leader", "leaders": "leader", "president": "president", "head": "leader", "chief": "leader",
    "premier": "prime_minister", "counterpart": "counterpart", "host": "host", "guest": "guest",
    "boss": "leader", "diplomat": "foreign_minister",
}
_AGENT_VERBS = {"said", "says", "announced", "announces", "published", "publishes", "confirmed", "confirms", "stressed",
                "added", "noted", "reported", "denied", "warned", "insisted", "released", "issued", "has", "had", "is",
                "was", "will", "would", "called", "welcomed", "rejected", "responded", "declined", "described", "claimed"}
# "told a regular briefing that", "said": a reporting verb and the start of what was reported
_REPORTED = re.compile(r"\b(?:said|says|told|announced|confirmed|stated)\b[^,]{0,40}?\bthat\s*$|\b(?:said|says|announced)\s*$")
# what the one spoken of does ("Han, a Politburo member, would be in Russia"), not "Putin's trip"
_REPORTED_VERB = re.compile(r"(?:\s*,[^,.;]{0,80},)?\s+(?:would|will|is|was|had|has|could|plans|planned|intends|intended)\b")
# the people a person is named for ("Xi's special envoy", "Zhao's predecessor"): not that person
RELATIONS = (r"(?:special\s+|personal\s+)?(?:predecessor|successor|deputy|wife|husband|widow|son|daughter|"
             r"envoy|representative|emissary|spokes(?:man|woman|person)|aide|adviser|advisor)")
# who took a picture or wrote the piece: "Credit: X/pool", "Photo by X", a byline "By X" opening a line
_CREDIT = re.compile(r"(?:\b(?:Credit|Photo|Photograph|Picture|Image|Source)s?(?:\s+by)?\s*:\s*|\bPhoto(?:graph)?\s+by\s+|(?:^|\n)\s*By\s+)$")
# a person named only to say whose relation the one it is about is
_RELATION_AFTER = re.compile(rf"['’]s\s+{RELATIONS}\b")
# "Shen's visit", "Putin's talks": a person's event named in a sentence's opening phrase
_POSSESSIVE_IN_OPENER = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}?(?:visit|trip|talks|meeting|call|tour|departure|arrival)\b[^,.;]{0,40},")
# words that open a sentence with a clause of its own, whose subject a later 'him' may be
_OPENING_CONJUNCTIONS = {"when", "as", "after", "while", "once", "before", "since", "during"}
_OPENERS = {"his", "her", "their", "the", "both", "he", "she", "they", "him"}  # words a description, group or pronoun starts with
# words after an object pronoun ("received her at", "met her on Monday"), not after a possessive "her"
_AFTER_OBJECT = {"at", "in", "on", "for", "to", "and", "with", "during", "after", "before", "again", "later", "there"}
# tried in this order, the longest first (a set's order would change with the hash seed, and with it
# which prefix reads "the two heads of state")
_TWO = (("the", "two", "heads", "of", "state"), ("the", "two"), ("the", "pair"), ("the", "leaders"), ("the", "presidents"),
        ("both",))
_TWO_LEADERS = {("the", "pair"), ("the", "two", "heads", "of", "state")}  # leaders, whatever the last word
# what "the two" may do as a subject ("the two held talks", "the two also met"): the pair itself
_PAIR_VERBS = {"held", "hold", "met", "meet", "signed", "sign", "spoke", "speak", "talked", "discussed", "agreed", "also",
               "then", "later", "had", "have", "were", "are", "will", "would", "exchanged", "shook", "toured", "visited",
               "attended", "watched", "witnessed", "posed", "issued", "adopted", "reaffirmed", "noted", "stressed"}
_GROUP_NOUNS = {"leaders", "presidents", "men", "heads", "premiers", "ministers", "sides"}


@dataclass
class Mention:
    start: int  # char offsets
    end: int
    key: str
    kind: str
    token: int  # index of the first token
    via: str = "name"  # name, surname, description, pronoun


@dataclass
class PersonNote:
    """What an article says of a person it introduces: title and country."""

    key: str
    label: str
    roles: set = field(default_factory=set)
    country: str | None = None


# posts a description names by a wider word: "the Russian deputy minister" is a deputy foreign
# minister, "the Chinese envoy" an ambassador or a special envoy
_WIDER_POSTS = {"deputy_minister": {"deputy_foreign_minister"}, "ambassador": {"special_envoy"}, "special_envoy": {"ambassador"}}


def _same_post(wanted: str, held: str) -> bool:
    return held == wanted or held in _WIDER_POSTS.get(wanted, ())


def _is_name_token(tok) -> bool:
    t = tok.text
    return (len(t) > 1 and t[0].isupper() and (t.replace("-", "").replace("'", "").isalpha())
            and t not in CALENDAR_WORDS and t not in _NOT_NAME and not t.isupper() and tok.ent_type_ in ("", "PERSON"))


def _country_before(doc: Doc, i: int, gaz: Gazetteer) -> tuple[str | None, int]:
    """A country named just before token ``i`` ("Russian", "Russia's", "Kazakh"; "Russia's sports
    minister"; a region's: "Amur governor", "Heilongjiang's party secretary"): (key, first token)."""
    office_words = gaz.office_words
    j = i - 1
    while j >= 0 and doc[j].text in ("former", "Former", "acting", "Acting", "then", "the", "The"):
        j -= 1
    if j >= 0 and doc[j].text in ("'s", "’s"):
        j -= 1
    if j >= 0 and doc[j].ent_type_ in ("NORP", "COUNTRY") and doc[j].ent_id_:
        return doc[j].ent_id_, j
    if j >= 0 and doc[j].ent_type_ == "PLACE" and doc[j].ent_id_:
        place = gaz.get(doc[j].ent_id_)
        first = j
        while first > 0 and doc[first].ent_iob_ == "I":
            first -= 1
        if place is not None and place.country:
            return place.country, first
    # "Kazakh Senate Chairman", "Russian State Duma Chairman", "Russia's sports minister": the
    # body's name or the office's field between
    k = j
    while k >= 0 and j - k < 3 and not doc[k].ent_type_ and not doc[k].is_sent_start and (
            doc[k].text[:1].isupper() or (doc[k].is_lower and doc[k].text.title() in office_words)):
        k -= 1
    if k < j and k > 0 and doc[k].text in ("'s", "’s") and doc[k - 1].ent_type_ == "COUNTRY":
        k -= 1
    if k < j and k >= 0 and doc[k].ent_type_ in ("NORP", "COUNTRY") and doc[k].ent_id_:
        return doc[k].ent_id_, k
    if k < j and k >= 0 and doc[k].ent_type_ == "PLACE" and doc[k].ent_id_ and all(t.is_lower for t in doc[k + 1:j + 1]):
        # "Sverdlovsk region governor" (not "Yamal LNG general director": a company named for a place)
        place = gaz.get(doc[k].ent_id_)
        if place is not None and place.country:
            return place.country, k
    return None, i


def find_titled_people(doc: Doc, gaz: Gazetteer, title_matches: list[tuple[int, int, str]]) -> dict[str, PersonNote]:
    """Add PERSON entities for names introduced by a title; returns notes on every titled person."""
    notes: dict[str, PersonNote] = {}
    new_spans = []
    titles = gaz.title_roles()
    title_starts = {start for start, _, _ in title_matches}
    for start, end, role in title_matches:
        country, _ = _country_before(doc, start, gaz)
        j = end
        # "of Russia", "to China", "of Primorsky Krai" after the title; "of China National Petroleum
        # Corporation": a body, in its country
        org_at = j + 1 + (j + 1 < len(doc) and doc[j + 1].lower_ == "the")
        if j + 1 < len(doc) and doc[j].lower_ == "of" and org_at < len(doc) and doc[org_at].ent_type_ == "ORG" \
                and doc[org_at].ent_iob_ == "B":
            org = gaz.get(doc[org_at].ent_id_)
            j = org_at + 1
            while j < len(doc) and doc[j].ent_iob_ == "I":
                j += 1
            country = country or (org.country if org is not None and gaz.get(org.country or "") is not None else None)
        elif j + 1 < len(doc) and doc[j].lower_ in ("of", "to", "in"):  # "consul general in Khabarovsk, X"
            named, after = _place_named_at(doc, _state_name(doc, j + 1), gaz)
            if after > j + 1:
                if doc[j].lower_ == "of" and country is None:
                    country = named
                j = after
        j = max(j, _after_office(doc, end, gaz.office_words, title_starts))
        if j < len(doc) and doc[j].text == ",":
            j += 1
            if j in title_starts:  # "President of Russia, Supreme Commander-in-Chief ... X": the next title's
                continue
        if j < len(doc) and doc[j].ent_type_ == "PERSON" and doc[j].ent_id_:
            key = doc[j].ent_id_
            note = notes.setdefault(key, PersonNote(key, doc[j].text))
            if role:
                note.roles.add(_singular(doc[start:end].text, titles))
            note.country = note.country or country
            continue
        j = _after_rank(doc, j)
        first = k = _after_initials(doc, j)  # "M.Yu. Galuzin", "S.V. Lavrov": initials, then the surname
        while k < len(doc) and k - first < 3 and _is_name_token(doc[k]) and doc[k].ent_type_ == "":
            k += 1
            if _hyphen_part(doc, k):
                k += 2  # "Lee Nak-yon", "Chung Eui-yong": a given name the tokenizer split at its hyphen
        named = k - first >= 2 or (first > j and k - first == 1)
        name = (j, k) if named and not (k < len(doc) and _is_name_token(doc[k])) else _name_before(doc, start, gaz.office_words)
        if name is not None:
            span = Span(doc, name[0], name[1], label="PERSON", span_id=slug(doc[name[0]:name[1]].text))
            new_spans.append(span)
            note = notes.setdefault(span.id_, PersonNote(span.id_, span.text))
            if role:
                note.roles.add(_singular(doc[start:end].text, titles))
            appositive = name[1] <= start  # "X, vice chairman of China's NPC,": the title after the name
            note.country = note.country or country or (_country_after(doc, end, gaz) if appositive else None) \
                or _country_in_sentence(doc, start)
    if new_spans:
        doc.ents = filter_spans(list(doc.ents) + new_spans)
    return notes


def _after_office(doc: Doc, j: int, office_words: frozenset[str], title_starts: set[int]) -> int:
    """Past what the office is of, up to the holder's name: 'Minister [of Culture] Olga Lyubimova',
    'Rector [of Moscow State University] Viktor Sadovnichy' (the last office word in a run of
    capitalised words, 'of', 'for', 'and' and 'the' right after the title, which ends at ``j``; an
    'and' after a word of no office, or another title, ends the run: 'of Culture and Tourism Zhang Xu
    and Russian Deputy Culture Minister ...')."""
    if j >= len(doc) or doc[j].lower_ not in ("of", "for"):
        return j
    last, k = None, j
    while k < len(doc) and k - j < 10 and k not in title_starts:
        t = doc[k]
        if t.text in office_words or (t.is_lower and t.text.title() in office_words) or t.ent_type_ == "COUNTRY":
            last = k  # "of economic development", "of the Republic of Kazakhstan"
        elif t.lower_ in ("and", "&") and doc[k - 1].text not in office_words:
            break
        elif not (t.lower_ in ("of", "for", "and", "the", "&", "-") or (t.text[:1].isupper() and t.is_alpha)):
            break
        k += 1
    return j if last is None else last + 1


# military ranks before a name ("the fleet commander, Admiral Nikolai Yevmenov", "Colonel-General X"):
# not the name's
_RANKS = {"admiral", "general", "colonel", "lieutenant", "major", "marshal", "captain", "vice", "rear", "army", "air",
          "fleet", "brigadier", "-"}


def _after_rank(doc: Doc, j: int) -> int:
    """The token after the military rank at ``j`` ("Admiral", "Vice-Admiral", "Colonel General"), or ``j``."""
    k = j
    while k < len(doc) and k - j < 4 and doc[k].lower_ in _RANKS and (doc[k].text[:1].isupper() or doc[k].text == "-"):
        k += 1
    return k if k > j and doc[k - 1].lower_ in ("admiral", "general", "colonel", "marshal", "captain", "major") else j


def _after_initials(doc: Doc, j: int) -> int:
    """The token after a person's initials at ``j`` ("S.V.", "M.Yu" + "."), or ``j`` where there are none."""
    if j < len(doc) and doc[j].text.endswith(".") and INITIALS.fullmatch(doc[j].text[:-1]):
        return j + 1
    if j + 1 < len(doc) and INITIALS.fullmatch(doc[j].text) and "." in doc[j].text and doc[j + 1].text == ".":
        return j + 2
    return j


def _singular(title: str, titles: dict) -> str:
    """'Presidents Putin and Xi': each holds the title 'President'."""
    return title[:-1] if title.endswith("s") and title[:-1] in titles else title


def _name_before(doc: Doc, title_start: int, office_words: frozenset[str]) -> tuple[int, int] | None:
    """An appositive: 'Arman Issetov, Kazakhstan's deputy foreign minister,', 'X, then Uzbekistan's
    sports minister,' (the name, then the title)."""
    j = title_start - 1
    while j >= 0 and (doc[j].lower_ in ("the", "a", "an", "former", "acting", "then", "'s", "’s")
                      or doc[j].ent_type_ in ("NORP", "COUNTRY", "PLACE")
                      or (doc[j].is_lower and doc[j].text.title() in office_words)):
        j -= 1
    if j < 2 or doc[j].text != ",":
        return None
    k = j
    while k > 0 and j - k < 3 and _is_name_token(doc[k - 1]) and doc[k - 1].ent_type_ == "" and not doc[k - 1].is_sent_start:
        k -= 1
    if k > 0 and doc[k - 1].is_sent_start and _is_name_token(doc[k - 1]) and doc[k - 1].ent_type_ == "" and j - k < 3:
        k -= 1  # the name opens the sentence
    return (k, j) if j - k >= 2 else None


_STATE_FORMS = {"republic", "kingdom", "sultanate", "emirate", "state", "federation", "principality", "commonwealth"}


def _state_name(doc: Doc, i: int) -> int:
    """Where the country's own name begins in "the Republic of Bulgaria", "the Kingdom of Thailand",
    "the Islamic Republic of Iran" (``i`` itself when the name is not so written)."""
    k = i + (i < len(doc) and doc[i].lower_ == "the")
    j = k
    while j < len(doc) and j - k < 3 and doc[j].text[:1].isupper() and doc[j].lower_ not in _STATE_FORMS:
        j += 1  # "Islamic", "People's", "Democratic"
    if j + 1 < len(doc) and doc[j].lower_ in _STATE_FORMS and doc[j + 1].lower_ == "of":
        return j + 2
    return i


def _hyphen_part(doc: Doc, k: int) -> bool:
    """A hyphen and a lower-case part right after a name word: "Nak" "-" "yon"."""
    return k + 1 < len(doc) and doc[k].text == "-" and doc[k - 1].whitespace_ == "" and doc[k].whitespace_ == "" \
        and doc[k + 1].is_alpha and doc[k + 1].is_lower and len(doc[k + 1].text) <= 4


def _place_named_at(doc: Doc, i: int, gaz: Gazetteer) -> tuple[str | None, int]:
    """A country or place named from token ``i`` (tagged, or one the tagger left untagged inside a
    longer name: "the Security Council of Kyrgyzstan", "Governor of Primorsky Krai"): (its country,
    the token after it); (None, i) when none is."""
    tok = doc[i]
    if tok.ent_type_ in ("COUNTRY", "PLACE") and tok.ent_id_:
        e = gaz.get(tok.ent_id_)
        end = i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return (tok.ent_id_ if tok.ent_type_ == "COUNTRY" else (e.country if e else None)), end
    for n in (3, 2, 1):
        key = gaz.by_name.get(doc[i:i + n].text) if i + n <= len(doc) else None
        if key and gaz[key].kind in ("Country", "Place") and not doc[i:i + n].text.islower():
            return (key if gaz[key].kind == "Country" else gaz[key].country), i + n
    return None, i


def _country_after(doc: Doc, i: int, gaz: Gazetteer) -> str | None:
    """The country an appositive names after the title, up to its closing comma: 'X, vice chairman
    of the Standing Committee of China's National People's Congress, ...'; or the country of the
    national body or company it names ('X, head of the state space corporation Roscosmos, ...')."""
    for tok in doc[i:min(len(doc), i + 12)]:
        if tok.text == "," or tok.is_sent_end:
            break
        if tok.ent_type_ in ("NORP", "COUNTRY") and tok.ent_id_:
            return tok.ent_id_
        org = gaz.get(tok.ent_id_) if tok.ent_type_ == "ORG" and tok.ent_iob_ == "B" else None
        if org is not None and org.country and gaz.get(org.country) is not None and gaz[org.country].kind == "Country":
            return org.country
    return None


def _country_in_sentence(doc: Doc, i: int) -> str | None:
    sent = sentence_of(doc, i)
    for tok in reversed(doc[max(sent.start, i - 10):i]):
        if tok.text == ";" or tok.text == "," and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("and", "but", "while", "who", "which"):
            break  # another clause: not "fought Japanese forces, and met X, governor of ..."
        if tok.ent_type_ in ("NORP",) and tok.ent_id_:
            return tok.ent_id_
    return None


class MentionResolver:
    """Walks an article left to right, resolving every way it refers to an entity."""

    def __init__(self, doc: Doc, gaz: Gazetteer, day: str | None, notes: dict[str, PersonNote]):
        self.doc, self.gaz, self.day, self.notes = doc, gaz, day, notes
        self.text = doc.user_data.get("text") or doc.text  # Doc.text rebuilds the string token by token
        self.mentions: list[Mention] = []
        self.surnames: dict[str, str] = {}
        self.recent_people: list[str] = []
        self.sentence_people: dict[int, list[str]] = {}
        self.in_opener: set[tuple[int, str]] = set()  # (sentence start, person) named in its opening phrase
        self.sent_mentions: dict[int, list[tuple[int, str]]] = {}  # sentence start -> (token, person)
        self.person_counts: dict[str, int] = {}
        self.country_counts: dict[str, int] = {}
        self.titles = gaz.title_roles()
        self.title_words, self.title_first_words = gaz.title_words, gaz.title_first_words
        # how much the article speaks of each country: names, adjectives, seats of government
        self.salience: dict[str, int] = {}
        for ent in doc.ents:
            key = ent.ent_id_ if ent.label_ in ("COUNTRY", "NORP") else None
            if key:
                self.salience[key] = self.salience.get(key, 0) + 1
        self.metonyms = gaz.government_metonyms
        self.org_metonyms = gaz.organization_metonyms

    def person_country(self, key: str) -> str | None:
        e = self.gaz.get(key)
        if e and e.represents:
            return e.represents
        note = self.notes.get(key)
        return note.country if note else None

    def person_roles(self, key: str) -> list[str]:
        return [p.role for p in self.gaz.role_of(key, self.day)]

    def _note(self, m: Mention) -> None:
        """Record a mention, and the counts the descriptions use (kept as they go: a long text
        would otherwise be read again for every description)."""
        self.mentions.append(m)
        if m.kind == "Person":
            self.person_counts[m.key] = self.person_counts.get(m.key, 0) + 1
            country = self.person_country(m.key)
            if country:
                self.country_counts[country] = self.country_counts.get(country, 0) + 1
            self.sent_mentions.setdefault(sentence_of(self.doc, m.token).start, []).append((m.token, m.key))
        elif m.kind == "Country":
            self.country_counts[m.key] = self.country_counts.get(m.key, 0) + 1

    def _people_before(self, i: int) -> list[str]:
        """The people named in token ``i``'s sentence before it."""
        return [key for tok, key in self.sent_mentions.get(sentence_of(self.doc, i).start, ()) if tok < i]

    def _touch(self, key: str) -> None:
        """``key`` is now the person named last."""
        if key in self.recent_people:
            self.recent_people.remove(key)
        self.recent_people.append(key)

    def _add(self, tok_start: int, tok_end: int, key: str, kind: str, via: str) -> None:
        span = self.doc[tok_start:tok_end]
        self._note(Mention(span.start_char, span.end_char, key, kind, tok_start, via))
        if kind == "Person":
            self._touch(key)
            if not _RELATION_AFTER.match(self.text, span.end_char):  # "Zhao's predecessor, Li": Li is who the sentence is about
                sent = sentence_of(self.doc, tok_start)
                if tok_start > sent.start and _POSSESSIVE_IN_OPENER.match(self.text, span.end_char) \
                        and "," not in self.text[sent.start_char:span.start_char]:
                    self.in_opener.add((sent.start, key))  # "A month after Shen's visit, Li made ...": Li is who it is about
                self.sentence_people.setdefault(sent.start, []).append(key)

    def _subject_of(self, start: int) -> str:
        """Who the sentence beginning at token ``start`` is about: the first person it names, past one
        named in an opening phrase ("A month after Shen's visit, Li Zuocheng made ...": Li)."""
        people = self.sentence_people[start]
        return next((k for k in people if (start, k) not in self.in_opener), people[0])

    def _register_surname(self, key: str, text: str) -> None:
        e = self.gaz.get(key)
        if e and e.surname:
            self.surnames.setdefault(e.surname, key)
            return
        parts = text.split()
        if len(parts) >= 2:
            self.surnames.setdefault(parts[-1], key)
            if len(parts[0]) <= 4:
                self.surnames.setdefault(parts[0], key)

    def resolve(self) -> list[Mention]:
        doc = self.doc
        ents = {e.start: e for e in doc.ents}
        self.ent_end = {e.start: e.end for e in ents.values()}
        _, words, lowers = token_words(doc)
        i = 0
        while i < len(doc):
            ent = ents.get(i)
            if ent is not None:
                kind = ENTITY_LABELS.get(ent.label_)
                used = self._possessive_description(ent)
                if used:
                    i = used
                    continue
                if kind == "Place" and ent.text in self.org_metonyms and self._acts(ent):
                    # "the Kremlin said": the institution, not the building
                    self._add(ent.start, ent.end, self.org_metonyms[ent.text], "Organization", "name")
                    i = ent.end
                    continue
                if kind == "Organization" and self._in_title(ent):
                    i = ent.end  # "US Treasury Secretary Janet Yellen": part of her title, not an actor here
                    continue
                if kind == "Person" and _CREDIT.search(self.text, max(0, ent.start_char - 40), ent.start_char):
                    i = ent.end  # "(Photo: ... Credit: Sergei Ivanets/pool)", "By Anna Petrova": who made the page
                    continue
                if kind and ent.ent_id_:
                    self._add(ent.start, ent.end, ent.ent_id_, kind, "name")
                    if kind == "Person":
                        self._register_surname(ent.ent_id_, ent.text)
                    i = ent.end
                    continue
                if ent.label_ == "NORP":
                    used = self._description(i, ent)
                    if used:
                        i = used
                        continue
                i = ent.end
                continue
            word = words[i]
            if word in self.surnames and word[0].isupper():
                self._add(i, i + 1, self.surnames[word], "Person", "surname")
                i += 1
                continue
            used = None
            low = lowers[i]
            if low in _OPENERS or word == "Kremlin":  # cheap tests first: most tokens start nothing
                used = self._description(i, None) or self._group(i) or self._guest(i) or self._delegation(i) or self._pronoun(i)
            if used is None and word in self.title_first_words:
                used = self._title_of(i)
            i = used or i + 1
        return self.mentions

    # ---- descriptions
    def _description(self, i: int, norp_ent) -> int | None:
        """'the Chinese leader', 'his Russian counterpart', "Russia's president", 'the Kremlin chief'."""
        doc = self.doc
        country = None
        j = i
        if norp_ent is not None:
            pair_end = self._pair_description(norp_ent)
            if pair_end:
                return pair_end
            country, j = norp_ent.ent_id_, norp_ent.end
        elif doc[i].ent_type_ == "" and doc[i].text == "Kremlin" and i + 1 < len(doc) and doc[i + 1].lower_ in DESCRIPTION_NOUNS:
            country, j = self._metonym_country("Kremlin"), i + 1
        elif doc[i].lower_ in ("his", "her", "their") and i + 1 < len(doc) and doc[i + 1].lower_ == "counterpart":
            j = i + 1
        elif doc[i].lower_ == "the" and i + 1 < len(doc) and doc[i + 1].text in ("premier", "president", "prime", "foreign",
                                                                                   "defence", "defense"):
            j = i + 1  # "The premier then met Xi": the premier named last (not "the President of Russia")
        elif doc[i].lower_ == "the" and i + 2 < len(doc) and doc[i + 1].lower_ == "former" and doc[i + 2].lower_ in (
                "premier", "president", "prime", "foreign", "defence", "defense"):
            j = i + 2  # "The former president, now ...": see below
        else:
            return None
        if j >= len(doc):
            return None
        noun = doc[j].lower_
        role = DESCRIPTION_NOUNS.get(noun)
        if noun == "prime" and j + 1 < len(doc) and doc[j + 1].lower_ == "minister":
            role, j = "prime_minister", j + 1
        elif noun == "foreign" and j + 1 < len(doc) and doc[j + 1].lower_ == "minister":
            role, j = "foreign_minister", j + 1
        elif noun == "top" and j + 1 < len(doc) and doc[j + 1].lower_ == "diplomat":
            role, j = "foreign_minister", j + 1
        elif noun in ("defence", "defense") and j + 1 < len(doc) and doc[j + 1].lower_ == "minister":
            role, j = "defence_minister", j + 1
        if role is None and country is not None:
            return self._named_in_text(i, j, country)
        if role is None or noun.endswith("s") and noun not in ("boss",):
            return None
        start = i
        before = doc[max(0, i - 2):i].text.lower()
        if "former" in before or "ex-" in before or self._appositive(i):
            return None
        if doc[i].lower_ == "the" and doc[i + 1].lower_ == "former" and country is None:
            # "The former president, now ...": the person named last who held that post and no longer does
            key = next((p for p in reversed(self.recent_people) if self._held_before(p, role)), None)
            if key:
                self._add(start, j + 1, key, "Person", "description")
                return j + 1
            return None
        # a following name means this is a title, already handled by the name itself
        if j + 1 < len(doc) and (doc[j + 1].ent_type_ == "PERSON" or (doc[j + 1].text == "," and j + 2 < len(doc) and doc[j + 2].ent_type_ == "PERSON")):
            return None
        key = self._holder(role, country, start)
        if key is None and country is None and doc[i].lower_ == "the" and not (j + 1 < len(doc) and doc[j + 1].lower_ == "of"):
            key = next((p for p in reversed(self.recent_people) if role in self.person_roles(p)), None)
        if key:
            self._add(start, j + 1, key, "Person", "description")
            return j + 1
        return None

    def _named_in_text(self, i: int, j: int, country: str) -> int | None:
        """'the Russian deputy minister', 'the Chinese envoy': the person of that country the text named
        last who holds that post (an office with many holders is not looked up in the gazetteer)."""
        doc, titles = self.doc, self.gaz.title_roles()
        end = next((k for k in range(min(j + 4, len(doc)), j, -1)
                    if doc[j:k].text.islower() and doc[j:k].text in titles), None)
        if end is None or (end < len(doc) and (doc[end].ent_type_ == "PERSON" or _is_name_token(doc[end]))):
            return None  # (a following name: a title)
        if "former" in doc[max(0, i - 2):i].text.lower() or self._appositive(i):
            return None
        wanted = titles[doc[j:end].text]
        key = next((p for p in reversed(self.recent_people) if self.person_country(p) == country
                    and any(_same_post(wanted, r) for r in self._roles_told(p))), None)
        if key is None:
            return None
        self._add(i, end, key, "Person", "description")
        return end

    def _roles_told(self, key: str) -> list[str]:
        """The person's posts on the article's day, and those the text gave them."""
        note = self.notes.get(key)
        titles = self.gaz.title_roles()
        return [*self.person_roles(key), *(titles[t] for t in (note.roles if note else ()) if t in titles)]

    def _held_before(self, key: str, role: str) -> bool:
        """Whether the gazetteer has the person in ``role`` before the article's day, and not on it."""
        e = self.gaz.get(key)
        if e is None or self.day is None:
            return False
        return any(p.role == role and p.end and p.end < self.day for p in e.posts) \
            and not any(p.role == role and p.held_on(self.day) for p in e.posts)

    def _title_of(self, i: int) -> int | None:
        """'the President of Russia', 'the Presidents of Russia and China' (no name following): the
        holders in the year the sentence tells of, and the countries of a list of three ('the foreign
        ministers of Russia, India and China'); 'the presidents of Russia, China, Kazakhstan and
        Tajikistan': the countries only (a gathering's, whose leaders are not told one by one)."""
        doc = self.doc
        if doc[i].text not in self.title_first_words:
            return None
        for n in (3, 2, 1):
            title = doc[i:i + n].text
            role = self.titles.get(title) or (self.titles.get(title[:-1]) if title.endswith("s") else None)
            if role is None or i + n >= len(doc) or doc[i + n].lower_ != "of":
                continue
            j, countries = i + n + 1, []
            if j + 1 < len(doc) and doc[j].lower_ == "the" and doc[j + 1].ent_type_ == "COUNTRY":
                j += 1  # "the President of the Russian Federation"
            while j < len(doc) and doc[j].ent_type_ == "COUNTRY" and doc[j].ent_id_:
                countries.append((doc[j].ent_id_, j))
                j = self.ent_end.get(j, j + 1)
                gap = 1 + (j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ == "and")
                if j + gap < len(doc) and doc[j].lower_ in ("and", ",") and doc[j + gap].ent_type_ == "COUNTRY":
                    j += gap
            if not countries or (j < len(doc) and doc[j].ent_type_ == "PERSON"):
                return None
            if len(countries) >= 3:  # each country named too, for what they sign
                for c, at in countries:
                    self._add(at, self.ent_end.get(at, at + 1), c, "Country", "name")
            if len(countries) >= 4:
                return j  # "the presidents of Russia, China, Kazakhstan and Tajikistan": a gathering's countries
            day = self._told_year(i) or self.day
            keys = [self._known_holder(role, c, day) if role != "president" or self.gaz.holders(role, c, day)
                    else self.gaz.leader(c, day) for c, _ in countries]
            for key in keys:
                if key:
                    span = doc[i:j]
                    self._note(Mention(span.start_char, span.end_char, key, "Person", i, "description"))
                    self._touch(key)
            return j if any(keys) else None
        return None

    def _in_title(self, ent) -> bool:
        """An organization named as part of a person's title: 'US Treasury Secretary Janet Yellen',
        'Foreign Ministry spokeswoman Mao Ning' (a title word, then a name)."""
        doc = self.doc
        j = ent.end
        while j < len(doc) and j - ent.end < 3 and doc[j].ent_type_ == "" and (
                doc[j].text in self.title_words or doc[j].lower_ in self.gaz.title_words_lower):
            j += 1
        return j > ent.end and j < len(doc) and doc[j].ent_type_ == "PERSON"

    def _acts(self, ent) -> bool:
        """Whether a place name is used for the institution seated there: it speaks, acts or owns."""
        doc = self.doc
        nxt = doc[ent.end].lower_ if ent.end < len(doc) else ""
        before = doc[max(0, ent.start - 3):ent.start].text.lower()
        return nxt in _AGENT_VERBS or nxt in ("'s", "’s") or before.endswith("according to the") or before.endswith("by the")

    def _appositive(self, i: int) -> bool:
        """A description right after 'Name,' ('Name, then ...') describes that name, already resolved."""
        doc = self.doc
        j = i - 1
        if j >= 0 and doc[j].lower_ in ("the", "a", "an"):
            j -= 1
        if j >= 0 and doc[j].lower_ in ("then", "now", "currently", "still", "later"):
            j -= 1  # "Karim Massimov, then Kazakhstan's prime minister,": the post he held then
        return j >= 1 and doc[j].text == "," and doc[j - 1].ent_type_ == "PERSON"

    def _possessive_description(self, ent) -> int | None:
        """"Russia's president", "China's top diplomat", 'the Kremlin chief' (a seat of government)."""
        doc = self.doc
        if self._appositive(ent.start):
            return None
        j = ent.end
        country = None
        if ent.label_ == "COUNTRY" and j < len(doc) and doc[j].text in ("'s", "’s"):
            country, j = ent.ent_id_, j + 1
        elif ent.label_ in ("PLACE", "ORG"):
            country = self._metonym_country(ent.text)
            if country and j < len(doc) and doc[j].text in ("'s", "’s"):
                j += 1
        if country is None or j >= len(doc):
            return None
        noun = doc[j].lower_
        role = DESCRIPTION_NOUNS.get(noun)
        end = j + 1
        two = doc[j:j + 2].text.lower()
        if two in ("prime minister", "foreign minister", "top diplomat"):
            role, end = {"prime minister": "prime_minister", "foreign minister": "foreign_minister", "top diplomat": "foreign_minister"}[two], j + 2
        if role is None or role in ("counterpart", "host", "guest"):
            return None
        # a following name means a title: the name itself is the mention
        if end < len(doc) and (doc[end].ent_type_ == "PERSON" or _is_name_token(doc[end])):
            return None
        key = self._holder(role, country, ent.start)
        if not key:
            return None
        if ent.label_ == "COUNTRY":
            self._add(ent.start, ent.end, ent.ent_id_, "Country", "name")
        self._add(ent.start, end, key, "Person", "description")
        return end

    def _pair_description(self, ent) -> int | None:
        """'the Russian and Chinese presidents', 'the Russian and Chinese leaders'."""
        doc = self.doc
        j = ent.end
        if not (j + 2 < len(doc) and doc[j].lower_ == "and" and doc[j + 1].ent_type_ == "NORP" and doc[j + 1].ent_id_):
            return None
        noun = doc[j + 2].lower_
        role = {"presidents": "president", "leaders": "leader", "premiers": "prime_minister",
                "heads": "leader"}.get(noun)
        if role is None:
            return None
        keys = [self._holder(role, c, ent.start) for c in (ent.ent_id_, doc[j + 1].ent_id_)]
        if not all(keys):
            return None
        span = doc[ent.start:j + 3]
        for key in keys:
            self._note(Mention(span.start_char, span.end_char, key, "Person", ent.start, "description"))
            self._touch(key)
        return j + 3

    def _metonym_country(self, word: str) -> str | None:
        return self.metonyms.get(word)

    def _subject(self, i: int) -> str | None:
        people = self._people_before(i)
        if people:
            return people[0]
        return self.recent_people[-1] if self.recent_people else None

    def _main_countries(self) -> list[str]:
        counts = self.country_counts
        return sorted(counts, key=lambda k: -counts[k])[:2]

    def _holder(self, role: str, country: str | None, i: int) -> str | None:
        if role in ("counterpart", "host", "guest"):
            subject = self._subject(i)
            if subject is None:
                return None
            subj_country = self.person_country(subject)
            if country is None:
                others = [c for c in self._main_countries() if c != subj_country]
                country = others[0] if others else None
            if country is None or country == subj_country:
                return None
            roles = self.person_roles(subject)
            for r in roles:
                found = self._known_holder(r, country)
                if found:
                    return found
            return self._known_holder("president", country) if not roles else None
        if country is None:
            return None
        if role == "leader":
            in_text = [p for p in self.recent_people if self.person_country(p) == country and self._is_leader(p)]
            # a head of state before a premier named since ("the Chinese leader" is Jiang, not Zhu)
            heads = [p for p in in_text if any(self.gaz.roles[r].leader for r in self.person_roles(p) if r in self.gaz.roles)]
            if heads or in_text:
                return (heads or in_text)[-1]
            return self.gaz.leader(country, self.day)
        return self._known_holder(role, country, self._told_year(i))

    def _is_minister(self, key: str) -> bool:
        note = self.notes.get(key)
        titles = [*self.person_roles(key), *(note.roles if note else ())]
        return any("minister" in t.lower() for t in titles)

    def _is_leader(self, key: str, day: str | None = None, role: str | None = None) -> bool:
        """Whether the person led their country on ``day`` (the article's day unless given); with
        ``role``, whether they held that post ("the two presidents")."""
        roles = [p.role for p in self.gaz.role_of(key, day)] if day else self.person_roles(key)
        if role:
            return role in roles
        return any(self.gaz.roles[r].leader or self.gaz.roles[r].leader_if_no_president for r in roles if r in self.gaz.roles)

    def _told_year(self, i: int) -> str | None:
        """The year the sentence of token ``i`` (or the one before it on its line) tells of, where it is
        not the article's: "In 2010 ... the two presidents" are the presidents of 2010."""
        sent = sentence_of(self.doc, i)
        start = sentence_of(self.doc, sent.start - 1).start if sent.start > 0 and "\n" not in self.doc[sent.start - 1].text else sent.start
        years = [t.text for t in self.doc[start:i] if t.like_num and len(t.text) == 4 and t.text[:2] in ("19", "20")]
        if not years:  # the heading it is under: "2010: parades and pipes"
            heading = heading_year(self.doc, self.text, self.doc[i].idx)
            years = [heading] if heading else []
        return years[-1] if years and (self.day is None or years[-1] != self.day[:4]) else None

    def _known_holder(self, role: str, country: str, when: str | None = None) -> str | None:
        """Who held ``role`` for ``country``: on the article's day, or ``when`` its sentence tells of
        ("When Jiang came to Moscow in November 1998, the Russian president ...": 1998's)."""
        day = when or self.day
        # people this article already named with that post come first
        for p in reversed(self.recent_people):
            if self.person_country(p) == country and role in [q.role for q in self.gaz.role_of(p, day)]:
                return p
        found = self.gaz.holders(role, country, day)
        return found[0] if len(found) == 1 else None

    def _group(self, i: int) -> int | None:
        """'the two leaders', 'both presidents', 'the pair': the last two people of two countries."""
        doc = self.doc
        if doc[i].lower_ not in ("the", "both"):
            return None
        words = [t.lower_ for t in doc[i:i + 5]]
        for prefix in _TWO:
            n = len(prefix)
            if tuple(words[:n]) == prefix:
                end = i + n
                if prefix == ("the", "two") and end < len(doc) and doc[end].lower_ in _PAIR_VERBS:
                    pass  # "the two held a short meeting": the pair, as a subject
                elif prefix in (("the", "two"), ("both",)):
                    if end >= len(doc) or doc[end].lower_ not in _GROUP_NOUNS:
                        return None
                    end += 1
                elif prefix in (("the", "leaders"), ("the", "presidents")) and end < len(doc) and doc[end].lower_ in (
                        "of", "who", "attending", "from", "gathered", "present", "taking"):
                    return None  # "the leaders of the SCO states", "the leaders attending": not the pair just told
                noun = doc[end - 1].lower_
                leaders = noun in ("leaders", "presidents", "heads", "premiers") or prefix in _TWO_LEADERS
                pair = self._last_pair(leaders=leaders, ministers=noun == "ministers", year=self._told_year(i),
                                       role="president" if noun == "presidents" else None)
                if not pair:
                    return None
                for key in pair:
                    span = doc[i:end]
                    self._note(Mention(span.start_char, span.end_char, key, "Person", i, "group"))
                return end
        return None

    def _subject_pair(self) -> set[str]:
        """'X and Y' opening the sentence told last ("Putin and Han opened the expo, where Han read a
        letter from Xi. The two men then met"): the pair it is about."""
        if not self.sentence_people:
            return set()
        first = self.doc[max(self.sentence_people)].idx
        names = [m for m in self.mentions if m.kind == "Person" and m.start >= first and m.via in ("name", "surname")][:2]
        if len(names) == 2 and names[0].key != names[1].key and names[0].start - first <= 40 \
                and re.fullmatch(r"\s+and\s+(?:[A-Z][\w.'’-]*\s+){0,4}", self.text[names[0].end:names[1].start]):
            return {names[0].key, names[1].key}
        return set()

    def _last_pair(self, leaders: bool = True, ministers: bool = False, year: str | None = None,
                   role: str | None = None) -> list[str] | None:
        """'the two leaders': of two countries, the leaders first, then the most named, then the latest;
        'the two ministers': the latest two ministers (not the spokeswoman quoted since), then the
        latest two; 'the two men': the latest two. Among equals, those of the sentence told last first."""
        counts = self.person_counts
        recency = {p: i for i, p in enumerate(self.recent_people)}
        # the people of the sentence told last: "X congratulated Y ... The pair then sat down with Z"
        last = set(self.sentence_people[max(self.sentence_people)]) if self.sentence_people else set()
        last = last if len(last) == 2 else self._subject_pair()
        if leaders:
            # in a recap, the leaders (presidents) of the year it tells of
            ranked = sorted(self.recent_people, key=lambda p: (not self._is_leader(p, year, role if year else None),
                                                               p not in last, -counts.get(p, 0),
                                                               -self.salience.get(self.person_country(p), 0), -recency[p]))
        else:
            ranked = sorted(self.recent_people, key=lambda p: (ministers and not self._is_minister(p), p not in last, -recency[p]))
        seen, countries = [], set()
        for p in ranked:
            c = self.person_country(p)
            if c is None or c not in countries:
                seen.append(p)
                countries.add(c)
            if len(seen) == 2:
                return seen
        return None

    def _guest(self, i: int) -> int | None:
        """'X presented his guest with an order': the person named last before X, whom X received;
        'The visitor then held talks with Y': the person named last (not when a name follows: 'his
        guest, Y', 'her guest Y' are Y)."""
        doc = self.doc
        if doc[i].lower_ not in ("his", "her", "the") or i + 1 >= len(doc) or doc[i + 1].lower_ not in ("guest", "visitor"):
            return None
        if i + 2 < len(doc) and (doc[i + 2].ent_type_ == "PERSON" or doc[i + 2].text == "," and i + 3 < len(doc)
                                 and doc[i + 3].ent_type_ == "PERSON"):
            return None
        here = self._people_before(i)
        host = here[-1] if here else None
        guest = next((p for p in reversed(self.recent_people) if p != host), None)
        if guest is None or host is None and doc[i].lower_ != "the":
            return None
        self._add(i, i + 2, guest, "Person", "description")
        return i + 2

    def _delegation(self, i: int) -> int | None:
        """'The Chinese parliamentary delegation arrived in Moscow': the person who leads it, the one
        of that country named last (of any country, without one) — opening its sentence only."""
        doc = self.doc
        if doc[i].lower_ != "the" or i != sentence_of(doc, i).start:
            return None
        j, country = i + 1, None
        if j < len(doc) and doc[j].ent_type_ == "NORP" and doc[j].ent_id_:
            country, j = doc[j].ent_id_, j + 1
        while j < len(doc) and j - i <= 3 and doc[j].is_lower and doc[j].lower_ != "delegation":
            j += 1  # "parliamentary", "military", "government"
        if j >= len(doc) or doc[j].lower_ != "delegation":
            return None
        key = next((p for p in reversed(self.recent_people) if country is None or self.person_country(p) == country), None)
        if key is None:
            return None
        self._add(i, j + 1, key, "Person", "description")
        return j + 1

    def _him(self, i: int) -> int | None:
        """'him' or 'her' as an object. After a verb whose subject is named right before it ('He had
        talks with X and Putin received him'): the sentence's 'he' ('she'), else the previous
        sentence's subject, never that subject. Otherwise ('Xi received Mishustin ..., asked him to'):
        the person the sentence named last that is not its first-named subject."""
        tok = self.doc[i]
        sent = sentence_of(self.doc, i)
        here = self._people_before(i)
        own = "she" if tok.lower_ == "her" else "he"
        he = [m.key for m in self.mentions if m.via == "pronoun" and sent.start_char <= m.start < tok.idx
              and self.text[m.start:m.end].lower() == own]
        earlier = [start for start in self.sentence_people if start < sent.start]
        before = [self._subject_of(max(earlier))] if earlier else []
        if here and i >= 2 and self.doc[i - 2].ent_type_ == "PERSON":
            # "... and Putin received him": not Putin; the 'he' of the sentence, else the one before;
            # "When X visited China, Putin received him": the subject of the opening clause
            opening = self.doc[sent.start].lower_ in _OPENING_CONJUNCTIONS and len(here) > 1
            subject, candidates = here[-1], [*here[:opening], *he[-1:], *before]
        else:
            # "Xi received Mishustin ..., asked him to ...": the one the sentence named last, not its subject
            subject = here[0] if here else None
            candidates = [*reversed(here), *he[-1:], *before]
        key = next((k for k in candidates if k != subject), None)
        if key is None:
            return None
        self._note(Mention(tok.idx, tok.idx + len(tok.text), key, "Person", i, "pronoun"))
        return i + 1

    def _reported_subject(self, start: int) -> str | None:
        """"Spokesman X told a briefing that Y would be in Russia ...": the sentence (beginning at token
        ``start``) is about Y, whom X spoke of; a 'he' after it is Y."""
        sent = sentence_of(self.doc, start)
        named = [m for m in self.mentions if m.kind == "Person" and sent.start_char <= m.start < sent.end_char]
        if len(named) < 2 or named[0].key == named[1].key:
            return None
        between = self.text[named[0].end:named[1].start]
        after = self.text[named[1].end:named[1].end + 120]
        return named[1].key if _REPORTED.search(between) and not re.search(r"[.;:]", between) \
            and _REPORTED_VERB.match(after) else None

    def _pronoun(self, i: int) -> int | None:
        """'He'/'she' as a subject: the person the sentence named last, else the previous sentence's
        subject; 'They' opening a sentence: the last two people of two countries; 'him', 'her' as an
        object: see ``_him``."""
        tok = self.doc[i]
        if tok.lower_ == "him" and self.recent_people:
            return self._him(i)
        if tok.lower_ == "her" and self.recent_people and i + 1 < len(self.doc) and (
                self.doc[i + 1].is_punct or self.doc[i + 1].lower_ in _AFTER_OBJECT):
            return self._him(i)  # "Zhao Leji received her at the Great Hall" (not "her counterpart")
        if tok.lower_ not in ("he", "she", "they", "their") or not self.recent_people:
            return None
        if tok.lower_ in ("they", "their"):  # "They last met in ...", "Their most recent encounter ..."
            if not tok.is_sent_start:
                # "In July they met again", "The day after it closed, on June 15, they ...": after an opening phrase
                sent = sentence_of(self.doc, i)
                prefix = self.doc[sent.start:i]
                if len(prefix) > (12 if self.doc[i - 1].text == "," else 6) or any(t.ent_type_ in ("PERSON", "ORG", "NORP", "COUNTRY") for t in prefix) \
                        or any(t.lower_ in ("and", "but", "that", "when", "as", "if", "because", "while", "where")
                               and not (t.lower_ == "that" and t.i > 0 and self.doc[t.i - 1].lower_ in ("after", "before"))
                               for t in prefix):  # "Two days after that, they ..." is an opening phrase
                    return None
            pair = self._last_pair()
            if not pair:
                return None
            for key in pair:
                self._note(Mention(tok.idx, tok.idx + len(tok.text), key, "Person", i, "pronoun"))
            return i + 1
        sent = sentence_of(self.doc, i)
        here = self._people_before(i)
        same = [m for m in self.mentions if m.via == "pronoun" and sent.start_char <= m.start < tok.idx
                and self.text[m.start:m.end].lower() == tok.lower_]
        if same:  # "he held talks with X, and ... he also met Y": the same 'he'
            key = same[-1].key
        elif here and i > 0 and self.doc[i - 1].lower_ in ("said", "says", "added", "noted", "stressed", "explained"):
            key = here[0]  # "X, who asked Y to greet Z, said he ...": the one who said it
        elif here:
            key = here[-1]
        else:
            earlier = [start for start in self.sentence_people if start < sent.start]
            if not earlier:
                return None
            key = self._reported_subject(max(earlier)) or self._subject_of(max(earlier))
        self._note(Mention(tok.idx, tok.idx + len(tok.text), key, "Person", i, "pronoun"))
        self.sentence_people.setdefault(sent.start, []).append(key)
        return i + 1
