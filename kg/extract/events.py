"""Events told in one sentence: trigger words, who took part, when, where, planned or held."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..dates import DateExpr, Reference, resolve
from ..gazetteer import Gazetteer
from ..records import EventReport
from .mentions import Mention

FAMILY_OF = {"VideoConference": "Meeting", "PhoneCall": "Meeting", "Meeting": "Meeting", "Visit": "Visit",
             "StateVisit": "Visit", "Summit": "Summit", "Agreement": "Agreement"}
_IN_PERSON = {"met", "meet", "meets", "meeting", "meetings", "received", "receives", "hosted", "hosts", "welcomed",
              "welcomes", "greeted", "sat", "sit", "sits", "encounter", "get-together", "trilateral", "three-way",
              "face-to-face", "in-person", "tete-a-tete"}
_GENERIC_REMOTE = {"call", "calls", "conversation", "conversations", "spoke", "speak", "speaks", "talked"}
_PLANNED = re.compile(
    r"\b(will|shall|is expected|are expected|was expected|were expected|expected to|is due|are due|due to|is set to|are set to|"
    r"plans? to|planned|planning|scheduled|upcoming|forthcoming|invited|invitation to|looks? forward|looking forward|"
    r"awaiting|waiting for|lined up|preparations? for|preparing|to pay|would travel|would visit|would meet|would hold|agreed to (?:see|meet|hold)|"
    r"is to|are to|next (?:week|month|year|spring|summer|autumn|fall|winter)|later this)\b", re.I)
_NOT_EVENT_DATE = re.compile(r"\b(by|since|until|till|through|from|before|ahead of|for|after|over|within|between)\s*(?:the\s+)?(?:end of\s+)?$", re.I)
_SIDELINES = re.compile(r"\b(sidelines|margins|on the fringes|during the|at the)\b", re.I)
_GENERIC_DOCS = {"documents", "agreements", "contracts", "memorandums", "memoranda", "deals"}
_DOC_NOUNS = {"treaty", "agreement", "roadmap", "memorandum", "contract", "protocol", "deal", "accord", "declaration", "pact", "statement", "communique", "map"}
_SUMMIT_ORG_KINDS = {"intergovernmental", None}


def _sentence_mentions(mentions: list[Mention], sent: Span) -> list[Mention]:
    return [m for m in mentions if sent.start_char <= m.start < sent.end_char]


def _dedupe(keys):
    return list(dict.fromkeys(keys))


class SentenceReader:
    """Reads the events of each sentence of one article."""

    def __init__(self, doc: Doc, gaz: Gazetteer, mentions: list[Mention], dates: list[DateExpr],
                 reference: Reference, article_id: str):
        self.doc, self.gaz, self.mentions, self.dates = doc, gaz, mentions, dates
        self.reference, self.article_id = reference, article_id
        self.kind_of = {m.key: m.kind for m in mentions}

    def read(self, sent: Span, triggers: list[tuple[str, int, int]]) -> list[EventReport]:
        """``triggers``: (class, first token, end token) matched in the sentence."""
        ments = _sentence_mentions(self.mentions, sent)
        text = sent.text
        planned = bool(_PLANNED.search(text))
        by_family: dict[str, list[tuple[str, int, int]]] = {}
        for kind, s, e in triggers:
            by_family.setdefault(FAMILY_OF[kind], []).append((kind, s, e))
        # "Putin-Xi summit": a summit without an international organization is a meeting
        if "Summit" in by_family and not self._summit_org(sent, ments):
            for kind, s, e in by_family.pop("Summit"):
                if self.doc[s].lower_.startswith("summit"):
                    by_family.setdefault("Meeting", []).append(("Meeting", s, e))
        out: list[EventReport] = []
        for family, trigs in by_family.items():
            if family == "Agreement":
                out.extend(self._agreements(sent, trigs, ments, planned))
                continue
            kinds = {k for k, _, _ in trigs}
            kind = next((k for k in ("StateVisit", "VideoConference", "PhoneCall", "Summit", "Visit", "Meeting") if k in kinds))
            if family == "Meeting" and kind == "Meeting" and "Visit" in by_family and not any(
                    self.doc[s].lower_ in _IN_PERSON or self.doc[s].lower_ in ("talks", "negotiations") for _, s, _ in trigs):
                continue
            anchor = min(s for _, s, _ in trigs)
            report = self._report(kind, sent, anchor, ments, planned)
            words = {self.doc[s].lower_ for _, s, _ in trigs}
            if family == "Meeting":
                if words & _IN_PERSON or re.search(r"\bin person\b", text, re.I):
                    report.mode = "in_person"
                elif kind in ("VideoConference", "PhoneCall") or words <= _GENERIC_REMOTE:
                    report.mode = "remote" if kind != "Meeting" or words & _GENERIC_REMOTE else None
                report.anaphoric = self._anaphoric(sent, trigs)
                report.participants = [p for p in report.participants if self.kind_of.get(p) in ("Person", "Country", "Organization")]
                people = [p for p in report.participants if self.kind_of.get(p) == "Person"]
                if people:
                    report.participants = people
                if re.search(r"\bsuch an? (conversation|call|talks|meeting)\b", text, re.I):
                    report.label = "such"
            elif family == "Visit":
                self._visit(report, sent, trigs, ments)
            elif family == "Summit":
                org = self._summit_org(sent, ments)
                report.organization = org
                org_e = self.gaz.get(org)
                short = min([org_e.label, *org_e.aliases], key=len) if org_e else None
                report.label = f"{short} summit" if short else "Summit"
                report.participants = _dedupe([org] + [m.key for m in ments if m.kind == "Person"]) if org else report.participants
                report.anaphoric = self._anaphoric(sent, trigs) and not report.date
            out.append(report)
        return out

    # ---- parts
    def _summit_org(self, sent: Span, ments: list[Mention]) -> str | None:
        for m in ments:
            if m.kind == "Organization":
                e = self.gaz.get(m.key)
                if e is None or e.subkind in ("intergovernmental",):
                    return m.key
        if re.search(r"\b(business|economic|investment) forum\b", sent.text, re.I):
            return None
        return None

    def _anaphoric(self, sent: Span, trigs) -> bool:
        for _, s, _ in trigs:
            prev = self.doc[s - 1].lower_ if s > sent.start else ""
            prev2 = self.doc[s - 2].lower_ if s - 1 > sent.start else ""
            if prev in ("the", "this", "that", "their", "such", "today's", "monday's", "tuesday's", "wednesday's",
                        "thursday's", "friday's", "saturday's", "sunday's") or prev2 in ("the", "this", "that") and prev in ("video", "phone", "telephone"):
                continue
            return False
        return True

    def _date(self, sent: Span, anchor: int, planned: bool):
        trig_char = self.doc[anchor].idx
        best, best_dist = None, None
        for d in self.dates:
            if not (sent.start_char <= d.start < sent.end_char):
                continue
            before = self.doc.text[max(sent.start_char, d.start - 25):d.start]
            if _NOT_EVENT_DATE.search(before):
                continue
            after = self.doc.text[d.end:d.end + 12].lower()
            if re.match(r"\s*(target|goal|deadline)", after) or re.match(r"\s*(years?|months?)\s+(ago|old)", after):
                continue
            r = resolve(d, self.reference, future=planned)
            if r is None:
                continue
            dist = abs(d.start - trig_char) + (0 if d.start >= trig_char else 5)
            if best_dist is None or dist < best_dist:
                best, best_dist = r, dist
        return best

    def _report(self, kind: str, sent: Span, anchor: int, ments: list[Mention], planned: bool) -> EventReport:
        d = self._date(sent, anchor, planned)
        ref = self.reference.date
        is_planned = planned or bool(d and d.future)
        if d and ref and not d.weak and d.value > ref.isoformat()[:len(d.value)]:
            is_planned = True
        if d and ref and d.value < ref.isoformat()[:len(d.value)] and not re.search(r"\bwill\b|\bnext\b", sent.text):
            is_planned = False
        participants = _dedupe(m.key for m in ments if m.kind in ("Person", "Country", "Organization"))
        location = self._location(sent, anchor, ments)
        return EventReport(
            article=self.article_id, kind=kind, participants=participants, evidence=sent.text.strip(),
            start=sent.start_char, end=sent.end_char, date=d.value if d else None, date_weak=bool(d and d.weak),
            location=location, planned=is_planned, confidence=0.6)

    def _location(self, sent: Span, anchor: int, ments: list[Mention]) -> str | None:
        best = None
        for m in ments:
            if m.kind not in ("Place", "Country"):
                continue
            before = self.doc.text[max(sent.start_char, m.start - 12):m.start].lower()
            if not re.search(r"\b(in|at|to|into|inside|near|outside)\s+(the\s+)?(chinese |russian )?$", before):
                continue
            if re.search(r"\bto\s+(the\s+)?$", before) and not self._trip_word_near(m.start):
                continue
            key = self._city_of(m.key)
            if m.kind == "Country" and best is not None:
                continue
            if best is None or self.kind_of.get(best) == "Country":
                best = key
        # "the Chinese capital", "the Russian capital"
        cap = re.search(r"\bthe (\w+) capital\b", sent.text)
        if best is None and cap:
            country = self.gaz.adjective_of.get(cap.group(1))
            e = self.gaz.get(country)
            if e and e.capital:
                best = e.capital
        return best

    def _trip_word_near(self, char: int) -> bool:
        window = self.doc.text[max(0, char - 60):char].lower()
        return bool(re.search(r"(visit|trip|travel|flew|fly|journey|tour|came|come|went|go)\w*\b", window))

    def _city_of(self, key: str) -> str:
        e = self.gaz.get(key)
        if e and e.kind == "Place" and e.city:
            return e.city
        return key

    def _visit(self, report: EventReport, sent: Span, trigs, ments: list[Mention]) -> None:
        doc = self.doc
        anchor = min(s for _, s, _ in trigs)
        people = [m for m in ments if m.kind == "Person"]
        visitor = None
        # "Xi's visit", "a visit by X"
        for m in people:
            after = doc.text[m.end:m.end + 4]
            if after.startswith("'s") or after.startswith("’s"):
                if m.token < anchor and anchor - m.token <= 6:
                    visitor = m.key
        by = re.search(r"\b(?:visit|trip)\s+(?:to \w+(?: \w+)?\s+)?by\b", sent.text)
        if visitor is None and by:
            after = [m for m in people if m.start >= sent.start_char + by.end()]
            visitor = after[0].key if after else None
        if visitor is None:
            before = [m for m in people if m.token < anchor]
            visitor = before[0].key if before else (people[0].key if people else None)
        report.participants = [visitor] if visitor else []
        # destination: the place after the trigger
        dest = None
        for m in ments:
            if m.kind in ("Place", "Country") and m.token >= anchor:
                pre = doc.text[max(sent.start_char, m.start - 10):m.start].lower()
                if re.search(r"\b(to|in|into|at)\s+(the\s+)?$", pre):
                    dest = self._city_of(m.key)
                    break
        if dest is None:
            cap = re.search(r"\b(?:to|in|into)\s+the (\w+) capital\b", sent.text)
            if cap:
                e = self.gaz.get(self.gaz.adjective_of.get(cap.group(1)))
                dest = e.capital if e else None
        if dest is None:
            for m in ments:
                if m.kind in ("Place", "Country") and m.token < anchor and anchor - m.token <= 3:
                    dest = self._city_of(m.key)  # "a Beijing trip"
        report.location = dest or report.location

    def _agreements(self, sent: Span, trigs, ments: list[Mention], planned: bool) -> list[EventReport]:
        doc = self.doc
        nouns = [(k, s, e) for k, s, e in trigs if doc[e - 1].lower_ in _DOC_NOUNS or doc[s].lower_ in _DOC_NOUNS]
        verbs = [(k, s, e) for k, s, e in trigs if (k, s, e) not in nouns and doc[s].lower_ not in _GENERIC_DOCS]
        if not nouns:
            return []
        out = []
        orgs = [m.key for m in ments if m.kind == "Organization" and (self.gaz.get(m.key) is None or self.gaz.get(m.key).subkind in ("company", "ministry", "state-body", "party", None))]
        countries = _dedupe(m.key for m in ments if m.kind == "Country")
        for kind, s, e in nouns:
            label = self._doc_label(sent, s, e)
            if label is None:
                continue
            report = self._report("Agreement", sent, s, ments, planned)
            # parties named around this document: "between A and B", "A and B signed", "A agreed with B"
            local = [m for m in ments if m.kind == "Organization" and m.key in orgs and abs(m.token - s) <= 25]
            if len(local) >= 2:
                report.participants = _dedupe(m.key for m in local)[:3]
            elif len(orgs) >= 2 and len(nouns) == 1:
                report.participants = _dedupe(orgs)[:3]
            else:
                report.participants = countries[:2] if len(countries) >= 2 else []
            report.label = label
            report.anaphoric = doc[s - 1].lower_ in ("the", "this", "that") and not report.date and not verbs and not doc[s].text[0].isupper()
            out.append(report)
        return out

    def _doc_label(self, sent: Span, s: int, e: int) -> str | None:
        """The document's name: "joint statement", "Treaty of Good-Neighbourliness ...", "protocol on ..."."""
        doc = self.doc
        start = s
        # capitalised words before ("Joint Statement of ...", "Power of Siberia contract")
        while start > sent.start and doc[start - 1].text[:1].isupper() and doc[start - 1].ent_type_ == "" and not doc[start - 1].is_sent_start and doc[start - 1].text not in ("The", "A", "An"):
            start -= 1
        end = e
        if end < sent.end and doc[end].lower_ in ("of", "on", "for", "to", "between"):
            k = end + 1
            while k < sent.end and k - end < 14 and not doc[k].is_punct and doc[k].lower_ not in ("which", "that", "who", "and", "signed", "was", "were", "is", "with"):
                k += 1
            if doc[end].lower_ in ("between",):
                k = end  # parties, not the name
            end = k
        label = doc[start:end].text.strip()
        if doc[s].lower_ in _GENERIC_DOCS:
            return None
        if doc[s].lower_ == "deal" and doc[s - 1].lower_ in ("great", "good"):
            return None
        return label[:1].upper() + label[1:]
