"""Add articles to a built corpus in a resident build (what ``kg build --watch`` does: kg.warm kept
between builds) and print, as JSON on the last line of stdout, how long each build took, where
the time went and the process's peak memory. Used by bench/run.py.

    python -m bench.resident INPUT OUT N SEED

The rounds are those of a watcher started on an up-to-date output: a first build (nothing
changed: only the files are read), a first article added (the records come from the disk cache,
everything else is made), a second article added (the steady state: what the watcher keeps is
used), and both removed again (the folder is left as it was found).
"""
from __future__ import annotations

import argparse
import gc
import json
import resource
import time
from pathlib import Path

from bench import synth


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("input", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("n", type=int, help="the number of articles in INPUT (the added ones are numbered from it)")
    ap.add_argument("seed", type=int)
    args = ap.parse_args(argv)
    from kg.build import build, load_pipeline
    from kg.warm import Warm

    load_pipeline(None)  # as the watcher does, before its first build
    warm = Warm()
    rounds = []

    def one(name: str) -> None:
        t = time.perf_counter()
        result = build(args.input, args.out, progress=False, warm=warm)
        rounds.append({"round": name, "wall_s": time.perf_counter() - t, "extracted": result.extracted,
                       "unchanged": result.unchanged, "stages_s": result.phases})
        gc.collect()
        gc.freeze()  # as the watcher does between builds

    added = []
    try:
        one("start")
        for i, name in enumerate(("first article added", "second article added")):
            added.append(synth.extra_article(args.input, args.n + i, args.seed + i))
            one(name)
    finally:
        for path in added:
            path.unlink(missing_ok=True)
            path.with_name(path.stem + ".meta.json").unlink(missing_ok=True)
    one("both removed")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the resident process (Linux: KiB)
    print(json.dumps({"rounds": rounds, "peak_rss_mb": peak_mb}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
