"""Reading trips: who travelled where."""
from __future__ import annotations

import re
from datetime import date as _date, timedelta

from spacy.tokens import Span

from ..dates import count_of, resolve
from ..records import EventReport
from .common import NOT_VENUE, PLACE_OF_KIND
from .mentions import Mention

_SUBORDINATORS = {"when", "where", "whose", "who", "while", "after", "as", "because", "since", "before"}
# "wrapped up a two-day state visit ... on Friday": the visit began the day before
_ENDED_TRIP = re.compile(r"\b(?:wrapped up|wraps up|wrapping up|ended|ends|ending|concluded|concludes|concluding|completed|"
                         r"completes|completing|finished|finishes|rounded off|rounds off|rounding off|wound up|winding up)\s+"
                         r"(?:a|an|his|her|their|the)\s+"
                         r"(?P<n>two|three|four|five|six|seven|[2-7])-day\b", re.I)
_INVITATION = re.compile(r"\s+(?:\w+\s+)?(?:invitation|invite|offer|request|proposal)\b", re.I)  # "Putin's invitation to attend"
_NTH_DAY = re.compile(r"\bthe\s+(?P<n>second|third|fourth|fifth|2nd|3rd|4th|5th)\s+day\s+of\s+(?:a|an|his|her|their|the)\s+"
                     r"(?:[\w-]+\s+){0,3}(?:visit|trip|tour|stay)\b", re.I)
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}
# the text before and after a place (joined by "|"): "who is in | on an official" (visit)
_IN_PLACE_ON = re.compile(r".*\b(?:is|are|was|were)\s+(?:currently\s+|now\s+|still\s+)?in\s+(?:the\s+)?\|\s*"
                          r"(?:on|for)\s+(?:an?|his|her|their)\s+(?:[\w-]+\s+){0,2}", re.S)
_TRAVEL_VERBS = {"flew", "fly", "flies", "travelled", "traveled", "travel", "travels", "arrived", "arrives", "came", "went"}


class TravelReading:
    """The part of the sentence reader that reads visits (mixed into SentenceReader)."""

    def _visit(self, report: EventReport, sent: Span, trigs, ments: list[Mention]) -> None:
        doc = self.doc
        anchor = min(s for _, s, _ in trigs)
        people = [m for m in ments if m.kind == "Person"]
        visitor = None
        # "Xi's visit", "a visit by X"
        for m in people:
            after = self.text[m.end:m.end + 4]
            if (after.startswith("'s") or after.startswith("’s")) and not _INVITATION.match(self.text, m.end + 2):
                if m.token < anchor and anchor - m.token <= 6:
                    visitor = m.key
        if doc[anchor].lower_ in ("invited", "invites", "invite"):
            invited = [m for m in people if m.token > anchor]
            visitor = invited[0].key if invited else None
        by = re.search(r"\b(?:visit|trip)\s+(?:to \w+(?: \w+)?\s+)?(?:by|of)\b", self._str(sent))  # "the visit of X to Beijing"
        if visitor is None and by:
            after = [m for m in people if m.start >= sent.start_char + by.end()]
            visitor = after[0].key if after else None
        if visitor is None:
            # the subject: the first person named before the trigger ("X met Y, capping a visit"), or
            # after 'when', 'where', 'whose'... the one named in that clause ("..., when Putin attended")
            before = [m for m in people if m.token < anchor]
            sub = [t.i for t in doc[sent.start:anchor] if t.lower_ in _SUBORDINATORS]
            if sub and "," in self.words[max(sub):anchor]:
                if sub[0] == sent.start:
                    # "After X was replaced in 2007, his successor Y flew to Beijing": the main clause's subject
                    comma = self.words.index(",", sub[0], anchor)
                    before = [m for m in before if m.token > comma] or before
                sub = []  # "Mishustin, who travelled ..., is the first to visit": that clause is closed
            if sub:
                inner = [m for m in before if m.token > max(sub)]
                if not inner and doc[max(sub)].lower_ in ("who", "whose") and max(sub) >= 2:
                    # "Lukashenko, who is on a state visit": the person the clause is about
                    inner = [m for m in before if m.token < max(sub) and max(sub) - m.token <= 4][-1:]
                before = inner or before
            visitor = before[0].key if before else (people[0].key if people else None)
        report.participants = [visitor] if visitor else []
        # "flew to Beijing with Putin": travelling with someone is their trip
        if doc[anchor].lower_ in _TRAVEL_VERBS:
            for m in people:
                if 0 < m.token - anchor <= 6 and m.key != visitor and self.text[max(0, m.start - 6):m.start].lower().endswith("with "):
                    report.participants.append(m.key)
        # destination: the place after the trigger
        dest = None
        if doc[anchor].lower_ in ("attended", "attend", "attends", "attending"):
            after = [m for m in ments if m.kind == "Place" and 0 < m.token - anchor <= 8]
            dest = self._city_of(after[0].key) if after else None
        if dest is None and doc[anchor].lower_ in ("visited", "visit", "visits", "visiting", "toured", "tour"):
            # "visited China": the object of the verb
            obj = [m for m in ments if m.kind in ("Place", "Country") and m.token == anchor + 1]
            dest = self._city_of(obj[0].key) if obj else None
        for m in ments if dest is None else ():
            if m.kind in ("Place", "Country") and any(0 <= m.token - a <= 12 for _, a, _ in trigs):
                # after any of the trip's words: "arrived at the airport on Tuesday for a visit to Russia"
                pre = self.text[max(sent.start_char, m.start - 10):m.start].lower()
                if (re.search(r"\b(to|in|into|at)\s+(the\s+)?$", pre)
                        or PLACE_OF_KIND.search(self.text[max(sent.start_char, m.start - 60):m.start])) and not NOT_VENUE.search(self.text[max(sent.start_char, m.start - 30):m.start]):
                    dest = self._city_of(m.key)
                    break
        if dest is None:
            # "X, who is in Kazakhstan on an official visit": the place the visitor is in, before the trip's word
            for m in ments:
                if m.kind in ("Place", "Country") and m.token < anchor and _IN_PLACE_ON.fullmatch(
                        self.text[max(sent.start_char, m.start - 30):m.start] + "|" + self.text[m.end:self.starts[anchor]]):
                    dest = self._city_of(m.key)
        if dest is None:
            dest = self._capital_named(sent, r"\b(?:to|in|into)\s+")
        if dest is None:
            for m in ments:
                if m.kind in ("Place", "Country") and m.token < anchor and anchor - m.token <= 3:
                    dest = self._city_of(m.key)  # "a Beijing trip"
        if dest is None:
            # "Xi chose Moscow for his first trip abroad": the one place the clause names
            places = {self._city_of(m.key) for m in ments if m.kind == "Place" and self.gaz.get(m.key) is not None
                      and self.gaz[m.key].subkind in ("city", "venue", "residence")}
            if len(places) == 1 and not any(m.kind == "Country" for m in ments if m.token > anchor):
                dest = places.pop()
        report.location = dest
        if dest and report.participants and self.country_of(report.participants[0]) == self._country_of_place(dest):
            # "X held talks with Indian Prime Minister Y, on his first trip to China": no one visits their own country
            others = [m.key for m in people if m.key != report.participants[0]
                      and self.country_of(m.key) not in (None, self._country_of_place(dest))]
            report.participants = others[-1:] if others else []
        ended = _ENDED_TRIP.search(self._str(sent))
        nth = _NTH_DAY.search(self._str(sent))
        if nth and report.date is None:
            # "was received on Tuesday, the second day of a visit": that day is the visit's second
            at = sent.start_char + nth.start()
            told = [d for d in self._dates_in(sent.start_char, at) if re.fullmatch(r",?\s*", self.text[d.end:at])]
            day = resolve(told[-1], self.reference) if told else None
            if day is not None and len(day.value) == 10:
                report.date, report.date_weak = day.value, day.weak
        if (ended or nth) and report.date and len(report.date) == 10:
            # "wrapped up a three-day visit on Friday", "on Tuesday, the second day of a visit": its first day
            n = count_of(ended.group("n")) if ended else _ORDINALS[nth.group("n").lower()]
            report.date = (_date.fromisoformat(report.date) - timedelta(days=n - 1)).isoformat()

    def _country_of_place(self, key: str) -> str | None:
        e = self.gaz.get(key)
        if e is None:
            return None
        return key if e.kind == "Country" else e.country

    def _trip_word_near(self, char: int) -> bool:
        window = self.text[max(0, char - 60):char].lower()
        return bool(re.search(r"(visit|trip|travel|flew|fly|journey|tour|came|come|went|go)\w*\b", window))
