"""Entities an article names that are no part of the diplomatic record it tells.

Organizations named only as the source of what it reports ("..., the Kremlin said", "according to
the Chinese foreign ministry", "the ministry's readout", "Kremlin spokesman Dmitry Peskov", "told
TASS"): they tell of the events, take no part in them and are not what they are about. Areas it only
talks about ("security in Central Asia", "the Arctic"), recurring forums (gazetteer kind
`gathering`: a forum is an event, not an actor), and the executive offices a government speaks and
acts through (kind `executive`: the Kremlin's administration, the Russian government, the State
Council, the Politburo: its voice, not a party of its own). Each stays when an event or a person's affiliation
needs it, or, for a source, when the article also names it otherwise.
"""
from __future__ import annotations

import re

_POSSESSIVE = r"(?:['’]s?)?"
_ADVERB = r"(?:(?:also|later|earlier|previously|separately|then|itself|quickly|first)\s+)?"
# "<org> said", "<org> also said", "<org>'s readout", "<org> spokeswoman X"
_SAYS_AFTER = re.compile(
    _POSSESSIVE + r"\s+" + _ADVERB +
    r"(?:said|says|stated|states|announced|announces|reported|reports|published|publishes|quoted|quotes|"
    r"cited|cites|added|adds|noted|notes|confirmed|confirms|wrote|writes|posted|posts|released|issued|"
    r"told|tells|described|describes|summari[sz]ed|summari[sz]es|claimed|claims)\b"
    r"|" + _POSSESSIVE + r"\s+(?:(?:own|official|initial|brief|longer|later|first|english-language)\s+)?"
    r"(?:spokes(?:man|woman|person)|press (?:secretary|service|office|release)|readout|statement|version|"
    r"account|summary|website|telegram channel|news release|communiqu[eé]|report)s?\b",
    re.IGNORECASE)
# "according to <org>", "quoted by <org>", "told <org>", "a statement from <org>"
_SOURCE_BEFORE = re.compile(
    r"\b(?:according to|quoted by|cited by|reported by|released by|published by|issued by|told|citing|(?:statement|readout|release|account|summary|"
    r"report|reports) (?:from|by|issued by|released by|published by|of))\s+(?:the\s+)?$",
    re.IGNORECASE)


def is_attribution(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is the source of a statement or report."""
    return bool(_SAYS_AFTER.match(text, end) or _SOURCE_BEFORE.search(text, max(0, start - 40), start))


def attribution_only(text: str, mentions, organizations: set[str]) -> set[str]:
    """Those of ``organizations`` (entity keys) every mention of which in ``text`` is a source's."""
    seen: dict[str, bool] = {}
    for m in mentions:
        if m.key in organizations:
            seen[m.key] = seen.get(m.key, True) and is_attribution(text, m.start, m.end)
    return {key for key, only in seen.items() if only}


def not_of_the_record(text: str, mentions, entities: dict, events, gaz) -> set[str]:
    """The keys of ``entities`` (an article's) that are no part of its record (see the module)."""
    needed = {k for r in events for k in [*r.participants, r.location] if k}
    needed |= {info.represents for info in entities.values() if info.represents}
    sources = {k for k, info in entities.items() if info.kind == "Organization" and k not in needed}
    out = attribution_only(text, mentions, sources)
    for key, info in entities.items():
        e = gaz.get(key)
        if key not in needed and e is not None and (info.kind == "Place" and e.subkind == "area"
                                                    or e.subkind in ("gathering", "executive")):
            out.add(key)
    return out
