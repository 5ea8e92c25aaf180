"""Reading summits and forums: the organization or the name that makes a gathering."""
from __future__ import annotations

import re

from spacy.tokens import Span

from ..dates import CALENDAR_WORDS
from ..records import EventReport
from .common import dedupe as _dedupe
from .mentions import Mention

# words that describe the summit already told, not another one ("the last summit" is another)
_SUMMIT_MODIFIERS = {"annual", "informal", "extraordinary", "ongoing", "current", "landmark", "key", "historic"}


# words that end a name's modifying the summit after it ("SCO summit", "the 24th EU-China summit")
_NOT_MODIFIER = {"at", "in", "of", "to", "for", "with", "from", ",", "head", "heads", "leader", "leaders", "said", "and"}


# "five-nation", "a 10-country", "six-member": the number of states a gathering brings together
_N_NATION = re.compile(r"\b(three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})[-\s](?:nation|country|state|member)"
                       r"(?:\s+[a-z]+)?\s+$", re.I)


# what a capitalised "Conference" after them is not: a gathering
_NOT_GATHERINGS = {"press", "news", "video", "media", "phone", "telephone"}


_OPENS_OR_CLOSES = re.compile(r"\b(?:open|opens|opened|began|begins|start|starts|started|close|closes|closed|end|ends|ended)\b",
                              re.I)


class GatheringReading:
    """The part of the sentence reader that reads summits and forums (mixed into SentenceReader)."""

    def _gathering(self, span: Span, s: int, e: int, ments: list[Mention],
                   summit_trigs: list) -> tuple[str | None, bool, bool]:
        """What the summit or forum word at ``s`` (its trigger ending at ``e``, among the sentence's
        ``summit_trigs``) tells of: (the organization's key or the gathering's name, or None; whether
        it is talks of two, "the Putin-Xi summit", a meeting; whether it is a gathering told already,
        "the forum", that this clause does not date)."""
        org = self._summit_org_near(span, s, ments)
        several = None if org else self._multilateral_name(span, s)
        if not several and self._bilateral_summit(span, s, ments):
            return None, True, False
        name = None if org else self._gathering_name(span, s) or several
        if org is None and not name and self.doc[s].lower_.startswith("summit") \
                and (e >= len(self.doc) or self.lowers[e] != "of"):
            # 'the two-day summit': the one the article is about (not 'a summit of the P5'); 'a summit
            # at which they founded the SCO': the organization the clause names; 'shared one at a
            # summit: both joined the BRICS summit': the summit the clause names
            if self._determiner(span, s) not in ("a", "an"):
                org = self.main_org
            elif not any(t[1] != s and self._summit_org_near(span, t[1], ments) for t in summit_trigs):
                org = next((m.key for m in ments if m.kind == "Organization" and self.gaz.get(m.key) is not None
                            and self.gaz[m.key].subkind == "intergovernmental"), self.main_org)
        again = False
        if org is None and not name and self.lowers[s] == "forum" and self._definite(span, s):
            # "The four-day forum opened on Monday": the forum told last
            name = next((r.label for r in reversed(self.told) if r.kind == "Summit" and r.organization is None
                         and r.label and "forum" in r.label.lower()), None)
            # "delegations at the forum": the forum told of, not dated by this clause
            again = bool(name) and not _OPENS_OR_CLOSES.search(self._str(span))
        return org or name, False, again

    def _summit_org_near(self, span: Span, s: int, ments: list[Mention]) -> str | None:
        """The international organization whose summit this is: named just before 'summit' or after 'of'."""
        best, best_d = None, None
        for m in ments:
            if m.kind != "Organization":
                continue
            e = self.gaz.get(m.key)
            if e is not None and e.subkind != "intergovernmental":
                continue
            d = s - m.token if m.token < s else (m.token - s) * 3
            if m.token < s and any(t.lower_ in _NOT_MODIFIER for t in self.doc[m.token + 1:s] if t.idx >= m.end):
                continue  # "the only EU head of government at the forum": not the EU's forum
            end = self.doc[s].idx + len(self.doc[s].text)
            if m.token > s and self.doc[s].lower_ in ("summit", "summits") and re.fullmatch(r"\s+of\s+(?:the\s+)?", self.text[end:m.start]):
                d = 1  # "the summit of the Shanghai Cooperation Organisation"
            if d <= 8 and (best_d is None or d < best_d):
                best, best_d = m.key, d
        return best

    def _multilateral_name(self, span: Span, s: int) -> str | None:
        """'the five-nation summit', 'a 10-country forum': a gathering of several states, named by their
        number when no organization is ('Five-nation summit')."""
        m = _N_NATION.search(self.text, max(span.start_char, self.doc[s].idx - 40), self.doc[s].idx)
        return f"{m.group(1).capitalize()}-nation {self.doc[s].lower_}" if m else None

    def _gathering_name(self, span: Span, s: int) -> str | None:
        """A named forum or summit the gazetteer does not know: 'the Belt and Road Forum',
        'the Eastern Economic Forum' (its capitalised name, trigger included)."""
        doc = self.doc
        if not doc[s].text[:1].isupper() or doc[s].is_sent_start or doc[s - 1].lower_ in _NOT_GATHERINGS:
            return None  # (a "News Conference" in a headline)
        j = s
        while j > span.start and (doc[j - 1].text[:1].isupper() or doc[j - 1].lower_ in ("and", "of", "for", "&")
                                  or doc[j - 1].text in ("-", "–", "—") and j - 2 >= span.start and doc[j - 2].text[:1].isupper()
                                  and not doc[j - 2].whitespace_) \
                and not doc[j - 1].is_sent_start and doc[j - 1].lower_ not in ("the", "a"):
            j -= 1  # ("Russia-China Energy Business Forum": the hyphen is the name's)
        while j < s and doc[j].lower_ in ("and", "of", "for", "&"):
            j += 1
        end = s + 1
        if end + 1 < span.end and doc[end].lower_ in ("for", "on") and doc[end + 1].text[:1].isupper() \
                and doc[end + 1].text not in CALENDAR_WORDS:  # ("the Forum for Asia", not "the Forum on Tuesday")
            end += 1
            while end < span.end and (doc[end].text[:1].isupper() or doc[end].lower_ in ("and", "of")):
                end += 1
        return doc[j:end].text if j < s else None

    def _bilateral_summit(self, span: Span, s: int, ments: list[Mention]) -> bool:
        """'the Putin-Xi summit', 'a summit with Biden', 'summit between X and Y': talks of two, not a gathering."""
        if any(m.kind == "Organization" and abs(m.token - s) <= 8 for m in ments):
            return False
        people_before = [m for m in ments if m.kind == "Person" and 0 < s - m.token <= 10]
        after = self.doc[s + 1:s + 3].text.lower() if s + 1 < span.end else ""
        people_after = [m for m in ments if m.kind == "Person" and 0 < m.token - s <= 6]
        return len(people_before) >= 2 or (after.startswith(("with", "between")) and bool(people_after)) or (
            bool(people_before) and self.doc[s - 1].text in ("'s", "’s") and bool(people_after))

    def _summit(self, sent: Span, span: Span, s: int, org, ments) -> EventReport:
        """A summit of an organization (``org`` its key), a meeting of its ministers (``org`` the pair
        (key, "foreign ministers'")), or a named gathering (``org`` its name)."""
        ministers = None
        if isinstance(org, tuple):
            org, ministers = org
        # the summit's own date and place are the ones closest to its trigger
        near = [m for m in ments if abs(m.token - s) <= 14]
        report = self._report("Summit", sent, span, s, near)
        org_e = self.gaz.get(org)
        people = [m.key for m in ments if m.kind == "Person" and not self._excluded_person(m)]
        if org_e is None:  # a named forum: its name is its identity
            report.label, report.organization = org, None
            report.participants = _dedupe(people)
            city = self._forum_city(org)
            if city and (report.location is None or report.location == self.gaz[city].country):
                report.location = city  # "flew to Russia for the Eastern Economic Forum": Vladivostok
        else:
            short = min([org_e.label, *org_e.aliases], key=len)
            report.organization = org
            report.label = f"{short} {ministers} meeting" if ministers else f"{short} summit"
            report.participants = _dedupe([org] + people)
        report.anaphoric = self._definite(span, s) and not report.date and not report.location
        return report

    def _forum_city(self, name: str) -> str | None:
        """Where a forum is held that is held in one city: the gazetteer's ("Eastern Economic Forum":
        Vladivostok), or a city its name holds ("St Petersburg International Economic Forum")."""
        known = self.gaz.get(self.gaz.by_name.get(name, ""))
        if known is not None and known.city:
            return known.city
        words = name.split()
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                place = self.gaz.get(self.gaz.by_name.get(" ".join(words[i:i + n]), ""))
                if place is not None and place.kind == "Place" and place.subkind == "city":
                    return place.id
        return None

    def _definite(self, span: Span, s: int) -> bool:
        """Whether the summit is named only by a definite article and lower-case modifiers ('the
        summit', 'the three-day summit', 'this annual summit'): one the article has told of already.
        Not 'the next summit' or 'the last summit': those are other summits."""
        return self._determiner(span, s) in ("the", "this", "that")

    def _determiner(self, span: Span, s: int) -> str | None:
        """The word before the summit's lower-case modifiers ("the", "a", "last"...), lower-cased."""
        j = s - 1
        doc = self.doc
        while j > span.start and j > s - 6 and (doc[j].is_lower or doc[j].text == "-") and (
                "-" in doc[j].text or doc[j].lower_ in _SUMMIT_MODIFIERS or doc[j - 1].text == "-" or doc[j + 1].text == "-"):
            j -= 1  # "the four-day forum" ("four", "-", "day")
        return doc[j].lower_ if j >= span.start else None
