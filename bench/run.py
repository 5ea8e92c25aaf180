"""The benchmark: build synthetic corpora of 100, 1,000 and 10,000 articles and measure the build.

    python bench/run.py [--sizes 100,1000,10000] [--json bench/results.json] [--seed 7]
                        [--work DIR] [--no-add-one] [--profile 1000]

For each size N it generates (or reuses, when the same seed and generator made it) a corpus of N
articles (bench/synth.py), then measures, in one run:

- build wall time, from scratch, in a child process (``python -m bench.child``, which calls the public
  ``kg.build.build(input, out)``), so that its peak RSS (``ru_maxrss``) is the build's own;
- words per second of the build, and of the bare spaCy tokenizer (``spacy.blank("en").tokenizer``)
  over the same texts; the ratio build / tokenizer is the figure to quote (and the extraction
  stage's own words per second, when the stage could be timed);
- articles per second; store size on disk (``OUT/store`` if the build makes one, else ``kg.trig``);
- the latency of every canned query (``queries/*.rq``; median of 5 runs) on the built data;
- HTML export time (the build's ``write_html`` stage: ``kg.export.html.write_html`` on the built store);
- the time to add one new article to the folder and build again (incremental builds make it
  short; a full rebuild otherwise): by a new ``kg build`` process, and by a resident build
  (``kg build --watch``, which keeps the pipeline and what it made between builds;
  ``python -m bench.resident``: the median and slowest of five articles added one at a time, of
  their edits and of their removal).

Targets (a benchmark, not timed tests): 10,000 articles from scratch in under 2 minutes and under
2 GB peak; extraction at >= 15 % of the bare tokenizer's words per second; every canned query under
200 ms on the 10,000-article store; adding one article to it under 2 s.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import synth  # noqa: E402

TARGETS = {"build_s_10k": 120, "peak_rss_mb": 2048, "extract_vs_tokenizer": 0.15, "query_ms": 200, "add_one_s": 2}

# asked of the store when queries/ has no canned queries (or in addition to them): typical lookups
BUILTIN_QUERIES = {
    "bench:events-by-kind": """SELECT ?kind (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e dip:reportedIn ?a ; a ?kind } GROUP BY ?kind""",
    "bench:putin-xi-events": """SELECT DISTINCT ?e ?date WHERE {
        ?e dip:participant ?p1, ?p2 . ?p1 rdfs:label "Vladimir Putin" . ?p2 rdfs:label "Xi Jinping" .
        OPTIONAL { ?e dip:date ?date } } ORDER BY ?date""",
    "bench:people-most-events": """SELECT ?p (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?e) AS ?n) WHERE {
        ?e dip:participant ?p . ?p a dip:Person ; rdfs:label ?l } GROUP BY ?p ORDER BY DESC(?n) LIMIT 20""",
    "bench:events-in-2019": """SELECT DISTINCT ?e ?date WHERE { ?e dip:date ?date .
        FILTER(STR(?date) >= "2019" && STR(?date) < "2020") } ORDER BY ?date""",
}


def _dir_size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def corpus_for(n: int, seed: int, work: Path) -> Path:
    """The corpus of ``n`` articles for ``seed``, generated once and reused."""
    folder = work / f"corpus-{n}-s{seed}"
    stamp = folder / ".generated.json"
    want = {"n": n, "seed": seed, "version": synth.GENERATOR_VERSION}
    if stamp.exists():
        try:
            if {k: v for k, v in json.loads(stamp.read_text()).items() if k in want} == want:
                return folder
        except json.JSONDecodeError:
            pass
    if folder.exists():
        shutil.rmtree(folder)
    t = time.perf_counter()
    stats = synth.generate(n, folder, seed)
    stamp.write_text(json.dumps({**want, **stats, "seconds": round(time.perf_counter() - t, 2)}))
    return folder


def read_texts(folder: Path) -> list[str]:
    from kg.corpus import read_corpus
    articles, _ = read_corpus(folder)
    return [a.text for a in articles]


def tokenizer_rate(texts: list[str], repeat: int = 3) -> dict:
    """Words per second of the bare spaCy tokenizer over ``texts`` (best of ``repeat``)."""
    import spacy
    tok = spacy.blank("en").tokenizer
    words = sum(len(t.split()) for t in texts)
    best, tokens = float("inf"), 0
    for _ in range(repeat):
        t = time.perf_counter()
        tokens = sum(len(tok(x)) for x in texts)
        best = min(best, time.perf_counter() - t)
    return {"words": words, "tokens": tokens, "seconds": best, "words_per_s": words / best}


def run_build(inp: Path, out: Path, profile: Path | None = None) -> dict:
    """One build in a child process: its own report (wall, peak RSS, stages) plus the process time."""
    cmd = [sys.executable, "-m", "bench.child", str(inp), str(out)]
    if profile:
        cmd += ["--profile", str(profile), "--serial"]  # extraction in the profiled process
    t = time.perf_counter()
    import tempfile
    with tempfile.TemporaryFile() as out_f, tempfile.TemporaryFile() as err_f:
        with subprocess.Popen(cmd, cwd=ROOT, stdout=out_f, stderr=err_f, env={**os.environ, "PYTHONPATH": str(ROOT)}) as proc:
            tree_peak = _watch_tree(proc)
            proc.wait()
        out_f.seek(0)
        err_f.seek(0)
        stdout, stderr = out_f.read(), err_f.read()
    process_s = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"build failed ({proc.returncode}):\n{stderr.decode(errors='replace')[-4000:]}")
    report = json.loads(stdout.decode().strip().splitlines()[-1])
    report["process_s"] = process_s
    report["tree_peak_rss_mb"] = tree_peak
    return report


def _watch_tree(proc, every: float = 0.05) -> float | None:
    """Peak of the summed RSS of ``proc`` and its children (worker processes), sampled; MB."""
    try:
        import psutil
    except ImportError:
        return None
    peak = 0
    try:
        root = psutil.Process(proc.pid)
    except psutil.Error:
        return None
    while proc.poll() is None:
        total = 0
        try:
            for p in [root, *root.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        peak = max(peak, total)
        time.sleep(every)
    return peak / 2**20


def _open_store(out: Path):
    from kg.store import Store
    if (out / "store").is_dir():
        try:
            return Store(out / "store", read_only=True), 0.0
        except Exception:  # noqa: BLE001 - a store we cannot open read-only: load the TriG instead
            pass
    t = time.perf_counter()
    store = Store()
    store.load_trig(out / "kg.trig")
    return store, time.perf_counter() - t


def query_latency(out: Path, runs: int = 5, timeout: float = 30.0) -> dict:
    """Median latency (ms) of every canned query (its parameters at their defaults, bound the way
    ``kg query`` binds them) and of the built-in ones, each in its own process with a timeout."""
    names = [f"queries/{p.name}" for p in sorted((ROOT / "queries").glob("*.rq"))] + list(BUILTIN_QUERIES)
    out_ = {}
    for name in names:
        cmd = [sys.executable, "-m", "bench.qchild", str(out), name, "--runs", str(runs), "--budget", str(timeout / 2)]
        try:
            proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout + 5,
                                  env={**os.environ, "PYTHONPATH": str(ROOT)})
        except subprocess.TimeoutExpired:
            out_[name] = {"error": f"timeout: over {timeout:.0f} s", "timeout": True}
            continue
        if proc.returncode != 0:
            out_[name] = {"error": proc.stderr.strip().splitlines()[-1][:300] if proc.stderr.strip() else "failed"}
            continue
        out_[name] = json.loads(proc.stdout.strip().splitlines()[-1])
    return out_


def html_export_time(build: dict, store, out: Path) -> float | None:
    """The build's own HTML stage when it timed one; otherwise the page written again, timed here."""
    if "write_html" in build.get("stages_s", {}):
        return build["stages_s"]["write_html"]
    try:
        from kg.export.html import write_html
    except ImportError:
        return None
    t = time.perf_counter()
    write_html(store, out / "bench-graph.html")
    return time.perf_counter() - t


def add_one(inp: Path, out: Path, n: int, seed: int) -> dict:
    """Build again with nothing changed, then add one new article to ``inp`` and build again into
    the same ``out``, then remove it and build again (the folder and ``out`` are left as they were
    found: up to date). (The no-change build first, so that a change to the extractor's code since
    the first build - its cache key - does not count against the new article.)"""
    same = run_build(inp, out)
    path = synth.extra_article(inp, n, seed)
    try:
        report = run_build(inp, out)
    finally:
        synth.remove_article(path)
    gone = run_build(inp, out)
    return {"wall_s": report["wall_s"], "process_s": report["process_s"], "peak_rss_mb": report["peak_rss_mb"],
            "articles": report["articles"], "extracted": report.get("extracted"), "stages_s": report["stages_s"],
            "no_change_wall_s": same["wall_s"], "no_change_extracted": same.get("extracted"),
            "remove_wall_s": gone["wall_s"]}


def add_one_resident(inp: Path, out: Path, n: int, seed: int) -> dict:
    """Articles added to ``inp`` while a resident build watches it (bench/resident.py, in a child
    process): the time of each of its builds; the folder is restored."""
    done = subprocess.run([sys.executable, "-m", "bench.resident", str(inp), str(out), str(n), str(seed)], cwd=ROOT,
                          capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if done.returncode != 0:
        raise RuntimeError(f"resident build failed ({done.returncode}):\n{done.stderr.decode(errors='replace')[-4000:]}")
    report = json.loads(done.stdout.decode().strip().splitlines()[-1])
    added, edited, removed = report["added"], report["edited"], report["removed"]
    return {"wall_s": added["median_s"], "max_s": added["max_s"], "steady_rounds": added["rounds"],
            "stages_s": added["stages_s"], "edit_s": edited["median_s"], "edit_max_s": edited["max_s"],
            "remove_s": removed["median_s"], "remove_max_s": removed["max_s"],
            "rounds": report["rounds"], "peak_rss_mb": report["peak_rss_mb"]}


def bench_size(n: int, seed: int, work: Path, do_add_one: bool, log, query_timeout: float = 30.0) -> dict:
    inp = corpus_for(n, seed, work)
    out = work / f"out-{n}"
    if out.exists():
        shutil.rmtree(out)
    texts = read_texts(inp)
    tok = tokenizer_rate(texts)
    log(f"[{n}] corpus {inp} ({len(texts)} articles, {tok['words']:,} words); tokenizer {tok['words_per_s']:,.0f} words/s")
    build = run_build(inp, out)
    log(f"[{n}] build {build['wall_s']:.1f} s, peak {build['peak_rss_mb']:.0f} MB")
    words = tok["words"]
    res = {
        "n": n, "articles_built": build["articles"], "words": words, "tokenizer": tok, "build": build,
        "build_words_per_s": words / build["wall_s"],
        "build_vs_tokenizer": words / build["wall_s"] / tok["words_per_s"],
        "articles_per_s": (build["articles"] or n) / build["wall_s"],
        "peak_rss_mb": max(build["peak_rss_mb"], build["children_peak_rss_mb"]),
        "tree_peak_rss_mb": build.get("tree_peak_rss_mb"),
    }
    ext = build["stages_s"].get("extract_records")
    if ext:
        res["extract_s"] = ext
        res["extract_words_per_s"] = words / ext
        res["extract_vs_tokenizer"] = words / ext / tok["words_per_s"]
    store_dir = out / "store"
    res["store_path"] = str(store_dir if store_dir.exists() else out / "kg.trig")
    res["store_bytes"] = _dir_size(store_dir if store_dir.exists() else out / "kg.trig")
    res["trig_bytes"] = _dir_size(out / "kg.trig") if (out / "kg.trig").exists() else None
    res["queries"] = query_latency(out, timeout=query_timeout)
    log(f"[{n}] queries: " + ", ".join(f"{k.split('/')[-1]} {v['median_ms']:.0f} ms" if "median_ms" in v else f"{k.split('/')[-1]} {v['error']}"
                                       for k, v in res["queries"].items()))
    store, load_s = _open_store(out)
    res["store_open_s"] = load_s
    res["html_export_s"] = html_export_time(res["build"], store, out)
    del store
    if do_add_one:
        res["add_one"] = add_one(inp, out, n, seed)
        log(f"[{n}] add one article: {res['add_one']['wall_s']:.2f} s")
        res["add_one_resident"] = add_one_resident(inp, out, n, seed)
        res_one = res["add_one_resident"]
        log(f"[{n}] add one article, resident build: median {res_one['wall_s']:.2f} s, slowest {res_one['max_s']:.2f} s; "
            f"edit one: median {res_one['edit_s']:.2f} s, slowest {res_one['edit_max_s']:.2f} s; "
            f"remove one: median {res_one['remove_s']:.2f} s, slowest {res_one['remove_max_s']:.2f} s")
    return res


def _fmt_table(results: list[dict]) -> str:
    def q_max(r):
        if any(q.get("timeout") for q in r["queries"].values()):
            return float("inf")
        vals = [q["median_ms"] for q in r["queries"].values() if "median_ms" in q]
        return max(vals) if vals else None

    rows = [
        ("articles", lambda r: f"{r['n']:,}"),
        ("words", lambda r: f"{r['words']:,}"),
        ("build from scratch (s)", lambda r: f"{r['build']['wall_s']:.1f}"),
        ("articles / s", lambda r: f"{r['articles_per_s']:.1f}"),
        ("build words / s", lambda r: f"{r['build_words_per_s']:,.0f}"),
        ("bare tokenizer words / s", lambda r: f"{r['tokenizer']['words_per_s']:,.0f}"),
        ("build / tokenizer", lambda r: f"{100 * r['build_vs_tokenizer']:.1f} %"),
        ("extraction / tokenizer", lambda r: f"{100 * r['extract_vs_tokenizer']:.1f} %" if "extract_vs_tokenizer" in r else "n/a"),
        ("peak RSS, largest process (MB)", lambda r: f"{r['peak_rss_mb']:.0f}"),
        ("peak RSS, all build processes (MB)", lambda r: f"{r['tree_peak_rss_mb']:.0f}" if r.get("tree_peak_rss_mb") else "n/a"),
        ("store on disk (MB)", lambda r: f"{r['store_bytes'] / 1e6:.1f} ({Path(r['store_path']).name})"),
        ("slowest query, median (ms)", lambda r: "timeout" if q_max(r) == float("inf") else f"{q_max(r):.1f}" if q_max(r) is not None else "n/a"),
        ("HTML export (s)", lambda r: f"{r['html_export_s']:.2f}" if r.get("html_export_s") is not None else "n/a"),
        ("rebuild, nothing changed (s)", lambda r: f"{r['add_one']['no_change_wall_s']:.2f}" if r.get("add_one") else "n/a"),
        ("add one article and rebuild (s)", lambda r: f"{r['add_one']['wall_s']:.2f} ({r['add_one'].get('extracted')} extracted)" if r.get("add_one") else "n/a"),
        ("remove it and rebuild (s)", lambda r: f"{r['add_one']['remove_wall_s']:.2f}" if r.get("add_one", {}).get("remove_wall_s") else "n/a"),
        ("add one article, resident build `--watch`, median (slowest) (s)", lambda r: _median_max(r, "wall_s", "max_s")),
        ("edit one article, resident build, median (slowest) (s)", lambda r: _median_max(r, "edit_s", "edit_max_s")),
        ("remove one article, resident build, median (slowest) (s)", lambda r: _median_max(r, "remove_s", "remove_max_s")),
    ]
    head = ["| measure | " + " | ".join(f"N={r['n']:,}" for r in results) + " |",
            "|---|" + "---:|" * len(results)]
    body = [f"| {name} | " + " | ".join(fn(r) for r in results) + " |" for name, fn in rows]
    lines = head + body
    # stage breakdown
    stages = sorted({k for r in results for k in r["build"]["stages_s"]})
    if stages:
        lines += ["", "| build stage (s) | " + " | ".join(f"N={r['n']:,}" for r in results) + " |",
                  "|---|" + "---:|" * len(results)]
        for s in stages:
            lines.append(f"| {s} | " + " | ".join(f"{r['build']['stages_s'].get(s, 0):.2f}" for r in results) + " |")
    names = sorted({k for r in results for k in r["queries"]})
    if names:
        lines += ["", "| query, median ms (rows) | " + " | ".join(f"N={r['n']:,}" for r in results) + " |",
                  "|---|" + "---:|" * len(results)]
        for name in names:
            cells = []
            for r in results:
                q = r["queries"].get(name, {})
                cells.append(f"{q['median_ms']:.1f} ({q['rows']})" if "median_ms" in q
                             else "> {:.0f} s (timeout)".format(q_timeout(q)) if q.get("timeout") else q.get("error", "")[:40])
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _median_max(r: dict, median: str, slowest: str) -> str:
    res = r.get("add_one_resident")
    if not res or median not in res:
        return "n/a"
    return f"{res[median]:.2f} ({res[slowest]:.2f})" if slowest in res else f"{res[median]:.2f}"


def q_timeout(q: dict) -> float:
    import re
    m = re.search(r"over (\d+) s", q.get("error", ""))
    return float(m.group(1)) if m else 0.0


def verdict(results: list[dict]) -> list[str]:
    out = []
    for r in results:
        if r["n"] != 10_000:
            continue
        ok = lambda c: "PASS" if c else "FAIL"  # noqa: E731
        out.append(f"10k build {r['build']['wall_s']:.0f} s (< {TARGETS['build_s_10k']} s): {ok(r['build']['wall_s'] < TARGETS['build_s_10k'])}")
        peak = max(r["peak_rss_mb"], r.get("tree_peak_rss_mb") or 0)
        out.append(f"10k peak RSS {peak:.0f} MB, all processes (< {TARGETS['peak_rss_mb']} MB): {ok(peak < TARGETS['peak_rss_mb'])}")
        qs = [q["median_ms"] for q in r["queries"].values() if "median_ms" in q]
        slow = [k for k, q in r["queries"].items() if q.get("timeout")]
        if slow:
            out.append(f"10k queries that timed out: {', '.join(slow)}: FAIL")
        if qs:
            out.append(f"10k slowest query {max(qs):.0f} ms (< {TARGETS['query_ms']} ms): {ok(max(qs) < TARGETS['query_ms'])}")
        if r.get("add_one"):
            out.append(f"10k add one article {r['add_one']['wall_s']:.1f} s (< {TARGETS['add_one_s']} s): {ok(r['add_one']['wall_s'] < TARGETS['add_one_s'])}")
        if r.get("add_one_resident"):
            res = r["add_one_resident"]
            out.append(f"10k add one article, resident build, median of {res.get('steady_rounds', 1)} {res['wall_s']:.2f} s "
                       f"(slowest {res.get('max_s', res['wall_s']):.2f} s) (< {TARGETS['add_one_s']} s): "
                       f"{ok(res['wall_s'] < TARGETS['add_one_s'])}")
    for r in results:
        if "extract_vs_tokenizer" in r:
            out.append(f"N={r['n']:,} extraction at {100 * r['extract_vs_tokenizer']:.1f} % of the tokenizer (>= 15 %): "
                       f"{'PASS' if r['extract_vs_tokenizer'] >= TARGETS['extract_vs_tokenizer'] else 'FAIL'}")
    return out


def profile(n: int, seed: int, work: Path, top: int = 30) -> Path:
    """cProfile a from-scratch build of ``n`` articles; writes bench/profile-N.txt and returns it."""
    import io
    import pstats
    inp = corpus_for(n, seed, work)
    out = work / f"out-profile-{n}"
    if out.exists():
        shutil.rmtree(out)
    stats_file = work / f"profile-{n}.pstats"
    run_build(inp, out, profile=stats_file)
    import re
    buf = io.StringIO()
    st = pstats.Stats(str(stats_file), stream=buf)
    buf.write(f"# cProfile of a from-scratch build of {n} synthetic articles (extraction in one process)\n\n"
              "## the project's own functions (kg/*), by cumulative time\n")
    st.sort_stats("cumulative").print_stats(r"/kg/", top)
    buf.write("\n## everything, by own time (tottime)\n")
    st.sort_stats("tottime").print_stats(top)
    buf.write("\n## everything, by cumulative time\n")
    st.sort_stats("cumulative").print_stats(top)
    text = buf.getvalue().replace(str(ROOT) + "/", "")
    text = re.sub(r"\S*/site-packages/", "", text)
    text = re.sub(r"\S*/lib/python3\.\d+/", "", text)
    path = ROOT / "bench" / f"profile-{n}.txt"
    path.write_text(text)
    return path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,1000,10000", help="comma-separated corpus sizes (default 100,1000,10000)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path, default=ROOT / "bench" / "results.json")
    ap.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "dipkg-bench",
                    help="where corpora and outputs go (default $TMPDIR/dipkg-bench)")
    ap.add_argument("--no-add-one", action="store_true", help="skip the add-one-article rebuild")
    ap.add_argument("--query-timeout", type=float, default=20.0, help="seconds allowed per query (default 20)")
    ap.add_argument("--profile", type=int, default=None, metavar="N",
                    help="instead of the benchmark, cProfile a build of N articles (writes bench/profile-N.txt)")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    if args.profile:
        path = profile(args.profile, args.seed, args.work)
        print(path.read_text())
        return 0
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    results = []
    for n in sizes:
        results.append(bench_size(n, args.seed, args.work, not args.no_add_one, log, args.query_timeout))
        # written after each size, so a long run leaves its partial results
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
            "seed": args.seed, "targets": TARGETS, "results": results}, indent=2, default=str))
    print(_fmt_table(results))
    for line in verdict(results):
        print(line)
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
