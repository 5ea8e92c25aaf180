"""Run one build in this (child) process and print, as JSON on the last line of stdout, its wall
time, peak memory and where the time went. Used by bench/run.py so that peak RSS is the build's own.

    python -m bench.child INPUT OUT [--profile FILE]

Stage times are taken by wrapping the functions ``kg.build`` calls (only those that exist: the build
may be reorganised); they are a breakdown for information, the wall time is the figure.
"""
from __future__ import annotations

import argparse
import functools
import json
import resource
import sys
import time
from pathlib import Path

STAGES = ("read_corpus", "extract_records", "merge_entities", "merge_events", "dataset_rdf", "write_store",
          "write_trig", "write_html", "_validate")


def _wrap_stages(module, timings: dict) -> None:
    for name in STAGES:
        fn = getattr(module, name, None)
        if not callable(fn):
            continue

        def timed(*a, __fn=fn, __name=name, **kw):
            t = time.perf_counter()
            try:
                return __fn(*a, **kw)
            finally:
                timings[__name] = timings.get(__name, 0.0) + time.perf_counter() - t

        functools.update_wrapper(timed, fn)
        setattr(module, name, timed)


def _wrap_store(timings: dict) -> None:
    from kg import store
    for name in ("load",):
        fn = getattr(store.Store, name, None)
        if fn is None:
            continue

        def timed(self, *a, __fn=fn, __name=name, **kw):
            t = time.perf_counter()
            try:
                return __fn(self, *a, **kw)
            finally:
                timings["Store." + __name] = timings.get("Store." + __name, 0.0) + time.perf_counter() - t

        setattr(store.Store, name, timed)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("input", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--profile", type=Path, default=None, help="write cProfile stats here")
    ap.add_argument("--no-stages", action="store_true", help="do not wrap the build's functions")
    ap.add_argument("--serial", action="store_true", help="extract in this process (no worker pool), e.g. to profile it")
    args = ap.parse_args(argv)
    t_import = time.perf_counter()
    import kg.build as kb
    import_s = time.perf_counter() - t_import
    timings: dict[str, float] = {}
    if args.serial and hasattr(kb, "PARALLEL_MIN"):
        kb.PARALLEL_MIN = 10**12
    if not args.no_stages:
        _wrap_stages(kb, timings)
        _wrap_store(timings)
        try:
            import kg.export.html as kh
            _wrap_stages(kh, timings)
        except ImportError:
            pass
    prof = None
    if args.profile:
        import cProfile
        prof = cProfile.Profile()
        prof.enable()
    t0 = time.perf_counter()
    result = kb.build(args.input, args.out)
    wall = time.perf_counter() - t0
    if prof is not None:
        prof.disable()
        prof.dump_stats(str(args.profile))
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    problems = getattr(result, "problems", []) or []
    out = {
        "wall_s": wall, "import_s": import_s,
        "peak_rss_mb": self_kb / 1024, "children_peak_rss_mb": kids_kb / 1024,
        "articles": getattr(result, "articles", None), "entities": getattr(result, "entities", None),
        "events": getattr(result, "events", None), "triples": getattr(result, "triples", None),
        "extracted": getattr(result, "extracted", None),
        "skipped": sum(1 for p in problems if getattr(p, "skipped", True)),
        "stages_s": timings,
        "outputs": {k: str(v) for k, v in (getattr(result, "outputs", {}) or {}).items()},
    }
    sys.stdout.flush()
    print("\n" + json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
