#!/usr/bin/env python3
"""Measure an incremental build against a full one on a synthetic corpus.

    python scripts/incremental_benchmark.py [--articles 1000] [--work /tmp/kg-bench] [--no-html]

Makes N articles by copying seeds/ with small word changes, builds them from scratch, changes one
article, rebuilds (incremental), builds the changed corpus from scratch into another folder and
compares the two TriG files byte for byte. Then does the same with a resident build
(``kg build --watch``): starts it on the corpus, changes one article at a time (three times) and
takes the time of each rebuild as the watcher reports it, and the time from the file's change to
the new TriG in place (which adds the watcher's polling interval). Prints the times and the ratios.
"""
from __future__ import annotations

import argparse
import queue
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SWAPS = {"said": "stated", "talks": "discussions", "important": "significant", "noted": "observed",
         "cooperation": "collaboration", "also": "as well", "strong": "robust", "leader": "head"}


def make_corpus(dst: Path, n: int, sources: list[Path]) -> list[Path]:
    dst.mkdir(parents=True)
    seeds = sorted(p for folder in sources for p in Path(folder).glob("*.txt"))
    for i in range(n):
        rnd = random.Random(i)
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        for word in rnd.sample(sorted(SWAPS), 3):
            text = re.sub(rf"\b{word}\b", SWAPS[word], text, count=1)
        text += f"\n\n(Copy {i} for the incremental build benchmark.)\n"
        name = f"{i:04d}_{seeds[i % len(seeds)].stem}"
        (dst / f"{name}.txt").write_text(text, encoding="utf-8")
        meta = seeds[i % len(seeds)].with_suffix(".meta.json")
        if meta.exists():
            shutil.copy(meta, dst / f"{name}.meta.json")
    return sorted(dst.glob("*.txt"))


def timed_build(src: Path, out: Path, html: bool) -> tuple[float, str]:
    cmd = [sys.executable, "-m", "kg.cli", "build", "--input", str(src), "--out", str(out)] + ([] if html else ["--no-html"])
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    return time.perf_counter() - t0, done.stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--work", default="/tmp/kg-bench")
    ap.add_argument("--no-html", action="store_true")
    ap.add_argument("--sources", nargs="+", default=[str(ROOT / "seeds")],
                    help="folders of articles to copy from (default: seeds/)")
    args = ap.parse_args()
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    files = make_corpus(work / "in", args.articles, [Path(f) for f in args.sources])
    html = not args.no_html
    full, out1 = timed_build(work / "in", work / "out", html)
    print(f"full build of {args.articles} articles: {full:.1f} s\n{out1}")
    again, _ = timed_build(work / "in", work / "out", html)
    print(f"rebuild, nothing changed: {again:.1f} s")
    target = files[len(files) // 2]
    target.write_text(target.read_text(encoding="utf-8").replace("Russia", "the Russian Federation", 1), encoding="utf-8")
    inc, out2 = timed_build(work / "in", work / "out", html)
    print(f"rebuild after changing {target.name}: {inc:.1f} s ({inc / full:.3f} of the full build)\n{out2}")
    scratch, _ = timed_build(work / "in", work / "scratch", html)
    same = (work / "out" / "kg.trig").read_bytes() == (work / "scratch" / "kg.trig").read_bytes()
    print(f"full build of the changed corpus: {scratch:.1f} s; TriG identical to the incremental one: {same}")
    same_watched = watched(work, files, html, full)
    return 0 if same and same_watched else 1


def watched(work: Path, files: list[Path], html: bool, full: float) -> bool:
    """Rebuilds by a resident build after one article changes, three times; True when its TriG is
    byte for byte that of a build from scratch of the same corpus."""
    cmd = [sys.executable, "-m", "kg.cli", "build", "--watch", "--poll", "0.1", "--input", str(work / "in"),
           "--out", str(work / "watched")] + ([] if html else ["--no-html"])
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()

    def next_build() -> str:
        while " built in " not in (line := lines.get(timeout=600)):
            pass
        return line.strip()

    try:
        print(f"resident build, its first build (from scratch): {next_build()}")
        trig = work / "watched" / "kg.trig"
        for i, target in enumerate(files[len(files) // 3::len(files) // 3][:3]):
            before = trig.stat().st_mtime_ns
            t0 = time.perf_counter()
            target.write_text(target.read_text(encoding="utf-8").replace("China", "the PRC", 1), encoding="utf-8")
            line = next_build()
            while trig.stat().st_mtime_ns == before:
                time.sleep(0.01)
            seconds = float(re.search(r"built in ([0-9.]+) s", line).group(1))
            print(f"resident rebuild after changing {target.name}: {seconds:.2f} s ({seconds / full:.3f} of the full "
                  f"build); {time.perf_counter() - t0:.2f} s from the change to the new kg.trig")
    finally:
        proc.terminate()
        proc.wait(60)
    timed_build(work / "in", work / "scratch2", html)
    same = trig.read_bytes() == (work / "scratch2" / "kg.trig").read_bytes()
    print(f"TriG of the resident build identical to a build from scratch of the same corpus: {same}")
    return same


if __name__ == "__main__":
    sys.exit(main())
