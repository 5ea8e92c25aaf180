"""Add articles to a built corpus in a resident build (what ``kg build --watch`` does: kg.warm kept
between builds) and print, as JSON on the last line of stdout, how long each build took, where
the time went and the process's peak memory. Used by bench/run.py.

    python -m bench.resident INPUT OUT N SEED

The rounds are those of a watcher started on an up-to-date output: a first build (nothing
changed: only the files are read), a first article added (the records come from the disk cache,
everything else is made), then ``--steady`` more articles added one at a time (the steady state:
what the watcher keeps is used), each of those edited once (a sentence appended: its old record
gone, a new one in its place) and all the added articles removed again one at a time, the last
added first (the folder is left as it was found). One build on a busy machine can take half as
long again as the next, so the steady rounds' median and slowest are reported, not one round.
"""
from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import time
from pathlib import Path

from bench import synth


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("input", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("n", type=int, help="the number of articles in INPUT (the added ones are numbered from it)")
    ap.add_argument("seed", type=int)
    ap.add_argument("--steady", type=int, default=5, help="articles added (and removed) in the steady state (default 5)")
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
        for i in range(1 + args.steady):
            added.append(synth.extra_article(args.input, args.n + i, args.seed + i))
            one("first article added" if i == 0 else ADDED)
        for path in added[1:]:
            with path.open("a", encoding="utf-8") as fh:
                fh.write("\nThe talks were described as constructive and businesslike.\n")
            one(EDITED)
        while added:
            synth.remove_article(added.pop())
            one(REMOVED)
    finally:
        for path in added:
            synth.remove_article(path)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the resident process (Linux: KiB)
    print(json.dumps({"rounds": rounds, "peak_rss_mb": peak_mb, "added": summary(rounds, ADDED),
                      "edited": summary(rounds, EDITED), "removed": summary(rounds, REMOVED)}))
    return 0


ADDED, EDITED, REMOVED = "article added", "article edited", "article removed"


def summary(rounds: list[dict], name: str) -> dict:
    """The median and slowest wall time of the rounds called ``name``, and the median round itself
    (its stages: where the time went in a typical round)."""
    walls = sorted(r["wall_s"] for r in rounds if r["round"] == name)
    if not walls:
        return {}
    median = statistics.median(walls)
    typical = min((r for r in rounds if r["round"] == name), key=lambda r: abs(r["wall_s"] - median))
    return {"rounds": len(walls), "median_s": median, "max_s": walls[-1], "min_s": walls[0],
            "stages_s": typical["stages_s"]}


if __name__ == "__main__":
    raise SystemExit(main())
