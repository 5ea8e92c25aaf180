"""``kg query``: SPARQL over the built graph, printed as a table, CSV, TSV or SPARQL JSON."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError, KgError
from .store import Store

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"


def query_text(query: str) -> str:
    """A query string, a path to a ``.rq`` file, or the name of a canned query in queries/."""
    p = Path(query)
    if query.endswith(".rq") or (p.suffix == "" and (QUERIES_DIR / f"{query}.rq").exists() and "{" not in query):
        path = p if p.exists() else QUERIES_DIR / (query if query.endswith(".rq") else f"{query}.rq")
        if not path.exists():
            raise InputError(f"query file {query} not found")
        return path.read_text(encoding="utf-8")
    return query


def open_store(out_dir: Path) -> Store:
    trig = Path(out_dir) / "kg.trig"
    if not trig.exists():
        raise InputError(f"{trig} not found: run `kg build` first")
    store = Store()
    store.load_trig(trig)
    return store


def _cell(term) -> str:
    if term is None:
        return ""
    return term.value


def format_results(results, fmt: str = "table") -> str:
    if isinstance(results, bool):
        return f"{results}\n"
    if not hasattr(results, "variables"):
        return "".join(f"{q}\n" for q in results)
    names = [v.value for v in results.variables]
    rows = [[_cell(row[n]) for n in names] for row in results]
    if fmt == "json":
        return json.dumps({"head": {"vars": names},
                           "results": {"bindings": [{n: {"value": v} for n, v in zip(names, r) if v != ""} for r in rows]}},
                          indent=1, ensure_ascii=False) + "\n"
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(names)
        w.writerows(rows)
        return buf.getvalue()
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    out = [line(names), line(["-" * w for w in widths])] + [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def run_query(out_dir: Path, query: str, fmt: str = "table") -> str:
    store = open_store(out_dir)
    text = query_text(query)
    try:
        results = store.query(text)
    except SyntaxError as exc:
        raise KgError(f"SPARQL syntax error: {exc}") from None
    return format_results(results, fmt)


def register(sub) -> None:
    q = sub.add_parser("query", help="run a SPARQL query (a string, a .rq file or a canned query name) over the built graph")
    q.add_argument("query", help="SPARQL text, a path to a .rq file, or a name from queries/")
    q.add_argument("--out", default="output", help="the build's output folder (default: output)")
    q.add_argument("--format", default="table", choices=["table", "csv", "tsv", "json"], help="output format")
    q.set_defaults(func=lambda args: print(run_query(Path(args.out), args.query, args.format), end="") or 0)
