"""``kg query``: SPARQL over the built graph, printed as a table, CSV, TSV or SPARQL JSON.

The query is a string, a path to a ``.rq`` file, or the name of a canned query in queries/
(``kg query timeline``). A canned query declares its parameters in its leading comment::

    # param ?person1 = "Vladimir Putin" : a person's name

and ``--param person1="Sergei Lavrov"`` binds ``?person1`` to that string: a ``VALUES`` block
with the value as an escaped RDF literal opens the WHERE clause (data, never query syntax).
"""
from __future__ import annotations

import csv
import io
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .bind import bind
from .errors import InputError, KgError
from .store import Store, open_built

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"
FORMATS = ("table", "csv", "tsv", "json")
_PARAM = re.compile(r'^#\s*param\s+[?$](\w+)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(?::\s*(.*))?$')
_ERROR_POS = re.compile(r"(\d+):(\d+)")


@dataclass
class Query:
    text: str
    source: str  # where it came from, for messages: a file name or "query"
    params: dict[str, str]  # declared parameters and their defaults
    doc: str = ""  # the leading comment


def canned() -> dict[str, Path]:
    """The canned queries by name."""
    return {p.stem: p for p in sorted(QUERIES_DIR.glob("*.rq"))}


def parse_query(text: str, source: str) -> Query:
    doc, params = [], {}
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _PARAM.match(line.strip())
        if m:
            params[m.group(1)] = re.sub(r"\\(.)", r"\1", m.group(2))
        else:
            doc.append(line.lstrip("#").strip())
    return Query(text, source, params, " ".join(doc).strip())


def load_query(query: str) -> Query:
    """A query string, a path to a ``.rq`` file, or the name of a canned query in queries/."""
    names = canned()
    if query in names:
        return parse_query(names[query].read_text(encoding="utf-8"), f"{query}.rq")
    if query.endswith(".rq") or (re.fullmatch(r"[\w.-]+", query) and not query.isupper()):
        path = Path(query)
        if path.is_file():
            return parse_query(path.read_text(encoding="utf-8"), str(path))
        raise InputError(f"no query file {query} and no canned query of that name; "
                         f"canned queries: {', '.join(names) or '(none)'}")
    return parse_query(query, "query")


def bindings(q: Query, given: list[str]) -> dict[str, str]:
    """Parameter values (``name=value``); defaults for the ones not given."""
    values = dict(q.params)
    for item in given:
        name, sep, value = item.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not re.fullmatch(r"\w+", name):
            raise InputError(f"--param {item!r}: expected name=value")
        if name not in q.params and not re.search(rf"[?$]{re.escape(name)}\b", q.text):
            declared = ", ".join(q.params) or "none"
            raise InputError(f"{q.source} has no parameter {name!r} (its parameters: {declared})")
        values[name] = value
    return values


def bind_values(q: Query, values: dict[str, str]) -> str:
    """The query text with ``VALUES (?a ?b) { ("..." "...") }`` opening each WHERE group (the
    query's and its sub-queries'): each value an escaped RDF string literal, so a value is data,
    never query syntax."""
    if not values:
        return q.text
    return bind(q.text, {ox.Variable(n): ox.Literal(values[n]) for n in sorted(values)}, q.source)


def syntax_message(exc: SyntaxError, q: Query) -> str:
    """``file at line L, column C: message``, with the line and a caret under the position."""
    msg = str(exc)
    m = _ERROR_POS.search(msg)
    if not m:
        return f"SPARQL syntax error in {q.source}: {msg}"
    line, col = int(m.group(1)), max(1, int(m.group(2)) - 1)  # oxigraph points just past the culprit
    detail = " ".join(msg[m.end():].lstrip(": ").split()) or msg
    if "Prefix not found" in detail:
        detail = "unknown prefix (declare it with PREFIX; dip: rdf: rdfs: owl: skos: xsd: res: are predefined)"
    elif len(detail) > 160:
        detail = detail[:detail.rfind(", ", 0, 160)] + ", ..."
    lines = q.text.splitlines()
    shown = ""
    if 1 <= line <= len(lines):
        shown = f"\n  {lines[line - 1]}\n  {' ' * (col - 1)}^"
    return f"SPARQL syntax error in {q.source} at line {line}, column {col}: {detail}{shown}"


def execute(store: Store, q: Query, params: list[str] | None = None):
    text = bind_values(q, bindings(q, params or []))
    try:
        return store.query(text)
    except SyntaxError as exc:
        raise KgError(syntax_message(exc, q)) from None
    except (RuntimeError, OSError, ValueError) as exc:
        raise KgError(f"query {q.source} failed: {exc}") from None



def _cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _plain(value: str) -> str:
    return value.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def format_results(results, fmt: str = "table") -> str:
    if isinstance(results, bool) or isinstance(results, ox.QueryBoolean):
        return f"{'true' if bool(results) else 'false'}\n"
    if not hasattr(results, "variables"):  # CONSTRUCT / DESCRIBE
        return ox.serialize(list(results), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    if fmt == "json":
        data = json.loads(results.serialize(format=ox.QueryResultsFormat.JSON))
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    names = [v.value for v in results.variables]
    rows = [[_cell(row[n]) for n in names] for row in results]
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        if fmt == "csv":
            csv.writer(buf, lineterminator="\n").writerows([names, *rows])
        else:
            buf.write("".join("\t".join(_plain(c) for c in r) + "\n" for r in [names, *rows]))
        return buf.getvalue()
    rows = [[_plain(c) for c in r] for r in rows]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]

    def line(cells):
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = [line(names), line(["-" * w for w in widths])] + [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def run_query(out_dir: Path, query: str, fmt: str = "table", params: list[str] | None = None) -> str:
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    q = load_query(query)
    store = open_built(out_dir)
    return format_results(execute(store, q, params), fmt)


def list_canned() -> str:
    lines = []
    for name, path in canned().items():
        q = parse_query(path.read_text(encoding="utf-8"), path.name)
        params = " ".join(f"--param {k}=\"{v}\"" for k, v in q.params.items())
        lines.append(f"{name:18} {q.doc.split(': ', 1)[-1].split('. ')[0]}" + (f"\n{'':18} {params}" if params else ""))
    return "\n".join(lines) + "\n"


def register(sub) -> None:
    q = sub.add_parser("query", help="run a SPARQL query (a string, a .rq file or a canned query name) over the built graph")
    q.add_argument("query", nargs="?", help="SPARQL text, a path to a .rq file, or a name from queries/ (omit to list them)")
    q.add_argument("--out", default="output", help="the build's output folder (default: output)")
    q.add_argument("--format", default="table", choices=FORMATS, help="output format (default: table)")
    q.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a query parameter to a string (repeatable), e.g. --param person1='Sergei Lavrov'")
    q.add_argument("--time", action="store_true", help="print the query time on stderr")

    def _run(args) -> int:
        if not args.query:
            print(list_canned(), end="")
            return 0
        t0 = time.perf_counter()
        text = run_query(Path(args.out), args.query, args.format, args.param)
        print(text, end="")
        if args.time:
            import sys
            print(f"query time {time.perf_counter() - t0:.3f} s", file=sys.stderr)
        return 0

    q.set_defaults(func=_run)
