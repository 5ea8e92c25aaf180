"""Time one query on a built output folder, in its own process (so that a runaway query can be
stopped by a timeout): ``python -m bench.qchild OUT NAME [--runs 5]``; prints JSON.

NAME is ``queries/FILE.rq`` (a canned query, run the way ``kg query`` runs it: parameters at
their defaults) or ``bench:NAME`` (one of bench.run.BUILTIN_QUERIES).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def open_store(out: Path):
    from kg.store import Store
    if (out / "store").is_dir():
        try:
            return Store(out / "store", read_only=True)
        except Exception:  # noqa: BLE001 - fall back to the TriG
            pass
    store = Store()
    store.load_trig(out / "kg.trig")
    return store


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("name")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--budget", type=float, default=10.0, help="stop repeating after this many seconds (one run at least)")
    args = ap.parse_args(argv)
    t = time.perf_counter()
    store = open_store(args.out)
    open_s = time.perf_counter() - t
    if args.name.startswith("bench:"):
        from bench.run import BUILTIN_QUERIES
        text = BUILTIN_QUERIES[args.name]
        run = lambda: store.query(text)  # noqa: E731
    else:
        path = ROOT / args.name
        try:
            from kg.query import execute, load_query
            q = load_query(str(path))
            run = lambda: execute(store, q)  # noqa: E731
        except ImportError:
            text = path.read_text(encoding="utf-8")
            run = lambda: store.query(text)  # noqa: E731
    times, rows = [], None
    start = time.perf_counter()
    for _ in range(args.runs):
        if times and time.perf_counter() - start > args.budget:
            break
        t = time.perf_counter()
        res = run()
        rows = int(res) if isinstance(res, bool) else sum(1 for _ in res)
        times.append((time.perf_counter() - t) * 1000)
    print(json.dumps({"median_ms": statistics.median(times), "max_ms": max(times), "min_ms": min(times),
                      "rows": rows, "runs": len(times), "open_s": open_s}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
