"""Small helpers the event readers share."""
from __future__ import annotations

import re

from ..dates import Reference, dated_sections, year_sections

# a place named as the scene of something else: 'the war in Ukraine', 'the situation in the Asia-Pacific'
NOT_VENUE = re.compile(r"\b(war|conflict|crisis|situation|fighting|invasion|troops|forces|interests|investment|stability|peace|security|tensions|losses|attack)\s+(in|at|near|into)\s+(the\s+)?$", re.I)

# the verbs that report what someone said ('told' and 'tells' take whom they told: TOLD)
REPORTED = "said|says|added|adds|noted|notes|stressed|stresses|explained|explains|wrote|writes|announced|announces|" \
           "confirmed|confirms|stated|reported"
TOLD = "told|tells"

# what comes right before the day something was said, not the day of the event: 'said on Monday'
SAID_BEFORE = re.compile(rf"\b(?:{REPORTED}|(?:{TOLD})\s+\w+)\s+(on\s+|in\s+|earlier\s+)?$", re.I)


# a person's initials without their last full stop: "M.Yu", "S.V", "A" (not "Xi", "Li": a name)
INITIALS = re.compile(r"[A-Z]|(?:[A-Z][a-z]?\.)+[A-Z][a-z]?")

# "Formal talks followed on Tuesday.", "11:15 Talks under way": talks told with no one named, which
# are those of the two people the sentence before names (the sentence reader) or else of the talks
# told before them (consolidation)
UNNAMED_TALKS = re.compile(r"\W*(?:\d{1,2}[:.]\d\d\s+)?(?:[A-Z][a-z]+\s+)?(?:talks|negotiations|consultations)\s+"
                           r"(?:are\s+|were\s+|have\s+|had\s+)?(?:under\s*way|began|begin|begun|started|opened|got under way|"
                           r"followed|continued|resumed|held|took place)\b", re.I)

def dedupe(keys):
    """The keys in their first order, each once."""
    return list(dict.fromkeys(keys))

# "in the southern city of Guangzhou", "in the Laotian capital, Vientiane": a place introduced by its kind
PLACE_OF_KIND = re.compile(r"\b(?:in|at|to|into)\s+the\s+(?:[\w-]+\s+){0,3}(?:city|town|capital|port|village|resort|region|"
                           r"province)(?:\s+of\s+|,\s+)$", re.I)


def heading_year(doc, text: str, at: int) -> str | None:
    """The year of the heading ("2010: parades and pipes") the character offset ``at`` is under; the
    headings are found once per article and kept on the doc (the mention resolver and the sentence
    reader both ask)."""
    sections = doc.user_data.get("year_sections")
    if sections is None:
        sections = doc.user_data["year_sections"] = year_sections(text)
    return next((year for start, end, year in sections if start <= at < end), None)


def day_sections(doc, text: str, reference: Reference) -> list[tuple[int, int, str]]:
    """The stretches of text a day heads (``dates.dated_sections``), found once per article and kept
    on the doc (the sentence reader asks for their years, consolidation for their days)."""
    sections = doc.user_data.get("day_sections")
    if sections is None:
        sections = doc.user_data["day_sections"] = dated_sections(text, reference)
    return sections

WILL_TAKE_PLACE = r"(?:will|(?:is|are) (?:due|scheduled|expected|set|planned) to) take place"
# "..., which was held", "..., which will take place", "..., which the two presidents signed": a
# clause telling of the event it follows
HELD_CLAUSE = re.compile(r",\s*which\s+(?:(?:is|was|will be|are|were)\s+(?:to be\s+|due to be\s+|scheduled to be\s+)?"
                         rf"(?:held|convened|scheduled|planned|set|signed)|{WILL_TAKE_PLACE}|took place|"
                         r"(?:[\w.'’-]+\s+){1,4}?(?:signed|initialled|concluded)(?=\s+(?:in|at|on)\b))\b", re.I)
