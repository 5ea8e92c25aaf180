"""Reading signed or adopted documents: treaties, joint statements, roadmaps, contracts, memoranda."""
from __future__ import annotations

import re

from spacy.tokens import Span

from ..dates import MONTH_NAMES, count_of, resolve
from ..records import EventReport, doc_kind
from .common import HELD_CLAUSE
from .common import dedupe as _dedupe
from .mentions import Mention
from .sentences import sentence_of

_SIGNED = re.compile(r"\b(sign|signs|signed|signing|adopt|adopted|adopts|issued|issue|published|concluded|conclude|inked|released|agreed|reached|struck|finali[sz]ed|extended|prolonged|renewed|ratified|initial(?:l?ed)?|put (?:their|his|her) names? to)\b", re.I)
# "the four countries", "The three adopt": the parties counted
_COUNTED_SIDES = re.compile(r"\b[Tt]he\s+(two|three|four|five|six|seven|eight|nine|ten)\s+(?:countries|states|nations|sides|"
                            r"governments|capitals|parties|(?=adopt|sign|issue|agree|release))")
_GENERIC_DOCS = {"documents", "agreements", "contracts", "memorandums", "memoranda", "deals"}
# words a document's name does not run on into: "an agreement on gas cooperation has been signed"
_NAME_ENDS = {"which", "that", "who", "signed", "was", "were", "is", "are", "has", "have", "had", "will", "would", "with"}
_DOC_NOUNS = {"treaty", "agreement", "roadmap", "memorandum", "contract", "protocol", "deal", "accord", "declaration", "pact", "statement", "communique", "communiqué", "map", "plan", "action"}
_REFERRING = {"about", "over", "against", "prolonging", "extending", "extended", "renewing", "under", "implementing",
              "replacing", "amending", "of", "to", "with", "within", "violating", "violated", "breaching"}
_UNSIGNED = re.compile(r"\b(?:(?:have|has|had|are|is)\s+yet\s+to|(?:did|does|do|have|has|had|could|would|will)\s*(?:not|n't)|never|"
                       r"failed\s+to|refused\s+to|declined\s+to|no\s+(?:new\s+)?)\s+(?:yet\s+|been\s+)?(?:sign|signed|agree|agreed|conclude|concluded)\b"
                       # "he proposes that Russia and Japan sign a peace treaty": a proposal, nothing signed
                       r"|\bpropos(?:es|ed|ing|e)\s+(?:that\s+)?(?:[\w-]+\s+){0,4}?(?:sign|conclude)\b",
                       re.I)
# "No joint statement was issued", "no agreement on water was reached", "ended without a joint
# statement": that document is not there (the others of the sentence may be)
_NO_BEFORE = re.compile(r"\b(?P<no>[Nn]o)\s+(?:[\w-]+\s+){0,2}?$|\bwithout\s+(?:a|an|any)\s+(?:[\w-]+\s+){0,2}?$")
# "urging the Afghan sides to reach a peace agreement": an agreement others are asked for
_URGED_TO_REACH = re.compile(r"\b(?:urg\w*|call\w*\s+(?:on|for)|press\w*|encourag\w*|ask\w*)\b[^.;]{0,50}?\bto\s+"
                             r"(?:reach|conclude|negotiate|seek|work\s+out)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}$")
_NOT_ISSUED = re.compile(r"(?:\s+(?:on|of|for)(?:\s+[\w-]+){1,3}?)?\s+(?:was|were|has been|have been|had been)\s+"
                         r"(?:issued|signed|adopted|concluded|reached)\b")
_SIGN_WORDS = {"signed", "sign", "signs", "signing", "adopted", "adopt", "issued", "published", "concluded", "inked", "agreed"}
# "the twentieth anniversary of the Treaty": a document recalled, not signed
_ANNIVERSARY = re.compile(r"\banniversary of (?:the )?(?:[\w-]+ ){0,3}$", re.I)
# "The Treaty reached its tenth anniversary", "the treaty turns ten"
_ITS_ANNIVERSARY = re.compile(r"\b(?:its|their)\s+(?:[\w-]+\s+)?anniversary\b|\bturns?\s+(?:\d+|ten|twenty|fifteen|five|thirty|forty|fifty)\b", re.I)
_SIGNING = r"sign|signs|signed|signing|inked"
_SIGN_VERB = re.compile(rf"\b(?:{_SIGNING})\b", re.I)
_SIGNED_TOGETHER = re.compile(rf"\b(?:{_SIGNING}|concluded)\b", re.I)  # "21 documents were signed", "... concluded"
_PLURAL_DOCS = {"statements", "declarations", "communiques", "communiqués"}
_LAST_WORDS = _DOC_NOUNS | _PLURAL_DOCS | {"document"}  # what a document's trigger ends with
# "two joint statements: one on X and one on Y": the items of a list of documents
_ITEM_WORD = r"(?:one|another|the other|the first|the second|a second|a third)"
_ITEM_SPLIT = re.compile(rf",?\s+and\s+(?={_ITEM_WORD}\b)|[,;]\s+(?={_ITEM_WORD}\b)", re.I)
_ITEM = re.compile(rf"{_ITEM_WORD}\s+((?:on|about|for|to|regarding)\b[^.;]*)", re.I)
# "21 documents were signed", "a package of agreements": documents signed together, none named
_PACKAGE_BEFORE = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+ty(?:-[a-z]+)?|dozens?|"
                             r"several|numerous|(?:a|the)\s+(?:number|package|set|batch|series|raft|string|stack|slew|bundle|host|range|list|total)\s+of)"
                             r"(?:\s+(?:new|other|more|further|signed|bilateral|cooperation|intergovernmental|interdepartmental|interagency|"
                             r"commercial|trade|investment|economic|sectoral|and|,))*\s*$", re.I)
# "the more than 300 agreements signed since 2001": a tally of years, not a signing
_TALLY = re.compile(r"\b(?:since|so far|to date|over the (?:years|past|last)|in all|in total|altogether|each year|every year|a year|annually)\b", re.I)
# who put their names to a document: "signed by X and Y", "X and Y signed ...", a list's "Signed by X." line
# ("signed in Moscow on July 16, 2001 by ...": where and when may come between)
_SIGNED_BY = re.compile(r"\b(?:signed|inked|initial(?:l)?ed)\b[^.;:]{0,50}?\bby\b", re.I)
SIGNER_VERBS = r"sign|signs|signed|inked|issued|issue|adopted|adopt|put\s+(?:their|his|her)\s+names?\s+to"
_SIGNER_VERB = re.compile(rf"\b(?:{SIGNER_VERBS})\b", re.I)
_LOOKING_ON = re.compile(r"\b(?:witness\w*|watch\w*|presence|looked\s+on|attend\w*|oversaw|oversee\w*|with|after|before|"
                         r"who|which|when|while|where|said|says|told|announced|wants?|hopes?|plans?|expects?)\b", re.I)
_NEXT_SIGNED_BY = re.compile(r"\W*(?:(?:It|They|This|These)\s+(?:was|were)\s+)?(?:signed|inked)\s+by\b", re.I)
SIGNATORIES = 4  # at most, per document
_LIST_GAP = re.compile(r"\s*(?:,|,?\s*and)\s*(?:the\s+)?")  # between two countries of one list
_DAY_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tomorrow"}
_MONTH_NAMES = {*MONTH_NAMES, "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."}


def _dateish(tok) -> bool:
    """A word that begins a date ("Monday", "May", "2024", "yesterday")."""
    return tok.like_num or tok.text in _MONTH_NAMES or tok.lower_ in _DAY_NAMES


def _name_follows(doc, k: int) -> bool:
    """A name begins at token ``k`` ("... of Russia and China", "... of the Russian Federation and the
    People's Republic of China"): the document's name goes on past "and"."""
    if k < len(doc) and doc[k].lower_ == "the":
        k += 1
    return k < len(doc) and doc[k].text[:1].isupper()


class AgreementReading:
    """The part of the sentence reader that reads documents (mixed into SentenceReader)."""

    def _agreements(self, sent: Span, span: Span, trigs, ments: list[Mention]) -> list[EventReport]:
        doc = self.doc
        packages = self._packages(sent, span, trigs, ments)
        # (not a word of an organization's name: the Collective Security Treaty Organization)
        named = [(m.start, m.end) for m in ments if m.kind == "Organization"]
        nouns = sorted((k, s, e) for k, s, e in trigs if (doc[e - 1].lower_ in _LAST_WORDS or doc[s].lower_ in _DOC_NOUNS)
                       and not any(a <= self.starts[s] < b for a, b in named))
        # "Rosneft agreed with CNPC to deliver ...": a deal between two companies, no document named
        for k, s, e in trigs:
            if doc[s].lower_ == "agreed" and s + 1 < span.end and doc[s + 1].lower_ == "with" and not nouns:
                nouns.append((k, s, e))
        if not nouns or _UNSIGNED.search(self._str(span)):
            return packages  # "have yet to sign a contract", "did not sign": no document
        # "a key agreement: a roadmap for ...": one document named twice
        merged = []
        for t in nouns:
            if merged and t[1] - merged[-1][2] <= 3 and doc[merged[-1][1]].lower_ in ("agreement", "deal", "accord", "document"):
                merged[-1] = t
            elif merged and t[1] - merged[-1][2] <= 3 and doc[merged[-1][2]].lower_ in ("on", "about", "regarding"):
                continue  # "a joint statement on a roadmap for trade": what the statement is about
            else:
                merged.append(t)
        signed = bool(_SIGNED.search(self._str(sent))) or bool(_SIGNED.search(self._previous_sentence(sent)) and re.search(r"\b(include|included|including|among them|are|were)\b", self._str(sent)))
        orgs = [m.key for m in ments if m.kind == "Organization" and (self.gaz.get(m.key) is None or self.gaz.get(m.key).subkind in ("company", "ministry", "state-body", None))]
        out = []
        items = {}
        for t in list(merged):
            if doc[t[2] - 1].lower_ in _PLURAL_DOCS:
                items[t] = self._listed(span, t)
                if not items[t]:
                    merged.remove(t)  # "joint statements" with no names: no one document
        bounds = [t[1] for t in merged] + [span.end]
        for n, (kind, s, e) in enumerate(merged):
            if items.get((kind, s, e)):
                out.extend(self._listed_reports(sent, span, (kind, s, e), items[(kind, s, e)], ments, signed))
                continue
            if doc[s].lower_ == "document":
                if doc[s - 1].lower_ in ("the", "this", "that"):
                    out.extend(self._signed_told(sent, span, s, e, ments))
                continue  # "a document": no name, no document of its own
            no = _NO_BEFORE.search(self.text, max(span.start_char, self.starts[s] - 40), self.starts[s])
            if no and (not no.group("no") or _NOT_ISSUED.match(self.text, doc[e - 1].idx + len(doc[e - 1]))) \
                    or _URGED_TO_REACH.search(self.text, max(span.start_char, self.starts[s] - 90), self.starts[s]):
                continue
            label = self._doc_label(span, s, e) if doc[s].lower_ != "agreed" else self._agreed_label(span, s)
            if label is None:
                continue
            report = self._report("Agreement", sent, span, s, ments)
            if _ANNIVERSARY.search(self.text[max(span.start_char, self.starts[s] - 40):self.starts[s]]) or (
                    _ITS_ANNIVERSARY.search(self._str(span)) and not _SIGN_VERB.search(self._str(span))):
                continue  # "the twentieth anniversary of the Treaty", "the treaty turns ten": recalled, not signed
            referenced = n > 0 and self._referenced(span, s)
            if referenced:
                # 'prolonging the Treaty of ...': the treaty was not signed now; 'the 2001 Treaty': then
                year = re.search(r"\bthe\s+((?:19|20)\d\d)\s+$", self.text[max(0, self.starts[s] - 12):self.starts[s]])
                # "to implement the Treaty of X, which Y signed in Beijing in 2002": the clause's date
                own = HELD_CLAUSE.search(self.text, self.starts[s], self._char_end(bounds[n + 1], span))
                told = [d for d in self._dates_in(own.end(), self._char_end(bounds[n + 1], span))
                        if not self._excluded(d)] if own else []
                then = resolve(told[0], self.reference) if told and self.reference is not None else None
                report.date = year.group(1) if year else then.value if then else None
                if not self._proper(span, s):
                    continue
            if not (signed or report.date or label[:1].isupper() and doc[s].text[:1].isupper()):
                continue
            # parties named with this document: its own stretch of a list, or the whole clause
            seg_start = span.start if n == 0 else s
            local = _dedupe(m.key for m in ments if m.kind == "Organization" and m.key in orgs and seg_start <= m.token < bounds[n + 1])
            commercial = doc_kind(label) == "agreement" and doc[s].lower_ in ("contract", "deal", "agreed")
            seg_countries = _dedupe(m.key for m in ments if m.kind == "Country" and seg_start <= m.token < bounds[n + 1])
            their = _dedupe(c for c in (self.country_of(m.key) for m in ments if m.kind == "Person") if c)
            parties = local if len(local) >= 2 else orgs if len(orgs) >= 2 and len(merged) == 1 else []
            # ("Rosatom and CNNC": Russia and China)
            theirs = _dedupe(e.country for e in (self.gaz.get(o) for o in parties) if e is not None and e.country)
            countries = (theirs[:2] if len(theirs) >= 2 else seg_countries[:2] if len(seg_countries) >= 2
                         else their[:2] if len(their) >= 2 else self.main_countries[:2])
            listed = self._country_list([m for m in ments if seg_start <= m.token < bounds[n + 1]])
            if len(listed) >= 3 and set(countries) <= set(listed):
                countries = listed  # "the presidents of Russia, China, Kazakhstan, Kyrgyzstan and Tajikistan signed"
            countries = self._counted_sides(sent, span, their) or countries
            if len(local) >= 2:
                report.participants = local[:3] + countries  # a deal between companies is also one between their countries
            elif len(orgs) >= 2 and len(merged) == 1:
                report.participants = _dedupe(orgs)[:3] + countries
            elif commercial:
                continue  # a contract whose companies are not named
            else:
                report.participants = countries
            report.location = report.location if report.location and self.kind_of.get(report.location) == "Place" else None
            report.label = label
            report.signed = signed and not referenced
            if report.date and len(report.date) == 4 and re.search(rf"\b{report.date}\b", label):
                # "a roadmap for military cooperation for 2021 to 2025": years of its name, not of its signing
                report.date, report.planned = None, report.planned and not signed
            if not referenced:
                report.signatories = self._signatories(sent, span, s, (self.starts[e - 1], self._char_end(bounds[n + 1], span)), ments,
                                                      bounds[:n])
            report.anaphoric = doc[s - 1].lower_ in ("the", "this", "that") and not report.date and not signed and not doc[s].text[0].isupper()
            out.append(report)
        return out + packages

    def _counted_sides(self, sent: Span, span: Span, their: list[str]) -> list[str] | None:
        """'The four countries issue a joint statement', 'The three adopt a statement': the countries
        the sentence or the one before lists, or whose people it names, as many as it counts."""
        m = _COUNTED_SIDES.search(self._str(span))
        n = count_of(m.group(1)) if m else None
        if not n:
            return None
        prev = sentence_of(self.doc, sent.start - 1) if sent.start > 0 else None
        before = self._ments_in(prev.start_char, prev.end_char) if prev is not None else []
        lists = [self._country_list(self._ments_in(sent.start_char, sent.end_char)), their, self._country_list(before),
                 _dedupe(c for c in (self.country_of(m.key) for m in before if m.kind == "Person") if c)]
        return next((c for c in lists if len(c) == n), None)

    def _country_list(self, ments: list[Mention]) -> list[str]:
        """The longest run of countries named one after another ("Russia, China, Kazakhstan and
        Tajikistan"), in their order."""
        best, run, last = [], [], None
        for m in ments:
            if m.kind != "Country":
                continue
            if last is not None and _LIST_GAP.fullmatch(self.text[last.end:m.start]):
                run.append(m.key)
            else:
                run = [m.key]
            best = run if len(run) > len(best) else best
            last = m
        return _dedupe(best)

    def _packages(self, sent: Span, span: Span, trigs, ments: list[Mention]) -> list[EventReport]:
        """Documents signed together and not named ("21 documents on cooperation were signed", "watched
        their ministers sign a batch of agreements"): one Agreement, between the countries of the people
        the clause names (or the article's two countries)."""
        doc = self.doc
        clause = self._str(span)
        if not _SIGNED_TOGETHER.search(clause) or _UNSIGNED.search(clause) or _TALLY.search(clause):
            return []
        for _, s, e in trigs:
            if doc[e - 1].lower_ not in _GENERIC_DOCS or not _PACKAGE_BEFORE.search(self.text[max(span.start_char, self.starts[s] - 60):self.starts[s]]):
                continue
            report = self._report("Agreement", sent, span, s, ments)
            their = _dedupe(c for c in (self.country_of(m.key) for m in ments if m.kind == "Person") if c)
            countries = _dedupe(m.key for m in ments if m.kind == "Country")
            report.participants = (countries[:2] if len(countries) >= 2 else their[:2] if len(their) >= 2 else self.main_countries[:2])
            report.location = report.location if report.location and self.kind_of.get(report.location) == "Place" else None
            report.label = "Package of documents"
            report.signed = True
            return [report]
        return []

    def _listed(self, span: Span, trig) -> list[str]:
        """The names of the documents a plural lists after a colon: "signed two joint statements: one
        on X and one on Y" -> ["Joint statement on X", "Joint statement on Y"]."""
        doc = self.doc
        _, s, e = trig
        end = self.starts[e - 1] + len(doc[e - 1].text)
        colon = re.match(r"[^:.;,]{0,30}?[:—–]\s*", self.text[end:span.end_char])  # "... on Monday: one on"
        if not colon:
            return []
        head = doc[s:e].text.rstrip("s")
        head = head[:1].upper() + head[1:].lower()
        labels = []
        for part in _ITEM_SPLIT.split(self.text[end + colon.end():span.end_char]):
            m = _ITEM.match(part)
            if not m:
                break
            labels.append(f"{head} {m.group(1).strip()}")
        return labels if len(labels) >= 2 else []

    def _listed_reports(self, sent: Span, span: Span, trig, labels: list[str], ments, signed: bool) -> list[EventReport]:
        """One agreement per listed document, between the countries of the people who signed them."""
        out = []
        their = _dedupe(c for c in (self.country_of(m.key) for m in ments if m.kind == "Person") if c)
        for label in labels:
            report = self._report("Agreement", sent, span, trig[1], ments)
            report.participants = their[:2] if len(their) >= 2 else self.main_countries[:2]
            report.location = report.location if report.location and self.kind_of.get(report.location) == "Place" else None
            report.label, report.signed = label, signed
            out.append(report)
        return out

    def _signed_told(self, sent: Span, span: Span, s: int, e: int, ments: list[Mention]) -> list[EventReport]:
        """"X and Y put their names to the document": who signed the document told before (a report
        that refers back to it, with its signatories), if the clause says who."""
        signers = self._signatories(sent, span, s, (self.starts[e - 1], span.end_char), ments, [])
        if not signers:
            return []
        report = self._report("Agreement", sent, span, s, ments)
        report.participants, report.signatories, report.anaphoric = [], signers, True
        report.date = report.location = None
        return [report]

    def _char_end(self, tok: int, span: Span) -> int:
        """Where token ``tok`` begins, or the clause's end."""
        return self.starts[tok] if tok < span.end else span.end_char

    def _signatories(self, sent: Span, span: Span, s: int, segment: tuple[int, int], ments: list[Mention],
                     earlier: list[int]) -> list[str]:
        """The people who put their names to the document read at token ``s`` (its name runs over
        ``segment``, character offsets; ``earlier``: where the clause's documents before it begin):
        "signed by X and Y" after its name, the people the clause names
        before "signed" (not those looking on: "X watched as ..."), or a "Signed by X and Y." line next."""
        text = self.text
        people = [m for m in ments if m.kind == "Person"]
        by = _SIGNED_BY.search(text, segment[0], segment[1])
        if by:
            return _dedupe(m.key for m in people if by.end() <= m.start < segment[1])[:SIGNATORIES]
        verb = _SIGNER_VERB.search(text, span.start_char, self.starts[s])
        if verb and not any(verb.end() <= self.starts[t] < self.starts[s] for t in earlier):
            # (the first document after the verb is the one signed: "issued a joint statement on the
            # anniversary of the Treaty" was not the Treaty's signing)
            return _dedupe(m.key for m in people if m.end <= verb.start() and not _LOOKING_ON.search(text, m.end, verb.start()))[:SIGNATORIES]
        if sent.end < len(self.doc):
            after = sentence_of(self.doc, sent.end)
            if _NEXT_SIGNED_BY.match(self._str(after)):
                return _dedupe(m.key for m in self._ments_in(after.start_char, after.end_char) if m.kind == "Person")[:SIGNATORIES]
        return []

    def _proper(self, span: Span, s: int) -> bool:
        """Whether the document is named with a capitalised name ('the Treaty of ...', 'Joint Statement')."""
        return self.doc[s].text[:1].isupper() and not self.doc[s].is_sent_start

    def _referenced(self, span: Span, s: int) -> bool:
        """A document the clause speaks about, not one it signs: 'concern about the AUKUS pact',
        'a joint statement prolonging the Treaty'. The word that governs the noun phrase says."""
        j = s - 1
        while j >= span.start and s - j <= 5:
            tok = self.doc[j]
            low = tok.lower_
            if low in _REFERRING:
                return True
            if tok.is_punct or low in ("and", "or", "a", "an") or low in _SIGN_WORDS:
                return False
            j -= 1
        return False

    def _agreed_label(self, span: Span, s: int) -> str:
        doc = self.doc
        k = s + 2
        while k < span.end and doc[k].lower_ != "to" and k - s < 8:
            k += 1
        end = k
        while end < span.end and not doc[end].is_punct and end - k < 12:
            end += 1
        return ("Agreement " + doc[k:end].text).strip()

    def _previous_sentence(self, sent: Span) -> str:
        if sent.start == 0:
            return ""
        return self._str(sentence_of(self.doc, sent.start - 1))

    def _doc_label(self, sent: Span, s: int, e: int) -> str | None:  # sent: the clause
        """The document's name: "joint statement", "Treaty of Good-Neighbourliness ...", "protocol on ..."."""
        doc = self.doc
        start = s
        # capitalised words before ("Joint Statement of ...", "Power of Siberia contract")
        while start > sent.start and doc[start - 1].text[:1].isupper() and doc[start - 1].ent_type_ == "" and not doc[start - 1].is_sent_start and doc[start - 1].text not in ("The", "A", "An"):
            start -= 1
        end = e
        if end + 1 < sent.end and doc[end].lower_ in ("on", "in") and _dateish(doc[end + 1]):
            pass  # "an agreement on Monday to ...": the day it was signed, not its name
        elif end < sent.end and doc[end].lower_ in ("of", "on", "for", "to", "between"):
            k = end + 1
            while k < sent.end and k - end < 14 \
                    and not (doc[k].lower_ in ("in", "on", "at") and k + 1 < sent.end
                             and (doc[k + 1].ent_type_ or _dateish(doc[k + 1]))) \
                    and (not doc[k].is_punct or doc[k].text in ("-", "–") and doc[k].whitespace_ == "") \
                    and doc[k].lower_ not in _NAME_ENDS and not (doc[k].lower_ == "and" and not _name_follows(doc, k + 1)):
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
