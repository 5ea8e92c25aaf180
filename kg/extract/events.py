"""Events told in one sentence: trigger words, who took part, when, where, planned or held."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from datetime import date as _date
from datetime import timedelta

from spacy.tokens import Doc, Span

from ..dates import DateExpr, Reference, Resolved, count_of, month_of, resolve
from ..gazetteer import Gazetteer
from ..records import EventReport
from ..vocab import EVENT_FAMILY, REMOTE_KINDS
from .agreements import AgreementReading
from .common import (HELD_CLAUSE, NOT_VENUE, PLACE_OF_KIND, REPORTED, SAID_BEFORE, TOLD, UNNAMED_TALKS, WILL_TAKE_PLACE,
                     day_sections, heading_year)
from .common import dedupe as _dedupe
from .gatherings import GatheringReading
from .mentions import RELATIONS, Mention
from .travel import TravelReading
from .sentences import sentence_of
from .sentences import words as token_words

# words of talks held face to face ("welcomed", "greeted" are said of video calls too)
_IN_PERSON = {"met", "meet", "meets", "meeting", "meetings", "received", "receives", "hosted", "hosts", "sat", "sit",
              "sits", "encounter", "get-together", "trilateral", "three-way", "face-to-face", "in-person", "tete-a-tete",
              "co-chaired", "co-chairs", "co-chair", "co-chairing", "hosting", "lunch", "dinner", "breakfast"}
_PLANNED = re.compile(
    r"\b(will|shall|is expected|are expected|was expected|were expected|expected to|is due|are due|due to|is set to|are set to|"
    r"plans? to|planned|planning|scheduled|upcoming|forthcoming|invited|invites?|invitation to|due (?:in|back)|looks? forward|looking forward|"
    r"awaiting|waiting for|lined up|preparations? for|preparing|to pay|(?:would|may|might|could) (?:\w+ )?(?:travel|visit|meet|hold|attend|go|fly|sign|come)|agreed to (?:see|meet|hold)|"
    r"is to|are to|next (?:week|month|year|spring|summer|autumn|fall|winter)|later this|considering|considers|intends? to|"
    # (what a document is for is no plan: "an agreement intended to build trust")
    r"intended to (?:\w+ ){0,2}?(?:visit|meet|hold|travel|attend|sign|go|come|fly|call|discuss|raise|take part|pay|host|receive)|"
    r"hopes? to|would be|proposed|to be held|ahead of|accept(?:ed|s)? (?:an |the )?invitation|possible|potential|"
    r"(?:un)?likely to|if|"
    # "could begin once an agreement has been signed": a condition still to be met
    r"once (?:[\w-]+ ){1,8}?(?:has|have) been)\b", re.I)
_NOT_EVENT_DATE = re.compile(r"\b(by|since|until|till|through|from|before|ahead of|for|after|over|within|between)\s*(?:the\s+)?(?:end of\s+)?$", re.I)
_ELLIPSIS = re.compile(r"\s*(?:(The|Their|Its|The (?:pair|two (?:leaders|men|presidents|sides|ministers))['’]s?) "
                       r"(first|previous|last|latest|earlier|second|other) (one |call |meeting |conversation )?"
                       r"(took place|was held|came|happened|was on|was in)\b"
                       # "At the first, on June 28, they announced ..."
                       r"|At (?:the|their) (?:first|previous|last|earlier|second|other)(?: one)?,? (?:on|in) )")
# between the people of one subject: "X, Y and Z", "Kazakh President X and Chinese President Y"
# "X and Chinese State Councillor and Foreign Minister Y": the titles between two coordinated names
_COORDINATION = re.compile(r"\s*(?:,|and|, and)\s*(?:(?:[A-Z][\w.'’-]*|the|of|and(?=\s+[A-Z]))\s+){0,7}")
_REPORTING = re.compile(rf"\s+(?:{REPORTED}|{TOLD})\b"
                        r"(?:\s+[\w’'-]+){0,5}\s*[.!?]")
_TOLD_THE_PRESS = re.compile(rf",?\s+(?:{TOLD}|informed|briefed)\s+(?:the\s+|a\s+)?(?:reporters|journalists|the press|press|media|"
                             r"(?:news\s+|press\s+)?(?:briefing|conference)|state (?:media|television|TV))\b[^.;]{0,40}?\bthat\b", re.I)
# "Xi's special envoy", "Zhao's predecessor", "conveyed Xi's congratulations": someone else, something sent
_RELATION_OR_MESSAGE = re.compile(rf"['’]s\s+(?:{RELATIONS}|congratulations|greetings|message|letter|wishes|regards|invitation)\b")
_REPORTER_BEFORE = re.compile(r"[,.!?][\"”’]\s*$|,\s*(?:[\w’'-]+\s+){0,4}$")
_DAY_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday"}
_TO_BE_HELD = (r"(?:will be held|will take place|is to be held|to be held|is scheduled|are scheduled|is due|are due|will open|"
               r"will start|will begin|will convene|scheduled for|set for|slated for|planned for|"
               r"(?:could|may|might) (?:take place|be held)|(?:is|are) expected)\b")
_PLANNED_AFTER = re.compile(r"\W*(?:[\w-]+\W+){0,4}?(?:which|that|to)?\s*" + _TO_BE_HELD, re.I)
# "Talks between X and Foreign Minister Y will be held in Beijing": the trigger's own long subject
_HELD_LATER = re.compile(r"\W*(?:[\w.'’-]+\W+){0,12}?" + _TO_BE_HELD, re.I)
# "a visit to Moscow by the Chinese premier later this year": a time still to come, told after the trigger
_FUTURE_AFTER = re.compile(r"\W*(?:[\w-]+\W+){0,8}?(?:later this (?:week|month|year)|next (?:week|month|year)|"
                           r"in the coming (?:days|weeks|months))\b", re.I)
# "their next face-to-face meeting", "the next round of": the one still to come, right before the trigger
_NEXT_ONE = re.compile(r"\b(?:their|his|her|its|the|a)\s+next\s+(?:[\w-]+\s+){0,2}(?:of\s+)?$", re.I)
# "Neither readout mentioned a date for their next meeting", "no date has been set for the visit": an
# event only talked of
_NO_DATE_FOR = re.compile(r"\b(?:neither|nor|not|no|without)\b[^.;]{0,60}\b(?:date|time)s?\s+(?:(?:has|had|have)\s+been\s+|"
                          r"was\s+|were\s+|is\s+)?(?:set\s+|fixed\s+|announced\s+|given\s+|agreed\s+)?for\s+(?:[\w-]+\s+){0,4}$"
                          # "Neither minister says when X and Y might next sit down together"
                          r"|\b(?:neither|nor|no one|nobody|not)\b[^.;]{0,40}\b(?:says?|said|know|knows|knew|announced?|"
                          r"confirmed?|disclosed?|revealed?)\s+when\b[^.;]*$", re.I)
# after "called on": "... the West to lift sanctions" (urged), not "... Xi at his hotel" (visited)
_URGED = re.compile(r"\s+(?:[\w'’.-]+\s+){0,8}?to\s+(?!the\b|his\b|her\b|their\b|[A-Z])\w+")
# from a place to a trigger in the relative clause that place opens: "Bishkek, where both had attended a"
_WHERE_CLAUSE = re.compile(r",\s*where\b[^,;.]*$")
# "Moscow hosted the consultations", "Astana will host the talks": a city named as the host
_CITY_HOSTS = re.compile(r"\s+(?:(?:has|had|will|is|was|would)\s+)?(?:also\s+)?(?:hosted|hosts|host|hosting|played host to|plays host to)\b")
_PAST_PERFECT = re.compile(r"\bhad\s+(?:already\s+|just\s+|earlier\s+|previously\s+|also\s+|both\s+)?(?:attended|met|held|"
                           r"visited|travell?ed|spoken|talked|signed|been|gone|flown|hosted|received|taken part)\s+(?:\S+\s+){0,3}$", re.I)
# "on the second day of the summit (13-14 June)": a day of the range that follows
_NTH_DAY_OF = re.compile(r"\b(second|third|last|final|closing)\s+day\s+of\b", re.I)
# a reporting verb and what it was told by, up to its date; then "that" and what was told
_TOLD_THAT = re.compile(rf"\b(?:{REPORTED}|{TOLD}|informed|informs|assured|assures|promised|promises)\b[^.;,]{{0,60}}?\s+(?:on|at|in|late|early|this|last)?\s*$", re.I)
_THAT_AFTER = re.compile(r"[\s,]*(?:\([^)]*\)\s*)?that\b", re.I)
# a document a year before it names rather than dates: "the 2001 Treaty", "the 2001 friendship
# treaty", "the 2019 joint statement"
_NAMED_BY_YEAR = re.compile(r"\s+(?:(?!(?:the|a|an|and|or|in|on|at|to|for|with|by|was|were|is|are)\b)[a-z][\w-]*\s+){0,2}(?:joint\s+)?(?:treaty|agreement|accord|pact|deal|contract|law|declaration|statement|"
                            r"constitution|charter|memorandum|protocol|roadmap|communiqu[eé])\b", re.I)
# "a summit of the five ..., which Putin proposed in January and for which no date has been fixed"
_NO_DATE_AFTER = re.compile(r"[^.;]{0,160}?,?\s+for which no date (?:has |had |was |is )?(?:yet )?(?:been )?(?:set|fixed|announced|agreed)", re.I)
_SECTORS = r"foreign|defen[cs]e|finance|trade|economy|energy|interior|transport|agriculture|health|education|culture|justice|emergency"
# "the forum opened on Monday", "the summit closes on Friday": a gathering's first or last day
# talks told in the plural, whose dates may be listed after them ("the conversations of March 19 and April 16")
_PLURAL_TALKS = {"conversations", "calls", "meetings", "talks", "contacts"}
# "SCO foreign ministers", "the Council of Ministers of Foreign Affairs", "the SCO Heads of State Council"
_MINISTERS_MET = re.compile(rf"\b(?:(?P<sector>{_SECTORS})\s+ministers|ministers\s+of\s+(?P<sector2>{_SECTORS})(?:\s+affairs)?"
                            rf"|(?P<leaders>heads[\s-]+of[\s-]+state\s+council|council\s+of\s+(?:the\s+)?heads\s+of\s+state)"
                            rf"|(?P<premiers>heads[\s-]+of[\s-]+government\s+council|council\s+of\s+(?:the\s+)?heads\s+of\s+government))\b", re.I)
_FUTURE_WHICH = re.compile(r"[^.;,]{0,120},\s*which\s+(?:(?:is to be|will be|is due to be|is scheduled to be)\s+(?:held|convened)|"
                           rf"{WILL_TAKE_PLACE})\b", re.I)
_HELD_ON = re.compile(r"\b(?:held|convened|took place|taking place)\s+(?:on|in)\s*$", re.I)
_ADDRESSED = re.compile(r"\s+(?:at\b|before\b|to\s+(?:the\s+)?(?:reporters|journalists|press|media|forum|conference|audience|"
                        r"students|parliament|delegates|participants|plenary)\b)", re.I)
_BARE_PLURALS = {"summits", "meetings", "visits", "calls", "encounters"}
_HABITUAL = re.compile(r"\b(multiple|several|many|numerous|countless|some|\d+|two|three|four|five|six|seven|eight|nine|ten|dozens of) (?:(?:key|major|important|regular|previous|recent) )?(times|in-person meetings|meetings|calls|phone calls|conversations|rounds of talks)\b|\b(regularly|repeatedly|often|frequently)\b"
                       r"|\b(?:a decade|decades|years|a series|a string|a number|a history) of (?:meetings|talks|calls|contacts|summits)\b"
                       # "The meetings between X and Y get the headlines": all of them, not one
                       r"|\b(?:the|their) (?:[\w-]+ )?(?:meetings|calls|phone calls|conversations|encounters) (?:between|with)\b"
                       # "have been holding consultations for well over a decade", "the regular consultations between"
                       r"|\bfor (?:well )?(?:over |more than |nearly |almost )?(?:a decade|decades|years|\d+ years)\b"
                       r"|\bregular (?:[\w-]+ ){0,3}(?:consultations|meetings|contacts|calls|exchanges)\b", re.I)
_TIMES = r"twice|(?:two|three|four|five|six|\d) times"
_COUNTED_TIMES = re.compile(rf"\b(?:{_TIMES})\b", re.I)
# "twice last year, in May and again in December": an event told with more than one date
_REPEATED = re.compile(rf"\b(?:{_TIMES}|and again|as well as in|both in)\b")
_MEETING_VERBS = {"met", "meet", "meets", "meeting", "held", "hold", "holds", "received", "receive", "receives", "hosted", "sat",
                  "host", "spoke", "speak", "talked", "talk"}
# "the next day", "a day later", "two days later": counted from the last day the text gave
_COUNT = r"a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2}"
_DAYS_LATER = re.compile(rf"\b(?:the (next|following) day|({_COUNT}) days? (?:later|after that)|"
                         rf"(?P<weeks>{_COUNT}) weeks? (?:later|after that)|"
                         rf"(?P<months>{_COUNT}) months? (?:later|after that)|"
                         r"(?P<month>(?:later|earlier) (?:that|the same) month|(?:that|the) same month|before the month was out)|"
                         r"(?P<same>the same day|"
                         r"that (?:same )?(?:day|morning|afternoon|evening|night)|later in the day|in the (?:morning|afternoon|evening))|"
                         # "On the 11th the two presidents held talks": that day of the month told last
                         r"\bon the (?P<nth>[12]?\d|3[01])(?:st|nd|rd|th)(?!\s+(?:of\b|(?-i:[a-z]+)\b(?<!\bthe)(?<!\bthey)(?<!\bhe)(?<!\bshe)(?<!\bboth)(?<!\bwe))))\b",
                         re.I)
_ARRIVED_IN = re.compile(r"\b(?:arrived|landed|is|was|has been|had been|flew)\s+(?:[\w-]+\s+){0,2}?(?:in|into|to)\b")
_ASIDE = re.compile(r",\s*(?:who|which)\b[^,;]*,")
# "said Xi would", "said that the visit ...": a reporting verb followed by what was said
_SAID_THAT = re.compile(rf"\b(?:{REPORTED}|(?:{TOLD}) \w+)\s+(?:that\s+)?(?=[A-Z]|the\b|it\b|he\b|she\b|they\b)")
# the relative times whose year dates a month in their sentence: "last year", "this spring"
_YEAR_UNITS = {"year", "spring", "summer", "autumn", "fall", "winter"}
_OPENING = re.compile(r"\W*(?:(?:late|early|later|earlier)\s+)?(?:on|in)?\s*", re.I)
_VERB_FORMS = {"met", "meets", "meet", "flew", "flies", "held", "holds", "signs", "sign", "visits", "spoke", "speaks", "will", "is", "was"}
_RELATIVE_WORD = re.compile(r"\b(?:that|which|who|whom|whose|where|when)\b")
# when a series or a body began, or was joined: "a series that began in 1996", "Established at the
# initiative of Kazakhstan in 1992", "joined the East Asia Summit, together with X, in 2011"
_FOUNDED_IN = re.compile(r"(?:\b(?:that|which)\s+(?:began|started|was\s+launched|were\s+launched)|"
                         r"\b(?:was|were|been|is|are)\s+(?:set\s+up|established|founded|created|formed)|"
                         r"\b(?:[Ee]stablished|[Ff]ounded)(?:\s+at\s+the\s+initiative\s+of\s+[^,]{1,40}?)?|"
                         r"\bjoined\s+(?:the\s+)?[^,]{1,40}?(?:,[^,]{1,40},)?)\s+in\s*$")
# "addressed it", "spoke at the summit": taking part in a gathering (by video: no call of its own)
_TOOK_PART_IN = re.compile(r"\b(?:address(?:ed|es|ing)?|spoke\s+at|speaks\s+at|speaking\s+at|took\s+part\s+in|taking\s+part\s+in|"
                           r"participated\s+in|attended)\s+(?:it|them|the\s+[^,.;]{0,50}?)\s*$")
# a summit or forum word naming the body, not a gathering of it: "CICA is a multilateral forum",
# "membership of the East Asia Summit", "since the forum was set up"
_BODY_NOT_MEETING = re.compile(r"\b(?:(?:is|are)\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:multilateral|regional|intergovernmental|"
                               r"international|consultative|annual)|membership\s+(?:of|in)\s+(?:the\s+)?)\s+(?:[\w-]+\s+){0,2}$")
_BODY_SET_UP = re.compile(r"\s+(?:was|were|had\s+been|has\s+been)\s+(?:set\s+up|established|founded|created|formed)\b")
# "..., a day after X had held talks with Y", "The meeting came two days after X and Y met": the
# clause after it tells of an event that many days before the one told before it (told with a verb
# of these)
_DAYS_AFTER = re.compile(rf"(?:(?P<n>{_COUNT}|the)\s+days?|(?:only\s+|just\s+)?hours)\s+after\b", re.I)
_BEFORE_VERBS = {"met", "held", "had", "received", "hosted", "sat", "spoke", "talked", "signed", "visited", "called"}
# "A few weeks later, on": a day counted on from the one told before it
_LATER_ON = re.compile(r"\b(?:days|weeks|months)\s+later,?\s+(?:on\s+)?$", re.I)
_RELATIVE_AFTER = re.compile(r",\s*(?:who|whose|which)\b[^,;]*$")
# between a trigger and a relative clause, what makes the clause another's: a verb of another clause
# ("a plan to implement the Treaty, which ...", "a statement and adopted a plan, which ...")
_CLAUSE_BREAK = re.compile(r"\bto\s+(?!the\b|a\b|an\b|his\b|her\b|their\b|its\b)[a-z]+"
                           r"|\b(?:and|then)\s+[a-z]+ed\b|\bthat\b")
# a clause with a date of its own, up to that date: another event's day told in passing ("before the
# forum opens on", "after the summit closed on") or an earlier time ("since he was sworn in for a
# fifth term on")
_CLAUSE_OWN_DAY = re.compile(r"\b(?:(?:before|after|until|once|as)\s+(?:the|a|an|his|her|their|its)\s+(?:[\w-]+\s+){0,3}?"
                             r"(?:opens|opened|begins|began|starts|started|closes|closed|ends|ended|convenes|convened)"
                             r"\s+(?:on|in)\s+|since\b[^,;.]{3,90})$", re.I)
# "After X was replaced in January 2022, his successor flew ...": an opening clause of an earlier or later time
_OPENING_TIME_CLAUSE = re.compile(r"\W*(?:After|Before|Since|Until|Following)\b[^,;.]{3,90},")
CLAUSE_DISTANCE = 200  # characters a clause boundary between a date and a trigger counts for
# "met X on Wednesday, capping a two-day visit": the later event includes the earlier one's day
_LINKED = re.compile(r"\b(capping|concluding|wrapping up|ending|closing|during|in the course of|as part of|on the (?:first|second|last|final) day of|when|where|during which|at which)\b", re.I)
_WIRE_TAG = re.compile(r"\s*(?:/[A-Z][A-Za-z-]+/\.?\s*)+")  # "/TASS/. Relations between ..."
_DATED_THEY = re.compile(r"\s*(On|In|Last|Earlier,? on|Back in) [^,.;]{2,25}?,? (they|the two (leaders|presidents|sides|men))\b")
_ANOTHER_TIME = re.compile(r"\b(second|third|fourth|first|previous|last|another) time\b", re.I)
_DURING_THAT = re.compile(r"\b(during|on|in the course of|at the end of) (that|the|this|his|her|their) (visit|trip|tour|stay)\b", re.I)
# "the port that also hosts the annual forum", "a city that is home to the yearly fair": what a place is known for
_HOSTS_YEARLY = re.compile(r"\b(?:that|which|where)\s+(?:also\s+)?(?:hosts|is home to|plays host to)\s+(?:the\s+|a\s+|an\s+)?"
                           r"(?:annual|yearly|regular|biennial)\b[^,;.]*$", re.I)
_NEGATED = re.compile(r"\b(did not|didn't|does not|doesn't|will not|won't|would not|never|no longer|refused to|declined to|"
                      r"failed to|not to|cancell?ed|called off|postponed|scrapped|ruled out|"
                      r"no plans? (?:for|to)(?: \w+)?(?: \w+)? to|(?:declined|turned down|rejected) (?:an|the|a) invitation to)"
                      r"\s+(\w+\s+){0,2}$"
                      # "no further one-on-one meeting ... was planned", "no three-way talks"
                      r"|\bno\s+(?:(?:further|other|more|separate|bilateral|formal|official|one-on-one|face-to-face|"
                      r"three-way|trilateral|direct|new|such|additional|personal)\s+){0,3}$", re.I)
NARRATIVE_DAYS = 14  # an undated meeting inherits the day of the sentence before it only within this
_BE = {"be", "been", "being", "is", "are", "was", "were"}
_AIRPORT = re.compile(r"\b(at the airport|on arrival|upon arrival|at the station)\b", re.I)


_QUOTE = re.compile(r"[\"“][^\"“”]{12,}?[\"”]")


def _quotes(text: str, offset: int) -> list[tuple[int, int]]:
    """Where the quotations of a text are, as character offsets (plus ``offset``)."""
    first = re.search(r"[\"“”]", text)
    if first and (text[first.start()] == "”" or text[first.start()] == '"' and text.count('"') % 2 == 1
                  and text[first.start() - 1:first.start()] in (",", ".", "!", "?")):
        # the text begins inside a quotation ('"' went with the sentence before): up to its close
        rest = _quotes(text[first.end():], offset + first.end())
        return [(offset, offset + first.end())] + rest
    return [(offset + m.start(), offset + m.end()) for m in _QUOTE.finditer(text)]


class SentenceReader(AgreementReading, TravelReading, GatheringReading):
    """Reads the events of each sentence of one article."""

    def __init__(self, doc: Doc, gaz: Gazetteer, mentions: list[Mention], dates: list[DateExpr],
                 reference: Reference, article_id: str, country_of=None):
        self.doc, self.gaz, self.dates = doc, gaz, dates
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.date_starts = [d.start for d in dates]
        self.text = doc.user_data.get("text") or doc.text  # Doc.text joins every token: read it once
        self.starts, self.words, self.lowers = token_words(doc)
        self.ent_type = [""] * len(doc)
        for ent in doc.ents:
            self.ent_type[ent.start:ent.end] = [ent.label_] * (ent.end - ent.start)
        self.reference, self.article_id = reference, article_id
        self.kind_of = {m.key: m.kind for m in mentions}
        self.told: list[EventReport] = []  # the reports of the sentences read so far
        # set per clause by _read_span: the trigger offsets of the events it tells, and the dates
        # that belong to an event already told ("Monday's call")
        self.anchors: dict[int, str] = {}
        self.claimed: set[int] = set()
        self._clause_cache: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self._quote_cache: dict[tuple[int, int], list[tuple[int, int]]] = {}
        counts: dict[str, int] = {}
        for m in mentions:
            e = gaz.get(m.key)
            country = m.key if m.kind == "Country" else (e.represents if e is not None and m.kind == "Person" else None)
            if country and (gaz.get(country) is None or gaz[country].kind == "Country"):
                counts[country] = counts.get(country, 0) + 1
        # a transcript: "President of Russia Vladimir Putin: Good afternoon ..." - the talks are between its speakers
        speakers = []
        for m in mentions:
            if m.kind == "Person" and self.text[m.end:m.end + 1] == ":" and m.key not in speakers:
                line_start = self.text.rfind("\n", 0, m.start) + 1
                if m.start - line_start <= 60:
                    speakers.append(m.key)
        self.speakers = speakers if len({gaz[k].represents if gaz.get(k) else k for k in speakers}) >= 2 else []
        self.country_of = country_of or (lambda key: gaz[key].represents if gaz.get(key) is not None else None)
        # the article's two main countries: the parties of an agreement it names no parties for
        self.main_countries = sorted(counts, key=lambda k: (-counts[k], k))[:2]
        orgs: dict[str, int] = {}
        for m in mentions:
            e = gaz.get(m.key)
            if m.kind == "Organization" and e is not None and e.subkind == "intergovernmental":
                orgs[m.key] = orgs.get(m.key, 0) + 1
        self.main_org = max(sorted(orgs), key=lambda k: orgs[k]) if orgs else None

    def read(self, sent: Span, triggers: list[tuple[str, int, int]]) -> list[EventReport]:
        """``triggers``: (class, first token, end token) matched in the sentence."""
        # "the Chinese People's Political Consultative Conference": a body's name, no gathering;
        # "addressed the summit by video": how one took part in a gathering, no call
        triggers = [t for t in triggers if not (self.words[t[1]] == "Conference" and self.ent_type[t[1]] == "ORG")
                    and not (t[0] == "VideoConference" and _TOOK_PART_IN.search(
                        self.text, max(sent.start_char, self.starts[t[1]] - 70), self.starts[t[1]]))]
        if not triggers:
            return []
        # "Last year, A and B had such a conversation on December 15, and on December 30, A called C":
        # when one family's triggers fall in different clauses, each clause is read on its own
        clauses = self._clauses(sent)
        families: dict[str, set] = {}
        for kind, s, e in triggers:
            families.setdefault(EVENT_FAMILY[kind], set()).add(self._clause_of(clauses, s))
        if any(len(c) > 1 for c in families.values()):
            out = []
            for c_start, c_end in clauses:
                trigs = [t for t in triggers if c_start <= t[1] < c_end]
                if trigs:
                    got = self._read_span(sent, self.doc[c_start:c_end], trigs)
                    self._days_before(got, self._days_after(c_start), out)
                    out.extend(got)
        else:
            out = self._read_span(sent, sent, triggers)
        self.told.extend(out)
        return out

    def _days_after(self, i: int) -> int | None:
        """How many days the clause that opens at token ``i`` with "a day after", "two days after",
        "hours after" goes back; None where it opens otherwise."""
        m = _DAYS_AFTER.match(self.text, self.starts[i]) if i < len(self.starts) else None
        if not m:
            return None
        return 0 if m.group("n") is None else 1 if m.group("n").lower() == "the" else count_of(m.group("n"))

    def _days_before(self, reports: list[EventReport], n: int | None, before: list[EventReport]) -> None:
        """Date the undated reports of a clause that goes back ``n`` days by the day of the event told
        just before it ("received X on 5 May, a day after X had held talks with Y": 4 May)."""
        last = next((r for r in reversed(self.told + before) if r.date), None)  # ("The meeting came ...": told)
        if n is None or last is None or len(last.date) != 10:
            return
        for r in reports:
            if r.date is None:
                r.date = (_date.fromisoformat(last.date) - timedelta(days=n)).isoformat()
                r.date_weak = last.date_weak

    def _also(self, report: EventReport, span: Span) -> None:
        """'Shoigu also met Vice President Han Zheng': the same occasion as the talks just told with
        one of the same people, so the same day and place."""
        if report.date or not re.search(r"\balso\b", self._str(span)):
            return
        earlier = next((r for r in reversed(self.told) if EVENT_FAMILY.get(r.kind) == "Meeting" and r.date
                        and set(r.participants) & set(report.participants)), None)
        if earlier is not None:
            report.date, report.date_weak = earlier.date, earlier.date_weak
            report.location = report.location or earlier.location

    def read_ellipsis(self, sent: Span) -> list[EventReport]:
        """Another event of the kind just told, on the date this sentence gives: 'The first took place
        on February 25'; or, after '... the second time in six weeks that the two presidents had
        appeared together by video.', the sentence 'On May 19 they jointly launched ...'."""
        text = self._str(sent)
        if not _ELLIPSIS.match(text) and not (_DATED_THEY.match(text) and _ANOTHER_TIME.search(self._previous_sentence(sent))):
            return []
        d = self._date(sent, sent, sent.start, False)
        if d is None:
            return []
        evidence, start, end = self._evidence(sent)
        return [EventReport(article=self.article_id, kind="Meeting", participants=[], evidence=evidence,
                            start=start, end=end, date=d.value, date_weak=d.weak,
                            label="ellipsis", confidence=0.5,
                            reported=self.reference.date.isoformat() if self.reference.date else None)]

    def _quotes(self, span: Span) -> list[tuple[int, int]]:
        """The quotations of a span, as character offsets (worked out once per span)."""
        key = (span.start_char, span.end_char)
        if key not in self._quote_cache:
            self._quote_cache[key] = _quotes(self._str(span), span.start_char)
        return self._quote_cache[key]

    def _clauses(self, sent: Span) -> list[tuple[int, int]]:
        """The sentence's clauses as token ranges (worked out once per sentence: dates ask often)."""
        key = (sent.start, sent.end)
        if key not in self._clause_cache:
            self._clause_cache[key] = self._cut_clauses(sent)
        return self._clause_cache[key]

    def _cut_clauses(self, sent: Span) -> list[tuple[int, int]]:
        cuts = [sent.start]
        texts, lowers = self.words, self.lowers
        for i in range(sent.start + 1, sent.end):
            if texts[i] == ";" or (lowers[i] in ("and", "while", "whereas", "but") and texts[i - 1] == ",") \
                    or (lowers[i] == "and" and self._verb_follows(i + 1)) \
                    or (lowers[i] == "and" and self._own_subject_follows(i + 1, sent.start)) \
                    or (lowers[i] == "followed" and texts[i - 1] == "," and i + 1 < sent.end and lowers[i + 1] == "by") \
                    or (i - sent.start > 2 and self._days_after(i) is not None
                        and any(w in _BEFORE_VERBS for w in lowers[i + 3:min(i + 12, sent.end)])):
                cuts.append(i)
        cuts.append(sent.end)
        return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]

    def _verb_follows(self, i: int) -> bool:
        """'... and is expected to meet X', '... and met X': a second predicate with its own event."""
        words = self.lowers[i:i + 5]
        return bool(words) and (words[0] in _MEETING_VERBS or any(w in _MEETING_VERBS for w in words[1:4])
                                and words[0] in ("is", "was", "will", "would", "also", "then", "later", "are", "were", "has", "had"))

    def _own_subject_follows(self, i: int, start: int) -> bool:
        """'He had talks with Lavrov and Putin received him at the Kremlin': after talks already told,
        a person who then meets someone (a pronoun or a name) is a clause of its own (not 'Lavrov and
        Wang met Kim', nor 'talks with Lavrov and Wang')."""
        j = i
        while j < len(self.ent_type) and self.ent_type[j] == "PERSON" and j - i < 4:
            j += 1
        if j == i or j + 1 >= len(self.lowers) or self.lowers[j] not in _MEETING_VERBS:
            return False
        obj = self.lowers[j + 1] in ("him", "her", "them") or self.ent_type[j + 1] == "PERSON"
        told = any(self.lowers[k] in _MEETING_VERBS or self.lowers[k] in ("talks", "visit", "trip") for k in range(start, i - 1))
        return obj and told

    @staticmethod
    def _clause_of(clauses, tok: int) -> int:
        return next(i for i, (a, b) in enumerate(clauses) if a <= tok < b)

    def _read_span(self, sent: Span, span: Span, triggers: list[tuple[str, int, int]]) -> list[EventReport]:
        ments = self._ments_in(span.start_char, span.end_char)
        # "invited X to Moscow", "invited X to visit China" tells of a trip only with the place it names
        # (not "invited Chinese companies to help develop the Northern Sea Route")
        triggers = [t for t in triggers if self.doc[t[1]].lower_ not in ("invited", "invites", "invite")
                    or any(m.kind in ("Place", "Country") and 0 < m.token - t[1] <= 8
                           and self.lowers[m.token - 1 - (self.lowers[m.token - 1] == "the")] in ("to", "visit") for m in ments)]
        # "met visiting Mongolian Prime Minister X": a word about X, not a trip told ("visiting China" is one)
        triggers = [t for t in triggers if not self._visiting_adjective(t[1])]
        if not triggers or self.text[sent.start_char:sent.end_char].rstrip().endswith("?"):
            return []  # "When will Putin and Xi meet again?": asked, not told
        text = self._str(span)
        for a, b in self._quotes(span):  # a quotation's "will" is the quotation's, unless an event is told in it
            if not any(a <= self.starts[t[1]] < b for t in triggers):
                a, b = a - span.start_char, b - span.start_char
                text = text[:a] + " " * (b - a) + text[b:]
        planned = bool(_PLANNED.search(text))
        by_family: dict[str, list[tuple[str, int, int]]] = {}
        for kind, s, e in triggers:
            by_family.setdefault(EVENT_FAMILY[kind], []).append((kind, s, e))
        # "Putin-Xi summit": a summit without an international organization is a meeting
        summits = []
        retold: set[int] = set()  # triggers of a gathering already told ("the forum")
        summit_trigs = by_family.pop("Summit", [])
        for kind, s, e in summit_trigs:
            if _BODY_NOT_MEETING.search(self.text, max(span.start_char, self.starts[s] - 60), self.starts[s]) \
                    or _BODY_SET_UP.match(self.text, self.starts[e - 1] + len(self.doc[e - 1])):
                continue  # "CICA is a multilateral forum", "joined the East Asia Summit": the body, no gathering
            what, bilateral, again = self._gathering(span, s, e, ments, summit_trigs)
            if again:
                retold.add(s)
            if what:
                summits.append((kind, s, e, what))
            elif bilateral:
                by_family.setdefault("Meeting", []).append(("Meeting", s, e))
        # "the meeting of SCO defence ministers", "the Council of Foreign Ministers of the SCO meets": an
        # organization's ministers gathered, a summit of theirs
        for t in list(by_family.get("Meeting", [])):
            sector = self._ministers_of(span, t[1], ments)
            if sector and self.lowers[t[1]] == "council" and any(0 < t[1] - x[2] <= 8 and x[3] == sector for x in summits):
                by_family["Meeting"].remove(t)  # "the meeting of the Council of ...": the meeting told already
            elif sector:
                # "will meet by video", "the council, which is to be held by video link": the gathering's
                # form, not talks of their own (unless other talks are told in between)
                others = [x for x in by_family["Meeting"] if x != t and x[0] not in REMOTE_KINDS]
                by_family["Meeting"] = [x for x in by_family["Meeting"] if x != t and not (
                    x[0] in REMOTE_KINDS and x[1] >= t[2] and not any(t[2] <= y[1] < x[1] for y in others))]
                summits.append(("Summit", t[1], t[2], sector))
            elif self.lowers[t[1]] == "council":
                by_family["Meeting"].remove(t)  # "the State Council": no gathering of an organization's ministers
        if "Meeting" in by_family and not by_family["Meeting"]:
            del by_family["Meeting"]
        # "on the sidelines of the ASEAN foreign ministers' meeting": a multilateral gathering
        side = re.search(r"\b(sidelines|margins) of\b", self._str(span))
        if side and not summits:
            start_char = span.start_char + side.end()
            org = next((m.key for m in ments if m.kind == "Organization" and m.start >= start_char and m.start - start_char < 40
                        and self.gaz.get(m.key) is not None and self.gaz[m.key].subkind == "intergovernmental"), None)
            gathering = next((t for t in by_family.get("Meeting", []) if self.doc[t[1]].idx > start_char
                              and self.doc[t[1]].lower_ in ("meeting", "meetings", "talks", "session", "conference")), None)
            if org and gathering:
                by_family["Meeting"].remove(gathering)
                if not by_family["Meeting"]:
                    del by_family["Meeting"]
                summits.append(("Summit", gathering[1], gathering[2], org))
            elif org:
                # "on the sidelines of APEC in Da Nang": the organization's gathering, named by it alone
                at = next(m for m in ments if m.key == org and m.start >= start_char)
                if re.fullmatch(r"\s*(?:the\s+)?", self.text[start_char:at.start]) and "Summit" not in by_family:
                    summits.append(("Summit", at.token, at.token + 1, org))
        # dates that name an anaphor's event ("Monday's call") are not this clause's
        anaphors = {ts for _, ts, _ in triggers if self._anaphoric(span, [(None, ts, ts + 1)])}
        self.claimed = {d.start for d in self._dates_in(span.start_char, span.end_char)
                        if any(0 <= self.starts[ts] - d.end <= 3 for ts in anaphors)}
        # "Shoigu's trip, which began on Monday, follows ...": the relative clause dates that trip
        for _, ts, te in triggers:
            if self.words[ts - 1] in ("'s", "’s") or ts in anaphors:
                end = self.starts[te - 1] + len(self.words[te - 1])
                rel = re.match(r",\s*(which|that)\b[^,]*,", self.text[end:span.end_char])
                if rel:
                    self.claimed |= {d.start for d in self._dates_in(end, end + rel.end())}
        # one anchor per event this clause tells: a date after another event's trigger is that event's
        # (a meeting on the sidelines of a summit shares the summit's date, so summits do not claim dates)
        own = {fam: [t for t in ts if not self._anaphoric(span, [t])
                     and not (fam == "Visit" and self.words[t[1] - 1] in ("'s", "’s"))]  # "Mishustin's trip continues..."
               for fam, ts in by_family.items()}
        self.anchors = {self.doc[t[1]].idx: fam for fam, ts in own.items() for t in ts}
        out: list[EventReport] = []
        for _, s, _, org in summits:
            if not self._not_held(span, s):
                out.append(self._summit(sent, span, s, org, ments))
                out[-1].anaphoric = out[-1].anaphoric or s in retold
        for family, trigs in by_family.items():
            if family == "Agreement":
                out.extend(self._agreements(sent, span, trigs, ments))
                continue
            # "The call came days after X met Y": the anaphor is not this sentence's event
            own = [t for t in trigs if not self._anaphoric(span, [t])]
            if family == "Visit" and len(own) > 1:
                # "Shoigu's trip ... follows a visit to Moscow by Wang": the possessive names a trip
                # already told; the other is this clause's
                told = [t for t in own if self.words[t[1] - 1] in ("'s", "’s")]
                own = [t for t in own if t not in told] or own
            anaphoric = not own
            trigs = own or trigs
            kinds = {k for k, _, _ in trigs}
            kind = next((k for k in ("StateVisit", "VideoConference", "PhoneCall", "Visit", "Meeting") if k in kinds))
            words = {self.lowers[k] for _, s, e in trigs for k in range(s, e)} | {self._compound(s) for _, s, _ in trigs}
            # "X and Y talked for four hours in the Kremlin on the first day of a visit" (not "talked about")
            talked = any(self.doc[s].lower_ in ("talked", "conferred") and s + 1 < len(self.doc)
                         and self.doc[s + 1].lower_ not in ("about", "of", "up", "over") for _, s, _ in trigs)
            if family == "Meeting" and kind == "Meeting" and "Visit" in by_family and not talked \
                    and not words & (_IN_PERSON | {"talks", "negotiations"}):
                continue
            if family == "Meeting" and not words - {"met", "meet", "meets"} and (
                    _AIRPORT.search(self._str(span)) or all(self.doc[t[1] - 1].lower_ in _BE for t in trigs)):
                continue  # "was met at the airport", "the target would be met": not talks
            if family == "Meeting" and all(self.lowers[t[1]] in ("spoke", "speak", "speaks", "speaking") for t in trigs) \
                    and _ADDRESSED.match(self.text, self.starts[trigs[0][1]] + len(self.words[trigs[0][1]]), span.end_char):
                continue  # "is due to speak at the forum's plenary session", "spoke to reporters": an address
            if family == "Meeting" and all(self.lowers[t[1]] in ("spoke", "speak", "speaks", "speaking", "talked") for t in trigs) \
                    and all(t[1] + 1 < span.end and self.lowers[t[1] + 1] in ("of", "about") for t in trigs) \
                    and len({m.key for m in ments if m.kind == "Person" and span.start <= m.token < trigs[0][1]
                             and not self._clause_between(m.start, self.starts[trigs[0][1]], sent)}) < 2:
                continue  # "Ushakov spoke of a US policy of containment": he said, not talks ("X and Y spoke about" are)
            if family == "Meeting" and all(self.lowers[t[1]] in ("called", "calls", "call", "calling") for t in trigs) \
                    and _URGED.match(self.text, self.starts[trigs[0][2] - 1] + 2, span.end_char):
                continue  # "called on both sides to show restraint": urged, did not call on them
            # "Han's talks are meant to prepare the regular meeting between X and Y": the event the clause
            # tells of is not the one named with a possessive
            own = [s for _, s, _ in trigs if self.words[s - 1] not in ("'s", "’s")]
            anchor = min(own or [s for _, s, _ in trigs])
            if family == "Visit" and not own and not any(m.kind == "Person" and m.end == self.starts[anchor - 1]
                                                         for m in ments) and self.words[anchor - 2][:1].isupper():
                continue  # "Nancy Pelosi's visit to Taiwan": the trip of someone not known to be a person here
            if self._not_held(span, anchor):
                continue
            if family == "Meeting" and _HABITUAL.search(self._str(span)) and not self._dates_listed(span, anchor):
                continue  # "spoke over the phone multiple times", "two in-person meetings": not one event
            if family == "Meeting" and all(self._bare_plural(t[1], t[2]) for t in trigs) \
                    and not self._dates_in(span.start_char, span.end_char):
                continue  # "Summits between X and Y produce the photographs": such events in general
            # a person named after another kind of event's trigger belongs to that event
            later = [t[1] for fam, ts in by_family.items() if fam != family for t in ts if t[1] > anchor]
            later += [t[1] for t in summits if t[1] > anchor] if family != "Summit" else []
            # "met X, who is in China for an official visit, at the Great Hall": the relative clause
            # tells of the visit and its place; the talks go on after it
            asides = self._asides(span)
            inside = next(((a, b) for a, b in asides if a <= anchor < b), None)
            later = [t for t in later if inside is not None or not any(a <= t < b for a, b in asides)]
            cut = min(later) if later else span.end
            if inside is not None:
                cut = min(cut, inside[1])
            earlier = [t[2] for fam, ts in by_family.items() if fam != family for t in ts if t[2] <= anchor]
            begin = max(earlier) if earlier else span.start
            mine = [m for m in ments if begin <= m.token < cut and not self._excluded_person(m) and not self._modifies(m, later)
                    and not (inside is None and m.kind in ("Place", "Country", "Person") and any(a <= m.token < b for a, b in asides))]
            quotes = [(a, b) for a, b in self._quotes(span) if not a <= self.starts[anchor] < b]
            if quotes:  # '"President X will come," Y said as Z received him': X is only talked of
                mine = [m for m in mine if not any(a <= m.start < b for a, b in quotes)]
            between = self._between(trigs, ments) if family == "Meeting" else []
            if between:  # "..., Miller said, after talks between Presidents X and Y": those two
                keys = {m.key for m in between}
                mine = [m for m in mine if m.kind != "Person" or m.key in keys]
            elif family == "Meeting" and not any(m.kind == "Person" and m.token < anchor for m in mine):
                # "X visited Beijing in May ... and met his counterpart Y": the sentence's subject met Y;
                # after "when he held talks ...", the one that pronoun names
                before = [m for m in self._ments_in(sent.start_char, self.starts[anchor]) if m.kind == "Person"
                          and not self._excluded_person(m)]
                pronouns = [m for m in before if m.via == "pronoun" and m.start < span.start_char]
                if pronouns:  # "they": every person the pronoun names
                    subjects = [m for m in pronouns if m.start == pronouns[-1].start]
                else:  # "X and Y spoke on ..., and met ...", "the two leaders ...": the whole subject
                    subjects = [m for m in before if m.start == before[0].start]
                    for m in before[len(subjects):]:
                        if not _COORDINATION.fullmatch(self.text[subjects[-1].end:m.start]):
                            break
                        subjects.append(m)
                if not before and anchor - sent.start <= 1 and self.lowers[sent.start].endswith("ing"):
                    # "Sitting down with X in April, Y said ...": Y, the subject after the opening phrase
                    comma = self.text.find(",", self.starts[anchor], sent.end_char)
                    subjects = [m for m in self._ments_in(comma, sent.end_char) if m.kind == "Person"][:1] if comma > 0 else []
                have = {m.key for m in mine}
                mine = [m for m in subjects if m.key not in have] + mine
            said = self._said_after(span, anchor)
            if said is not None:  # "..., where the Russian leader said Xi would be the main guest": talked of
                mine = [m for m in mine if m.start < said]
            report = self._report(kind, sent, span, anchor, mine)
            report.anaphoric = anaphoric
            if family == "Meeting":
                self._meeting(report, span, words, by_family)
                self._also(report, span)
                if report.location is None and report.mode != "remote" and inside is None:
                    report.location = self._arrived_aside(span, anchor, ments, asides)
                if not any(self.kind_of.get(p) == "Person" for p in report.participants) and UNNAMED_TALKS.match(self._str(sent)):
                    report.participants = self._pair_before(sent) or report.participants
            elif family == "Visit":
                self._visit(report, span, trigs, [m for m in ments if m.token < cut and not self._excluded_person(m)])
                invited = any(self.doc[s].lower_ in ("invited", "invites", "invite") for _, s, _ in trigs)
                possessive = self.doc[anchor - 1].text in ("'s", "’s") or self.doc[anchor - 1].lower_ in ("his", "her", "their")
                during = bool(_DURING_THAT.search(self._str(span))) and not (
                    report.location and re.search(r"\b(?:visit|trip) (?:of|by)\b", self._str(span)))  # "during the visit of X to Y"  # "During that visit, they visited Harbin"
                if anaphoric or during or (report.location is None and not invited and (report.date is None or possessive)):
                    report.anaphoric = True
            # "the telephone conversations of March 19 and April 16": the trigger's last word, dates after it
            last = next((e - 1 for _, _, e in trigs if self.lowers[e - 1] in _PLURAL_TALKS and self._date_right_after(e)), anchor)
            each = self._each_date(report, span, last, planned)
            if family == "Meeting" and anaphoric and self.lowers[last] in _PLURAL_TALKS and len(each) > 1:
                # "the telephone conversations of March 19 and April 16": earlier ones of the kind just told
                for r in each:
                    r.anaphoric, r.label, r.participants = False, "ellipsis", []
            if family == "Meeting" and len(each) == 1 and self.lowers[anchor - 1] == "separate":
                each = self._separately(report, span, anchor, mine)
            out.extend(each)
        return out

    def _separately(self, report: EventReport, span: Span, anchor: int, mine: list[Mention]) -> list[EventReport]:
        """"held separate meetings with Wu Bangguo, ..., and with Premier Wen Jiabao": one meeting with
        each "with", the same subject at both."""
        withs = [k for k in range(anchor + 1, span.end) if self.lowers[k] == "with"]
        people = [m for m in mine if m.kind == "Person"]
        subject = [m.key for m in people if m.token < anchor]
        groups = [[m.key for m in people if a < m.token < b] for a, b in zip(withs, withs[1:] + [span.end])]
        groups = [g[:1] for g in groups if g]  # the first person named after each "with" (not the one in an aside)
        if not subject or len(groups) < 2:
            return [report]
        return [replace(report, participants=_dedupe(subject + g)) for g in groups]

    def _ministers_of(self, span: Span, t: int, ments: list[Mention]) -> tuple[str, str | None] | None:
        """(organization, "foreign ministers'") when the meeting word at token ``t`` is a meeting of an
        international organization's ministers: "the meeting of SCO defence ministers", "the SCO
        foreign ministers' meeting", "the Council of Foreign Ministers of the SCO meets" ("heads of
        government'" for its council of premiers); (organization, None) for its council of heads of
        state ("the meeting of the SCO Heads of State Council"), that is its summit."""
        if self.lowers[t] not in ("meeting", "meetings", "meets", "met", "meet", "session", "conference", "council"):
            return None
        at = self.starts[t]
        window = (max(span.start_char, at - 70), min(span.end_char, at + 120))
        near = self.text[window[0]:window[1]]
        m = _MINISTERS_MET.search(near)
        if m is None or not (window[0] + m.start() - 40 <= at <= window[0] + m.end() + 45):
            return None
        if self.lowers[t] in ("meets", "met", "meet") and not (window[0] + m.end() <= at and "," not in self.text[window[0] + m.end():at]):
            return None  # the ministers are the subject: "SCO foreign ministers met" (not "X and Y, both ministers, met")
        org = next((x.key for x in ments if x.kind == "Organization" and window[0] <= x.start < window[1]
                    and self.gaz.get(x.key) is not None and self.gaz[x.key].subkind == "intergovernmental"), None)
        if org is None:
            return None
        if m.group("leaders"):
            return org, None  # its heads of state: its summit
        if m.group("premiers"):
            return org, "heads of government'"
        return org, f"{(m.group('sector') or m.group('sector2')).lower()} ministers'"

    def _not_held(self, span: Span, anchor: int) -> bool:
        """An event the clause says did not or may never happen: "Putin did not travel to Brazil",
        "the talks were called off", "no date was set for the talks", "a summit ... for which no date
        has been fixed"; or one that only describes a place: "the port that also hosts the annual
        Eastern Economic Forum"."""
        at = self.starts[anchor]
        return bool(_NEGATED.search(self.text[max(span.start_char, at - 40):at])
                    or _HOSTS_YEARLY.search(self.text[max(span.start_char, at - 80):at])
                    or _NO_DATE_FOR.search(self.text[max(span.start_char, at - 100):at])
                    or _NO_DATE_AFTER.match(self.text, at, span.end_char))

    def _compound(self, i: int) -> str:
        """The hyphenated word token ``i`` begins ("three-way", "face-to-face"), lower-cased."""
        m = re.match(r"[\w-]+", self.text[self.starts[i]:self.starts[i] + 40])
        return m.group(0).lower() if m else self.lowers[i]

    def _between(self, trigs, ments: list[Mention]) -> list[Mention]:
        """The people a 'talks between X and Y' names: the trigger's own sides."""
        for _, _, e in trigs:
            end = self.starts[e - 1] + len(self.words[e - 1])
            m = re.match(r"\s+between\s+", self.text[end:end + 12])
            if not m:
                continue
            people = [x for x in ments if x.kind == "Person" and x.start >= end + m.end()]
            if not people or people[0].start - (end + m.end()) > 40:
                return []
            out = [people[0]]
            for x in people[1:]:
                if x.start == out[-1].start or _COORDINATION.fullmatch(self.text[out[-1].end:x.start]):
                    out.append(x)
                else:
                    break
            return out if len({x.key for x in out}) >= 2 else []
        return []

    def _modifies(self, m: Mention, triggers: list[int]) -> bool:
        """'Putin visit', "Putin's trip": a name that modifies another event's trigger."""
        j = next((t.i for t in self.doc[m.token:] if t.idx >= m.end), None)
        if j is None:
            return False
        if self.doc[j].text in ("'s", "’s"):
            j += 1
        elif j < len(self.doc) and (self.doc[j].lower_.endswith("ed") or self.doc[j].lower_ in _VERB_FORMS):
            return False  # "he and Putin signed a joint statement": the subject of that verb, not a modifier
        return j in triggers

    def _evidence(self, sent: Span) -> tuple[str, int, int]:
        """The sentence as evidence, with its offsets: surrounding space and a wire tag ('/TASS/.') cut off."""
        raw = self._str(sent)
        lead = _WIRE_TAG.match(raw)
        cut = lead.end() if lead else len(raw) - len(raw.lstrip())
        body = raw[cut:].rstrip()
        return body, sent.start_char + cut, sent.start_char + cut + len(body)

    def _ments_in(self, start: int, end: int) -> list[Mention]:
        """The mentions that start between two character offsets (found by bisection)."""
        return self.mentions[bisect_left(self.mention_starts, start):bisect_left(self.mention_starts, end)]

    def _dates_in(self, start: int, end: int) -> list[DateExpr]:
        return self.dates[bisect_left(self.date_starts, start):bisect_left(self.date_starts, end)]

    def _str(self, span: Span) -> str:
        """A span's text, cut from the article text (Span.text rebuilds it token by token)."""
        return self.text[span.start_char:span.end_char]

    def _excluded_person(self, m: Mention) -> bool:
        """'a message from Vladimir Putin', 'greetings to X': named, but not taking part."""
        before = self.text[max(0, m.start - 40):m.start].lower()
        if _REPORTING.match(self.text, m.end) and _REPORTER_BEFORE.search(self.text[max(0, m.start - 40):m.start]):
            # '"... will be held in Beijing," Zakharova told a briefing.', '..., Kremlin aide Yuri Ushakov told
            # reporters.': who tells of the event at the end of the sentence, not who takes part in it
            return True
        if _TOLD_THE_PRESS.match(self.text, m.end):
            return True  # "Kremlin aide Yuri Ushakov told reporters that Putin would ...": he tells of it
        if _RELATION_OR_MESSAGE.match(self.text[m.end:m.end + 40]):
            return True  # "Xi's special envoy", "conveyed Xi's congratulations", "Zhao's predecessor, Li": Xi is not there
        return bool(re.search(r"\b(message|letter|greetings|wishes|regards) (from|to)\s+$|\bfrom\s+$|\bon behalf of\s+$"
                              r"|\binvitation of\s+(\w+\s+){0,6}$|\binvited by\s+(\w+\s+){0,6}$|\brepresenting\s+$"
                              r"|\b(standing in|stood in|deputising|deputizing) for\s+$"
                              r"|\baccording to\s+([\w-]+\s+){0,3}$"
                              r"|,\s*(?:chaired|headed|run|founded|owned) by\s+$", before))  # "CNPC, chaired by X,"

    def _bare_plural(self, s: int, e: int) -> bool:
        """A plural event noun opening its sentence (or what follows a colon or dash), with nothing
        before it that picks some out ("Summits between ...", not "Their summits", "Two meetings")."""
        return self.lowers[e - 1] in _BARE_PLURALS and (
            s == sentence_of(self.doc, s).start or self.words[s - 1] in (":", "—", "–", '"', "“"))

    def _dates_listed(self, span: Span, anchor: int) -> bool:
        """"spoke three times: in March, on 16 April and on 8 May": talks counted and then dated one by one."""
        text = self._str(span)
        count = _COUNTED_TIMES.search(text)
        return bool(count) and not _HABITUAL.search(text[:count.start()] + text[count.end():]) \
            and bool(self._listed_dates(span, anchor, False))

    def _each_date(self, report: EventReport, span: Span, last: int, planned: bool) -> list[EventReport]:
        """One event per date the clause lists (``_listed_dates``), else the report as it is."""
        return [replace(report, date=v) for v in self._listed_dates(span, last, planned)] or [report]

    def _listed_dates(self, span: Span, last: int, planned: bool) -> list[str]:
        """The two or more dates of an event told more than once: 'travelled to China twice last year, in
        May and again in December', 'the conversations of March 19 and April 16' (``last``: the
        trigger's last word); [] when the clause tells it once."""
        if not _REPEATED.search(self._str(span)) and not (
                self.lowers[last] in _PLURAL_TALKS and self._date_right_after(last + 1)):
            return []
        values = []
        for d in self.dates:
            if span.start_char <= d.start < span.end_char and d.kind in ("m", "md", "dm", "my", "mdy", "dmy", "mry", "dmry") and not self._excluded(d):
                r = self._with_year_context(d, span, planned)
                if r is not None and r.value not in values:
                    values.append(r.value)
        return values if len(values) >= 2 else []

    def _meeting(self, report: EventReport, span: Span, words: set, by_family: dict) -> None:
        people = {p for p in report.participants if self.kind_of.get(p) == "Person"}
        retold = any(EVENT_FAMILY.get(t.kind) == "Meeting" and t.date and set(t.participants) >= people for t in self.told)
        if report.date is None and not report.anaphoric and words & _IN_PERSON and not report.planned and not retold:
            # (not talks already told with their day: "X received Y in Beijing on Tuesday. Y flew in on
            # Monday. X received him at the Great Hall." is Tuesday's)
            sent = sentence_of(self.doc, span.start)
            day, place = self._narrative(sent)
            if day is not None:
                report.date, report.date_weak = day.value, day.weak
                report.location = report.location or place
        if report.date is None and not report.anaphoric and not report.planned:
            self._told_just_before(report, sentence_of(self.doc, span.start), people)
        if report.kind in REMOTE_KINDS:
            report.mode, report.location = "remote", None
        elif words & _IN_PERSON or re.search(r"\bin person\b", self._str(span), re.I) or "Visit" in by_family or report.location:
            report.mode = "in_person"
        people = [p for p in report.participants if self.kind_of.get(p) == "Person"]
        if len(people) < 2 and self.speakers:
            people = _dedupe(people + self.speakers)
        if people:
            report.participants = people
        if re.search(r"\bsuch an? (conversation|call|talks|meeting)\b", self._str(span), re.I):
            report.label = "such"
        elif words & {"trilateral", "three-way"} or re.search(r"\b(trilateral|three-way|four-way|multilateral)\b", self._str(span), re.I):
            report.label = "trilateral meeting"

    # ---- parts
    def _anaphoric(self, sent: Span, trigs) -> bool:
        """'the call', 'that encounter', 'the Kremlin meeting', "Monday's call": an event already told."""
        for _, s, e in trigs:
            j = s - 1
            # names and kind words may stand between the article and the noun: 'the Kremlin meeting'
            lowers, ent_type = self.lowers, self.ent_type
            while j > sent.start and (ent_type[j] in ("PLACE", "ORG", "COUNTRY", "NORP") or lowers[j] in ("video", "phone", "telephone", "two-day", "one-day")):
                j -= 1
            prev = lowers[j] if j >= sent.start else ""
            if prev in ("'s", "’s") and j - 1 >= sent.start and lowers[j - 1] in _DAY_WORDS:
                prev = "the"  # "Monday's call", "yesterday's talks"
            if prev in ("the", "this", "that", "their", "his", "her", "its", "such", "today's", "monday's", "tuesday's", "wednesday's",
                        "thursday's", "friday's", "saturday's", "sunday's", "yesterday's"):
                if prev in ("their", "his", "her", "its") and e < sent.end and (
                        self._date_right_after(e) or lowers[e] in ("in", "at") and e + 1 < sent.end and self.ent_type[e + 1] == "PLACE"):
                    return False  # 'their call in March', 'their meeting in Astana': named there, not the one already told
                if prev == "their" and len({m.key for m in self._ments_in(sent.start_char, self.starts[j])
                                            if m.kind == "Person" and m.via != "pronoun"}) >= 2:
                    return False  # 'X and Y have begun their talks': theirs, told here
                if prev == "the" and e < sent.end and lowers[e] in ("of", "by", "between") \
                        and any(self.ent_type[k] == "PERSON" for k in range(e + 1, min(sent.end, e + 6))):
                    return False  # 'the visit of Prime Minister X to Beijing', 'the talks between X and Y': told there
                continue
            return False
        return True

    def _date_right_after(self, e: int) -> bool:
        c = self.doc[e - 1].idx + len(self.doc[e - 1].text)
        return any(0 <= d.start - c <= 6 for d in self._dates_in(c, c + 7))

    def _date(self, sent: Span, span: Span, anchor: int, planned: bool, family: str | None = None):
        """The date nearest the trigger in its clause; a year the sentence gives ("Last year, ...")
        dates a month-day that has none."""
        trig_char = self.doc[anchor].idx
        in_sent = self._dates_in(sent.start_char, sent.end_char)
        best, best_dist = None, None
        said = self._said_after(span, anchor)
        anchors_chars = [c for c, fam in self.anchors.items() if fam != family]
        opening = self._opening_clause_end(sent)
        for d in in_sent:
            if not (span.start_char <= d.start < span.end_char) or self._excluded(d):
                continue
            if d.kind == "rel" and d.text[:4].lower() == "the ":
                ref = self._narrative_reference(d)
            elif d.kind in ("mry", "dmry") and d.get("rel").lower() in ("that", "the same"):
                ref = self._narrative_year(d)
            else:
                ref = self.reference
            later = d.kind in ("md", "dm") and _LATER_ON.search(self.text, sent.start_char, d.start)
            if later:
                # "On 6 April 2021 ... A few weeks later, on 27 April": after the day told last
                ref = self._narrative_reference(d) or ref
            r = resolve(d, ref, future=planned or bool(later)) if ref is not None else None
            if r is None and d.kind in ("md", "dm", "m") and self.reference.date is None:
                # an undated article: "met there on 10 September" after "September 2020" takes that year
                year_ctx = self._year_context(sent, d, planned)
                if year_ctx is not None:
                    r = resolve(d, Reference(_date(int(year_ctx.value), 12, 31), True, ()))
            if r is None:
                continue
            if d.kind in ("md", "dm", "m") and len(r.value) > 4 and not d.get("mrel"):  # ("last November" has its year)
                year_ctx = self._year_context(sent, d, planned)
                if year_ctx is not None:
                    r = Resolved(year_ctx.value + r.value[4:], weak=year_ctx.weak, future=r.future)
            if d.get("day2") and family != "Summit" and len(r.value) == 10:
                r = self._day_of_range(d, r, span)
            dist = abs(d.start - trig_char) + (0 if d.start >= trig_char else 5)
            if d.start > trig_char and _HELD_ON.search(self.text, max(trig_char, d.start - 20), d.start):
                dist -= 100  # "the meeting of the council ..., held on June 10": its own day
            if self._clause_between(min(d.start, trig_char), max(d.start, trig_char), sent):
                dist += CLAUSE_DISTANCE  # a date of the trigger's own clause first
            if d.start > trig_char and any(trig_char < c < d.start for c in anchors_chars):
                continue  # after another event's trigger: that event's date
            if d.start < trig_char and any(c < d.start and not self._clause_between(c, d.start, sent) for c in anchors_chars) \
                    and not _LINKED.search(self.text[d.end:trig_char]):
                continue  # between two triggers: the earlier event's ("received X on Wednesday and awaited a visit")
            if d.start in self.claimed:
                continue  # "Monday's call": the date of an event already told
            if d.kind == "y" and re.search(r"\b(?:the|a|an|its|their|his|her|this|that)\s+$", self.text[max(0, d.start - 8):d.start]) \
                    and _NAMED_BY_YEAR.match(self.text, d.end) and not 0 <= trig_char - d.end <= 25:
                continue  # "a statement extending the 2001 Treaty": that treaty's year (but "the 2019 summit" dates talks at it)
            if said is not None and d.start >= said:
                continue  # "received X, where the leader said Y would come on May 9": what was said
            if d.start < trig_char and _TOLD_THAT.search(self.text, max(sent.start_char, d.start - 80), d.start) \
                    and _THAT_AFTER.match(self.text, d.end, trig_char):
                continue  # "told Xi on Wednesday that he would travel to Beijing": the day it was told
            if d.start > trig_char and self._in_clause_of_another(anchor, d.start):
                continue  # "... with X, whose country chairs ASEAN this year": that clause's time
            if d.start < opening < trig_char:
                continue  # "After X was replaced in January 2022, his successor flew ...": that clause's date
            clause = _CLAUSE_OWN_DAY.search(self.text, sent.start_char, d.start)
            if clause and not clause.start() < trig_char < d.start:
                # "the two hold talks before the forum opens on May 25", "The visit, the first since he
                # was sworn in on May 7, began ...": that clause's date (unless it tells of the event)
                continue
            if best_dist is None or dist < best_dist or (len(r.value) > len(best.value) and dist < best_dist + 40 and best.value.startswith(r.value[:4])):
                best, best_dist = r, dist
        if best is None and span.start_char > sent.start_char and not planned and not _DAYS_LATER.search(self._str(span)) \
                and self._days_after(span.start) is None:
            # "On April 1 he held talks with X and was then received by Y": a date opening the sentence
            # dates every clause of it that gives none (not one that counts on from it: "and the next
            # day he was received by Y")
            for d in in_sent[:1]:
                if d.start < span.start_char and _OPENING.fullmatch(self.text[sent.start_char:d.start]) and not self._excluded(d):
                    best = resolve(d, self.reference)
        return best

    def _day_of_range(self, d: DateExpr, r: Resolved, span: Span) -> Resolved:
        """"On the second day of the summit (13-14 June), X and Y met": the day of the range the clause
        names (the gathering itself is dated by its first day)."""
        m = _NTH_DAY_OF.search(self.text, max(span.start_char, d.start - 80), d.start)
        if not m:
            return r
        first, last = int(d.get("day")), int(d.get("day2"))
        shift = {"second": 1, "third": 2}.get(m.group(1).lower(), last - first)
        if not 0 < shift <= last - first:
            return r
        return Resolved((_date.fromisoformat(r.value) + timedelta(days=shift)).isoformat(), weak=r.weak, future=r.future)

    def _narrative_reference(self, d: DateExpr) -> Reference | None:
        """What "the previous month", "the following year" count from: the last day the text told
        before them ("April 5, 2018 ... re-election the previous month": March 2018), not the day the
        article was written; nothing where the text told no day before."""
        for e in reversed(self.dates[:bisect_left(self.date_starts, d.start)]):
            r = resolve(e, self.reference) if e.kind in ("mdy", "dmy", "iso", "md", "dm") and not self._excluded(e) else None
            if r is not None and len(r.value) == 10:
                return replace(self.reference, date=_date.fromisoformat(r.value), weak=r.weak)
        return None

    def _narrative_year(self, d: DateExpr) -> Reference:
        """What "in May that year" counts from: the year the text told last before it ("took shape in
        2017. On 22 May that year ..."); the article's date where it told none."""
        for e in reversed(self.dates[:bisect_left(self.date_starts, d.start)]):
            if e.kind in ("y", "my", "mdy", "dmy", "iso") and not self._excluded(e):
                r = resolve(e, self.reference)
                if r is not None:
                    return replace(self.reference, date=_date(int(r.value[:4]), 7, 1))
        return self.reference

    def _days_later(self, span: Span, planned: bool = False) -> Resolved | None:
        """'... and was received by X the next day', 'Two days later, they met': the day given last
        before it in the sentence, else the day of the event told last, moved on; 'On the same day'
        opening a sentence: the day the sentence before opens with."""
        m = _DAYS_LATER.search(self._str(span))
        if not m:
            return None
        at = span.start_char + m.start()
        sent = sentence_of(self.doc, span.start)
        sent_start = sent.start_char
        if m.group("nth"):
            return self._day_of_month(int(m.group("nth")), at)
        if m.group("months") or m.group("month"):
            if planned:
                return None  # counted on from what was told, not a time for what is to come ("... to invite X to China")
            return self._months_later(count_of(m.group("months")) if m.group("months") else 0, at, sent_start)
        if m.group("same"):
            n = 0  # "that evening", "earlier the same day"
        elif m.group("weeks"):
            n = 7 * count_of(m.group("weeks"))
        else:
            n = 1 if m.group(1) else count_of(m.group(2))
        if n == 0 and sent.start > 0 and self.text[sent_start:at].strip(" ,") in ("", "On", "on", "Later", "Earlier"):
            # "On Tuesday, July 15, X took part in the council ... that will host the summit on August 31.
            # On the same day ...": the day the sentence before opens with, not the last one it names
            prev = sentence_of(self.doc, sent.start - 1)
            opening = next((d for d in self._dates_in(prev.start_char, prev.end_char)
                            if _OPENING.fullmatch(self.text[prev.start_char:d.start]) and not self._excluded(d)), None)
            r = resolve(opening, self.reference) if opening is not None else None
            if r is not None and len(r.value) == 10:
                return r
        day = None
        d = next(self._told_before(at), None)  # (the last date told is not a day: nothing to count from)
        if d is not None:
            r = resolve(d, self.reference)
            last = next((t for t in reversed(self.told) if t.date and len(t.date) == 10), None)
            if d.start < sent_start and last is not None:
                day = Resolved(last.date, weak=last.date_weak)  # the day of the event told last
            elif r is not None and len(r.value) == 10:
                day = r
        if day is None or n is None:
            return None
        return Resolved((_date.fromisoformat(day.value) + timedelta(days=n)).isoformat(), weak=day.weak)

    def _told_before(self, at: int):
        """The date expressions of the text before character offset ``at`` that date something, last first."""
        return (d for d in reversed(self.dates[:bisect_left(self.date_starts, at)]) if not self._excluded(d))

    def _months_later(self, n: int | None, at: int, sent_start: int) -> Resolved | None:
        """'A month later', 'two months later', 'later that month': the month of the date told last
        before it in its sentence, else of the event told just before, moved on (no more precise than
        that). (Not "two years later": counted so, it lost more than it gained on the held-out articles.)"""
        if n is None:
            return None
        d = next(self._told_before(at), None)
        base = resolve(d, self.reference) if d is not None and d.start >= sent_start else None
        if base is None and self.told and self.told[-1].date:
            base = Resolved(self.told[-1].date, weak=self.told[-1].date_weak)  # (an undated one: no telling)
        if base is None or len(base.value) < 7:
            return None
        month = int(base.value[:4]) * 12 + int(base.value[5:7]) - 1 + n
        return Resolved(f"{month // 12:04d}-{month % 12 + 1:02d}", weak=base.weak)

    def _day_of_month(self, day: int, at: int) -> Resolved | None:
        """"on the 11th": that day of the month of the last date told before it."""
        for d in self._told_before(at):
            r = resolve(d, self.reference)
            if r is None or len(r.value) < 7:
                continue  # "the forum founded in 2015": no month to count in
            try:
                return Resolved(_date(int(r.value[:4]), int(r.value[5:7]), day).isoformat(), weak=r.weak)
            except ValueError:
                return None
        return None

    def _clause_between(self, a: int, b: int, sent: Span) -> bool:
        """Whether a clause of the sentence begins between character offsets ``a`` and ``b`` ("X made a
        visit in May, and in July he met Y": July opens the clause of the meeting)."""
        first = bisect_left(self.starts, a)
        last = bisect_left(self.starts, b)
        return any(first < c_start <= last for c_start, _ in self._clauses(sent))

    def _years(self, start: int, end: int, planned: bool) -> list[Resolved]:
        """The years a stretch of text gives ("in 2019", "last year"), resolved, in text order."""
        out = []
        for d in self._dates_in(start, end):
            if (d.kind == "y" or d.kind == "rel" and (d.get("unit") or "").lower() == "year") and not self._excluded(d):
                r = resolve(d, self.reference, future=planned)
                if r is not None and len(r.value) == 4:
                    out.append(r)
        return out

    def _year_context(self, sent: Span, d: DateExpr, planned: bool) -> Resolved | None:
        """The year a month-day without one ("on December 15") takes from the text around it: a year
        its own clause gives ("in 2019", "this year", "this spring"), else the year of the last full
        date before it in the sentence ("By video link on June 28, 2021, they ...; on December 15 they
        spoke again": not the "2001 Treaty" in between), else the last year before it in the sentence;
        in a sentence giving none, the year
        the sentences before it on its line give (``_paragraph_year``), else the year of the heading
        it is under ("2010: parades and pipes")."""
        years = [(y, Resolved(r.value[:4], weak=r.weak)) for y in self._dates_in(sent.start_char, sent.end_char)
                 if (y.kind == "y" or y.kind == "rel" and (y.get("unit") or "").lower() in _YEAR_UNITS) and not self._excluded(y)
                 and not (y.kind == "y" and _NAMED_BY_YEAR.match(self.text, y.end))  # "the 2001 Treaty": its own year
                 for r in [resolve(y, self.reference, future=planned)] if r is not None]
        full = [(y, r) for y in self._dates_in(sent.start_char, d.start) if y.kind in ("mdy", "dmy", "my", "iso")
                and not self._excluded(y) for r in [resolve(y, self.reference)] if r is not None]
        own = [(y, r) for y, r in years + full if not self._clause_between(min(y.start, d.start), max(y.start, d.start), sent)
               and not (y.start > d.start and _RELATIVE_WORD.search(self.text, d.end, y.start))]  # "the forum that X founded in 2015"
        if own:
            r = min(own, key=lambda yr: abs(yr[0].start - d.start))[1]
            return Resolved(r.value[:4], weak=r.weak)
        if full:
            return Resolved(full[-1][1].value[:4], weak=full[-1][1].weak)
        before = [(y, r) for y, r in years if y.start < d.start]  # not "..., the forum that Putin founded in 2015"
        if before:
            return before[-1][1]
        return self._paragraph_year(sent, d) or self._heading_year(d.start)

    def _paragraph_year(self, sent: Span, d: DateExpr) -> Resolved | None:
        """The year from the sentences before on its line: "June 2019 brought ..." or "3. April 23-24,
        2018 — Beijing." for that month; for another month, the year that puts it nearest the month-year
        told last ("In November 2017 they met ... Putin had congratulated him in late October": 2017)."""
        month, cur = month_of(d), sent
        for _ in range(3):
            if cur.start == 0:
                return None
            prev = sentence_of(self.doc, cur.start - 1)
            if "\n" in self.text[prev.start_char:cur.start_char]:
                return None  # another line: another paragraph, item or heading
            told = [y for y in self._dates_in(prev.start_char, prev.end_char)
                    if y.kind in ("my", "mdy", "dmy") and not self._excluded(y) and month_of(y)]
            anchor = [y for y in told if month_of(y) == month]
            if anchor:
                return Resolved(anchor[-1].get("year"))
            if told and month:
                year, near = int(told[-1].get("year")), month_of(told[-1])
                return Resolved(str(min((year - 1, year, year + 1), key=lambda y: abs(y * 12 + month - year * 12 - near))))
            cur = prev
        return None

    def _heading_year(self, at: int) -> Resolved | None:
        """The year of the heading a stretch of text is under ("2010: parades and pipes"; a timeline's
        "* 3 September 2017 - Xiamen, China")."""
        year = heading_year(self.doc, self.text, at)
        if year is None:
            year = next((day[:4] for start, end, day in day_sections(self.doc, self.text, self.reference)
                         if start <= at < end), None)
        return Resolved(year) if year else None

    def _with_year_context(self, d: DateExpr, span: Span, planned: bool):
        """A month or day dated by the first year its clause gives."""
        r = resolve(d, self.reference, future=planned)
        if r is None or len(r.value) == 4:
            return r
        years = self._years(span.start_char, span.end_char, planned)
        return Resolved(years[0].value + r.value[4:], weak=years[0].weak, future=r.future) if years else r

    def _excluded(self, d: DateExpr) -> bool:
        """Dates that are not when the event happened: "by 2024", "since 2001", "last year's"."""
        text = self.text
        before = text[max(0, d.start - 25):d.start]
        after = text[d.end:d.end + 14].lower()
        ranged = d.get("day2") is not None or re.match(r"\s*(to|until|till|through)\b", after)
        if re.match(r"\s*,?\s*when\b", after):
            return False  # "the first since April 2023, when X travelled to Moscow": the time of that trip
        if d.kind == "wd" and re.search(r"\b(?:today|yesterday|tomorrow)\s*\(\s*$", before, re.I):
            return True  # "yesterday (Sunday)": the day the word before names
        if re.search(r"\b(scheduled|set|slated|planned|due|fixed) for\s*$", before, re.I):
            return False  # "the summit, scheduled for August 31": its day
        if _NOT_EVENT_DATE.search(before) and not (ranged and re.search(r"\bfrom\s*$", before)):
            return True  # "since 2001", "by 2024"; but "from October 22 to 24" dates the event
        if re.search(r"\b(?:up to|(?:strategy|plan|programme|program|roadmap|road map|concept|vision|agenda|period|outlook)\s+(?:to|till))\s*$",
                     before, re.I):
            return True  # "a roadmap for trade up to 2024", "a development strategy to 2035": a horizon
        if re.match(r"\s*(target|goal|deadline)", after) or re.match(r"\s*(years?|months?|weeks?|days?)\b", after):
            return True
        if d.kind in ("rel", "ago", "y") and re.match(r"\s*['’]s\b", after):
            return True
        if d.kind == "y" and (re.match(r"\s*[-–]\s*\d{2,4}\b", after) or re.search(r"\b\d{4}\s*[-–]\s*$", before)):
            return True  # "contacts, 2018-2019": a span of years, no event's date
        if d.kind == "y" and _FOUNDED_IN.search(re.split(r"[.;]", text[max(0, d.start - 90):d.start])[-1]):
            # "the 24th in a series of meetings that began in 1996", "Established at the initiative of
            # Kazakhstan in 1992", "since the forum was set up in 1994 and joined the East Asia Summit,
            # together with the United States, in 2011": when a series or a body began, or was joined
            return True
        if re.search(r"\b(the first|first|past|last|the past) (\d+|\w+) months? of\s*$", before, re.I):
            return True
        if SAID_BEFORE.search(before):
            return True  # the day something was said, not the day of the event
        if re.search(r"\b(ends?|ended|closes?|closed|concludes?|concluded|wraps? up|wrapped up|runs? until|ran until)\s+(on\s+|in\s+)?$",
                     before, re.I):
            return True  # "the summit, which ends on Thursday": the day it ends, not the day it was held
        return False

    def _told_just_before(self, report: EventReport, sent: Span, people: set) -> None:
        """'The ministers met again in Tashkent on 18 April 2016. X and Y held the fourteenth round of
        talks': talks of the kind the sentence before told with its day but none of its people, in the
        same paragraph."""
        last = self.told[-1] if self.told else None
        if last is None or sent.start == 0 or last.kind != report.kind or len(last.date or "") != 10 or last.planned:
            return
        prev = sentence_of(self.doc, sent.start - 1)
        if last.start != prev.start_char or "\n" in self.text[prev.end_char:sent.start_char] or not people \
                or any(self.kind_of.get(p) == "Person" for p in last.participants):
            return
        report.date, report.date_weak = last.date, last.date_weak
        report.location = report.location or last.location

    def _narrative(self, sent: Span):
        """The day and place of the previous sentence of the same paragraph ("On Tuesday he addressed a
        forum in Shanghai. ... before the opening he met X"): what an undated meeting inherits."""
        if sent.start == 0:
            return None, None
        prev = sentence_of(self.doc, sent.start - 1)
        if "\n" in self.text[prev.end_char:sent.start_char] or "\n\n" in prev.text:
            return None, None
        day = None
        today = self.reference.date
        for d in self._dates_in(prev.start_char, prev.end_char):
            if not self._excluded(d):
                r = resolve(d, self.reference)
                # the story's own days: the week or two before the article, not a date it looks ahead to
                if r is not None and len(r.value) == 10 and today is not None \
                        and 0 <= (today - _date.fromisoformat(r.value)).days <= NARRATIVE_DAYS:
                    day = r
                    break
        place = None
        for m in self.mentions:
            if prev.start_char <= m.start < prev.end_char and m.kind == "Place":
                before = self.text[max(prev.start_char, m.start - 6):m.start].lower()
                if re.search(r"\b(in|at)\s+$", before):
                    place = self._city_of(m.key)
                    break
        return day, place

    def _planned_at(self, span: Span, anchor: int) -> bool:
        """A cue of the future that governs this trigger: before it ('is expected to pay a visit',
        'agreed to hold talks', 'awaiting a visit'), the trigger itself ('invited X to Moscow'), a
        relative clause right after it ('the summit, which will be held in Kazan'), a time to come
        ('a visit by the premier later this year'), or the verb of the clause the trigger opens
        ('Talks between X and Y will be held in Beijing')."""
        at = self.doc[anchor].idx
        if _NEXT_ONE.search(self.text, max(span.start_char, at - 40), at):
            return True  # "their next meeting", "the next round of talks"
        quotes = [(a, b) for a, b in self._quotes(span) if not a <= at < b]
        for m in _PLANNED.finditer(self._str(span)):
            start = span.start_char + m.start()
            if any(a <= start < b for a, b in quotes):
                continue  # '"X will come to Kazan," Y said as Z received him': the quotation's future
            if start <= at + len(self.doc[anchor].text) and at - start <= 100:
                return True
        end = at + len(self.doc[anchor].text)
        if _PLANNED_AFTER.match(self.text[end:min(span.end_char, end + 60)]) \
                or _FUTURE_AFTER.match(self.text[end:min(span.end_char, end + 90)]):
            return True
        if _FUTURE_WHICH.match(self.text, end, span.end_char):
            return True  # "the meeting of the SCO council, which is to be held in November"
        later = _HELD_LATER.match(self.text[end:min(span.end_char, end + 120)])
        # the subject of that verb: no other event's trigger in between ("talks ahead of the summit
        # that will be held ...": the summit is to come, not the talks)
        return bool(later) and anchor - self._clause_start(span) <= 3 \
            and not any(end < a < end + later.end() for a in self.anchors)

    def _asides(self, span: Span) -> list[tuple[int, int]]:
        """Token ranges of the relative clauses set off by commas (", who is in China for a visit,")."""
        out = []
        for m in _ASIDE.finditer(self._str(span)):
            a = bisect_left(self.starts, span.start_char + m.start())
            b = bisect_left(self.starts, span.start_char + m.end())
            out.append((a, b))
        return out

    def _pair_before(self, sent: Span) -> list[str]:
        """The two people, of two countries, the sentence before names ("Putin is greeting Xi at the
        campus now. 11:15 Talks under way")."""
        if sent.start == 0:
            return []
        prev = sentence_of(self.doc, sent.start - 1)
        while not self._str(prev).strip() and prev.start > 0:  # the blank line between two posts
            prev = sentence_of(self.doc, prev.start - 1)
        people = _dedupe(m.key for m in self._ments_in(prev.start_char, prev.end_char) if m.kind == "Person")
        countries = {self.country_of(p) for p in people}
        return people if len(people) == 2 and len(countries) == 2 and None not in countries else []

    def _arrived_aside(self, span: Span, anchor: int, ments: list[Mention], asides) -> str | None:
        """"Wang, who arrived in Harbin on Friday, met Akimov the same day": the city the subject's
        aside says they are in, before the talks."""
        for a, b in asides:
            if b <= anchor and _ARRIVED_IN.search(self.text, self.starts[a], self.starts[b - 1]):
                places = [m for m in ments if m.kind == "Place" and a <= m.token < b]
                if places:
                    return self._city_of(places[0].key)
        return None

    def _visiting_adjective(self, i: int) -> bool:
        doc = self.doc
        if doc[i].lower_ != "visiting" or i + 1 >= len(doc):
            return False
        nxt = doc[i + 1]
        return nxt.ent_type_ in ("NORP", "PERSON") or (nxt.text[:1].isupper() and nxt.ent_type_ not in ("COUNTRY", "PLACE"))

    def _clause_start(self, span: Span) -> int:
        """The first word of the clause, after opening quotes and punctuation."""
        i = span.start
        while i < span.end - 1 and (self.doc[i].is_punct or self.doc[i].is_quote):
            i += 1
        return i

    def _said_after(self, span: Span, anchor: int) -> int | None:
        """Where a reporting verb after the trigger begins what someone said (the people and days named
        in it are what was said, not the event's)."""
        at = self.starts[anchor]
        m = _SAID_THAT.search(self.text, at, span.end_char)
        return m.end() if m else None

    def _opening_clause_end(self, sent: Span) -> int:
        """Where a sentence's opening clause of another time ends ("After X was replaced in 2007,"):
        what it names is not of the events the sentence goes on to tell; -1 where there is none."""
        m = _OPENING_TIME_CLAUSE.match(self.text, sent.start_char, sent.end_char)
        return m.end() if m else -1

    def _report(self, kind: str, sent: Span, span: Span, anchor: int, ments: list[Mention]) -> EventReport:
        opening = self._opening_clause_end(sent)
        if 0 <= opening < self.starts[anchor]:
            ments = [m for m in ments if m.start > opening]
        planned = self._planned_at(span, anchor)
        d = self._date(sent, span, anchor, planned, EVENT_FAMILY.get(kind)) or self._days_later(span, planned)
        ref = self.reference.date
        is_planned = planned or bool(d and d.future)
        if d and ref and not d.weak and d.value > ref.isoformat()[:len(d.value)]:
            is_planned = True
        if d and ref and d.value < ref.isoformat()[:len(d.value)] and not re.search(r"\bwill\b|\bnext\b", self._str(span)):
            is_planned = False
        participants = _dedupe(m.key for m in ments if m.kind in ("Person", "Country", "Organization"))
        location = self._location(span, anchor, ments)
        evidence, start, end = self._evidence(sent)
        at = self.starts[anchor]
        earlier = d is None and _PAST_PERFECT.search(self.text[max(span.start_char, at - 40):at])
        return EventReport(
            article=self.article_id, kind=kind, participants=participants, evidence=evidence,
            reported=self.reference.date.isoformat() if self.reference.date else None,
            start=start, end=end, date=d.value if d else None, date_weak=bool(d and d.weak),
            location=location, planned=is_planned, confidence=0.6,
            # "where both leaders had attended a summit": not on the day the article reports
            no_date_reason="the text tells it as before the day it reports" if earlier else None)

    def _in_clause_of_another(self, anchor: int, at: int, which_only: bool = False) -> bool:
        """Whether offset ``at``, after the trigger at ``anchor``, lies in a relative clause telling of
        something else: "... with X, whose country chairs ASEAN this year", "signed a statement and a
        plan to carry out the Treaty, which Y signed in Beijing in 2002". A clause of the trigger's own
        event is its own: "the trip, which began on Tuesday,", "the meeting of the SCO council, which
        is to be held in November", "the Treaty of Friendship, which Y signed in Beijing in 2002".
        ``which_only``: only a clause of a thing ("which"), not of a person ("who arrived in Moscow")."""
        trig_char = self.doc[anchor].idx
        rel = _RELATIVE_AFTER.search(self.text, trig_char, at)
        if not rel or not self.text[trig_char + len(self.doc[anchor].text):rel.start()].strip():
            return False
        if which_only and not rel.group(0).lstrip(", \n").lower().startswith("which"):
            return False
        between = self.text[trig_char + len(self.doc[anchor].text):rel.start()]
        return not (HELD_CLAUSE.match(self.text, rel.start(), at) and not _CLAUSE_BREAK.search(between))

    def _location(self, sent: Span, anchor: int, ments: list[Mention]) -> str | None:
        """Where: the place introduced by in/at/to nearest the trigger (after it first); a venue gives its city."""
        best, best_score, host = None, None, None
        at = self.starts[anchor]
        for m in ments:
            if m.kind not in ("Place", "Country"):
                continue
            if m.kind == "Place" and m.end <= at and _CITY_HOSTS.match(self.text, m.end) and m.start >= sent.start_char:
                host = m.key  # kept for when no place is introduced by in/at/to
            if m.end < at and _WHERE_CLAUSE.match(self.text, m.end, at):
                return self._city_of(m.key)  # "flew in from Bishkek, where both had attended a summit"
            if self.text[m.end:m.end + 1] in ("-", "–") and self.text[m.end + 1:m.end + 2].isalpha():
                continue  # "in the Russia-India-China format": a name, not a place
            if m.start > at and self._in_clause_of_another(anchor, m.start, which_only=True):
                continue  # "a plan to carry out the Treaty, which Y signed in Beijing": the treaty's place
            before = self.text[max(sent.start_char, m.start - 16):m.start].lower()
            if not re.search(r"\b(in|at|to|into|inside|near|outside)\s+(the\s+|his\s+|her\s+|their\s+|its\s+)?(chinese |russian )?$", before) \
                    and not PLACE_OF_KIND.search(self.text[max(sent.start_char, m.start - 60):m.start]):
                continue
            if re.search(r"\bto\s+(the\s+)?$", before) and not self._trip_word_near(m.start):
                continue
            if NOT_VENUE.search(self.text[max(sent.start_char, m.start - 30):m.start]):
                continue
            dist = (m.token - anchor) if m.token >= anchor else (anchor - m.token) * 2
            score = (m.kind == "Country", dist)
            if best_score is None or score < best_score:
                best, best_score = self._city_of(m.key), score
        return best or (self._city_of(host) if host else None) or self._capital_named(sent)  # "the Chinese capital"

    def _capital_named(self, span: Span, lead: str = "") -> str | None:
        """'the Chinese capital', 'the Russian capital': that country's capital (``lead``: a pattern
        the phrase must follow, such as 'to')."""
        cap = re.search(rf"{lead}\bthe (\w+) capital\b", self._str(span))
        e = self.gaz.get(self.gaz.adjective_of.get(cap.group(1))) if cap else None
        return e.capital if e else None

    def _city_of(self, key: str) -> str:
        e = self.gaz.get(key)
        if e and e.kind == "Place" and e.city:
            return e.city
        return key
