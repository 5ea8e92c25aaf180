"""Run SPARQL with parameters bound as RDF terms, never pasted into the query as text.

Oxigraph substitutes a variable (pre-binding, SEP-0007) only when the query projects it; a
canned query usually filters on a parameter it does not return (``FILTER(LCASE(?name) =
LCASE(?person1))``). For those the values go into a ``VALUES`` block placed at the start of the
query's WHERE group and of every sub-query's WHERE group (a sub-query sees only the variables it
binds itself), each value written by pyoxigraph's own term serialisation (N-Triples, which
escapes quotes and backslashes), so a value can never end the literal it is in. The block goes on
the line it opens, so the line numbers of a syntax error stay those of the query file.
"""
from __future__ import annotations

import re

import pyoxigraph as ox

from .errors import InputError
from .store import PREFIXES, Store

_TOKENS = re.compile(r'''
    (?P<comment>\#[^\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<open>\{) | (?P<close>\}) | (?P<word>[A-Za-z]+)
''', re.VERBOSE | re.DOTALL)


def where_group_start(text: str) -> int | None:
    """Offset just after the ``{`` that opens the query's WHERE group (skipping comments, strings,
    IRIs and a CONSTRUCT template); None when there is none."""
    depth, form, last = 0, None, None
    for m in _TOKENS.finditer(text):
        kind = m.lastgroup
        if kind in ("comment", "string", "iri"):
            continue
        if kind == "word":
            word = m.group().upper()
            if depth == 0 and form is None and word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                form = word
            last = word
        elif kind == "open":
            if depth == 0 and form is not None and not (form == "CONSTRUCT" and last == "CONSTRUCT"):
                return m.end()
            depth += 1
            last = "{"
        else:
            depth = max(0, depth - 1)
            last = "}"
    return None


def values_starts(text: str) -> list[int]:
    """Offsets where a VALUES block opens a WHERE group: the query's own (``where_group_start``)
    and each sub-query's ``WHERE {``; comments, strings and IRIs are skipped."""
    outer = where_group_start(text)
    if outer is None:
        return []
    starts, last = {outer}, None
    for m in _TOKENS.finditer(text, outer):
        kind = m.lastgroup
        if kind in ("comment", "string", "iri"):
            continue
        if kind == "open" and last == "WHERE":
            starts.add(m.end())
        last = m.group().upper() if kind == "word" else None
    return sorted(starts)


def bind(text: str, values: dict[ox.Variable, object], source: str = "the query") -> str:
    """``text`` with a VALUES block of ``values`` opening each of its WHERE groups."""
    starts = values_starts(text)
    if not starts:
        raise InputError(f"cannot bind parameters: {source} has no WHERE {{ ... }} group")
    block, out, last = values_block(values), [], 0
    for at in starts:
        out += [text[last:at], block]
        last = at
    return "".join(out) + text[last:]


def values_block(values: dict[ox.Variable, object]) -> str:
    """``VALUES (?a ?b) { (term term) }`` with each term in N-Triples syntax."""
    for var, term in values.items():
        if not isinstance(term, (ox.NamedNode, ox.Literal)):
            raise InputError(f"parameter ?{var.value}: only an IRI or a literal can be bound, not {term!r}")
    names = " ".join(str(v) for v in values)
    terms = " ".join(str(t) for t in values.values())
    return f" VALUES ({names}) {{ ({terms}) }} "


def run(store: Store, text: str, values: dict[ox.Variable, object] | None = None):
    """Run ``text`` over the store's union graph with ``values`` bound (see the module's doc)."""
    if not values:
        return store.query(text)
    try:
        return store.ox.query(text, use_default_graph_as_union=True, prefixes=PREFIXES, substitutions=values)
    except TypeError:
        pass  # a pyoxigraph without substitutions
    except RuntimeError as exc:
        if "projection" not in str(exc):
            raise
    return store.query(bind(text, values))
