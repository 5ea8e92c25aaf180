"""The build: articles on disk -> records -> merged entities and events -> RDF store -> outputs.

Incremental: each article's extraction record is cached by content (kg.cache), so a rebuild
extracts only new and changed articles; merging and the RDF are always recomputed from all
records, so the result equals a build from scratch. The persistent store is copied from the
previous build (hard links) and only the named graphs whose content changed are rewritten. A build
of exactly what the last one was made from (articles, code, data, options: build.json) has nothing
to do and leaves the output as it is.
Crash-safe: everything is written into a temporary sibling folder swapped in at the end
(kg.outdir), under a lock that refuses a second build of the same output.
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import shutil
import sys
import time
import weakref
from collections import Counter
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from .cache import OUTPUT_GLOBS, OUTPUT_PACKAGES, RecordCache, article_key, fingerprint, link_or_copy
from .corpus import Article, Problem, read_corpus
from .errors import InputError
from .graph import dataset_rdf
from .outdir import OutputLock, clean_leftovers, staging_dir, swap_in
from .readcache import ReadCache
from .records import ArticleRecord
from .resolve import MergeMemory, article_word_counts, merge_entities, merge_events
from .store import STORE_DIR, TRIG_FILE, Store, write_trig, write_trig_blocks
from .vocab import GRAPH, RESOURCE
from .warm import Memo, Warm

CACHE_DIR = "cache"
GRAPHS_FILE = "store-graphs.json"  # digest of each named graph in store/: what the next build may keep
VALIDATION_FILE = "validation.json"  # SHACL results by focus node: what the next build need not check again
BUILD_FILE = "build.json"  # what the build was made from, and its counts: the same again has nothing to do
PARALLEL_MIN = 64  # extract in a process pool from this many articles to read (and 2+ CPUs)


@dataclass
class BuildResult:
    articles: int
    entities: int
    events: int
    triples: int
    seconds: float
    problems: list[Problem] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    extracted: int = 0  # articles read by the extractor (the others came from the cache)
    graphs_written: int = 0  # named graphs (re)written in the store
    graphs_dropped: int = 0
    violations: int | None = None  # SHACL violations; None when validation did not run
    phases: dict[str, float] = field(default_factory=dict)  # seconds per stage
    unchanged: bool = False  # the articles, code and options were those of the last build: output kept

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.skipped]

    def summary(self) -> str:
        lines = [f"articles read   {self.articles}" + (f" ({len(self.skipped)} skipped)" if self.skipped else "")]
        if self.unchanged:
            lines.append("unchanged       the articles, the code and the options are those of the last build: "
                         "its output is kept as it is")
        lines += [f"extracted       {self.extracted} (the other {self.articles - self.extracted} unchanged, from the cache)",
                  f"entities        {self.entities}",
                  f"events          {self.events}",
                  f"triples         {self.triples}",
                  f"graphs          {self.graphs_written} written, {self.graphs_dropped} dropped"]
        if self.violations is not None:
            lines.append(f"shape checks    {self.violations} violation{'s' if self.violations != 1 else ''}"
                         + (" (see `kg validate`)" if self.violations else ""))
        detail = ", ".join(f"{name} {sec:.1f}" for name, sec in self.phases.items())
        lines.append(f"time            {self.seconds:.2f} s" + (f" ({detail})" if detail else ""))
        for p in self.problems:
            lines.append(f"{'skipped' if p.skipped else 'note'}: {p}")
        for name, path in self.outputs.items():
            lines.append(f"wrote {path}")
        return "\n".join(lines)


# ---------------------------------------------------------------- extraction (cached, maybe parallel)

_worker: dict = {}


def load_pipeline(model: str | None) -> None:
    """Load the pipeline, unless this process (or the one it was forked from) has it loaded from
    the same extractor code and data."""
    from .extract.pipeline import build_pipeline
    from .gazetteer import default

    loaded_from = fingerprint(model)
    if _worker.get("from") == loaded_from:
        return
    default.cache_clear()
    _worker["nlp"], _worker["gaz"], _worker["from"] = build_pipeline(base_model=model), default(), loaded_from


def _start_worker(model: str | None) -> None:
    """An extraction process: the collector on (a build pauses it, and forked processes inherit
    that; spaCy's Docs hold reference cycles), the pipeline loaded."""
    gc.enable()
    load_pipeline(model)


def _extract_one(article: Article) -> tuple[ArticleRecord, Counter]:
    from .extract.pipeline import extract

    return extract(article, _worker["nlp"], _worker["gaz"]), article_word_counts(article.text)


def _extract_many(todo: list[Article], model: str | None, bar):
    """(record, word counts) of each article in ``todo``, in order; across processes when many."""
    jobs = min(os.cpu_count() or 1, 8)
    if len(todo) >= PARALLEL_MIN and jobs > 1:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
        with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_start_worker, initargs=(model,)) as pool:
            for value in pool.map(_extract_one, todo, chunksize=max(1, min(16, len(todo) // (jobs * 4)))):
                bar.update(1)
                yield value
        return
    load_pipeline(model)
    for article in todo:
        value = _extract_one(article)
        bar.update(1)
        yield value


def _progress(total: int, show: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc="extracting", unit="article", disable=not show or total == 0,
                file=sys.stderr, dynamic_ncols=True, leave=False)


def article_keys(articles: list[Article], model: str | None, key=article_key) -> list[str]:
    """The cache key of each article (its content, metadata and name, and the extractor's
    fingerprint); ``key``: what makes one (``cache.article_key``, or a resident build's memory of it)."""
    fp = fingerprint(model)
    return [key(a, fp) for a in articles]


def extract_records(articles: list[Article], keys: list[str], model: str | None, old: RecordCache | None,
                    new: RecordCache | None, show_progress: bool = False,
                    memo: Memo | None = None) -> tuple[list[ArticleRecord], dict[str, Counter], int]:
    """Records and word counts of every article (``keys``: their cache keys): from ``memo`` (a
    resident build's) or ``old`` where cached, extracted otherwise; all written to ``new``.
    Returns (records, words, number extracted)."""
    values: dict[int, tuple[ArticleRecord, Counter]] = {}
    todo = []
    for i, (article, key) in enumerate(zip(articles, keys)):
        hit = memo.get(key) if memo is not None else None
        if hit is None and old is not None:
            hit = old.get(key)
        if hit is not None and hit[0].id == article.id:
            values[i] = hit
            if new is not None and not (old is not None and new.adopt(old, key)):
                new.put(key, hit)
            if memo is not None:
                memo.put(key, hit)
        else:
            todo.append(i)
    with _progress(len(todo), show_progress) as bar:
        for i, value in zip(todo, _extract_many([articles[i] for i in todo], model, bar)):
            values[i] = value
            if new is not None:
                new.put(keys[i], value)
            if memo is not None:
                memo.put(keys[i], value)
    records = [values[i][0] for i in range(len(articles))]
    words = {records[i].id: values[i][1] for i in range(len(articles))}
    return records, words, len(todo)


def merged(records, words, keys: list[str], old_cache: Path, new_cache: Path, memory: MergeMemory | None = None):
    """(entities, events) of all records; reused from the previous build when it had exactly the
    same records (the keys include the fingerprint of kg/resolve.py), merged again otherwise. A
    resident build passes its ``memory`` of the last merge instead: replayed where it holds."""
    if memory is not None:
        entities = merge_entities(records, memory.entities)
        return entities, merge_events(records, entities, words, memory)
    digest = hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()
    name = f"merged-{digest}.bin"
    try:
        with open(old_cache / name, "rb") as fh:
            entities, events = pickle.load(fh)
        link_or_copy(old_cache / name, new_cache / name)
        return entities, events
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        pass
    entities = merge_entities(records)
    events = merge_events(records, entities, words)
    new_cache.mkdir(parents=True, exist_ok=True)
    tmp = new_cache / f".{name}.tmp"
    with open(tmp, "wb") as fh:
        pickle.dump((entities, events), fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, new_cache / name)
    return entities, events


# ---------------------------------------------------------------- the store

def _previous_graphs(out_dir: Path) -> dict | None:
    try:
        info = json.loads((out_dir / GRAPHS_FILE).read_text(encoding="utf-8"))
        return info if isinstance(info.get("graphs"), dict) and isinstance(info.get("quads"), int) else None
    except (OSError, ValueError, AttributeError):
        return None


def _nodes(quads) -> set[str]:
    """The resources the quads name (not the vocabulary: classes and properties are no focus)."""
    import pyoxigraph as ox

    out = set()
    for q in quads:
        out.add(q.subject.value)
        if isinstance(q.object, ox.NamedNode) and q.object.value.startswith(_RESOURCES):
            out.add(q.object.value)
    return out


_RESOURCES = (str(RESOURCE), str(GRAPH))


def write_store(graphs: dict[str, list], digests: dict[str, str], old_dir: Path, new_dir: Path,
                remembered: tuple[dict, dict] | None = None, as_left: bool = False):
    """The store of this build in ``new_dir``: the previous one copied, with only changed graphs
    patched, or loaded from scratch. ``graphs``: each graph's statements by graph name;
    ``remembered``: the (graphs, digests) of an earlier build (a resident build's), so that the
    statements of a graph it stored with the same digest need not be read back from the store;
    ``as_left``: the old store's files are as the last build left them (build.json says so).
    Returns (store, graphs written, graphs dropped, touched), ``touched`` being the IRIs named in
    the statements added or removed (None: all are new)."""
    import pyoxigraph as ox

    previous = _previous_graphs(old_dir.parent)
    store = None
    if previous is not None and (old_dir / "CURRENT").exists():
        # a store whose files are as the last build left them holds what store-graphs.json says;
        # any other is counted first (0.1 s at 10,000 articles)
        try:
            old = Store(old_dir, read_only=True)
            if as_left or len(old) == previous["quads"]:
                old.backup(new_dir)
            del old
            if new_dir.exists():
                store = Store(new_dir)
        except OSError:
            shutil.rmtree(new_dir, ignore_errors=True)
            store = None
    if store is None:
        store = Store(new_dir)
        store.load(q for quads in graphs.values() for q in quads)
        return store, len(digests), 0, None
    old_graphs = previous["graphs"]
    changed = {g for g, d in digests.items() if old_graphs.get(g) != d}
    dropped = [g for g in old_graphs if g not in digests]
    touched: set[str] = set()
    for g in dropped:
        graph = ox.NamedNode(g) if g else ox.DefaultGraph()
        touched |= _nodes(store.ox.quads_for_pattern(None, None, None, graph))
        store.drop_graph(graph)
    # a changed graph is patched, not rewritten: the shared entities and events graphs change a
    # little with every article, and only the nodes whose statements changed need checking again
    kept_graphs, kept_digests = remembered if remembered is not None else ({}, {})
    old_quads, fresh = set(), set()
    for g in changed:
        if g not in old_graphs:
            fresh.update(graphs[g])
        elif g in kept_graphs and kept_digests.get(g) == old_graphs[g]:
            # the parts (subjects) both have, the same objects, are unchanged: only the others count
            old_parts, new_parts = _parts(kept_graphs[g]), _parts(graphs[g])
            old_quads.update(q for key, part in old_parts.items() if key not in new_parts for q in part)
            fresh.update(q for key, part in new_parts.items() if key not in old_parts for q in part)
        else:
            old_quads.update(store.ox.quads_for_pattern(None, None, None, ox.NamedNode(g) if g else ox.DefaultGraph()))
            fresh.update(graphs[g])
    gone, added = old_quads - fresh, fresh - old_quads
    for q in gone:
        store.ox.remove(q)
    store.load(added)
    touched |= _nodes(gone) | _nodes(added)
    return store, len(changed), len(dropped), touched


def _parts(quads: list) -> dict[int, list]:
    """A graph's parts by identity (graph.Statements), or the whole graph as one part."""
    return {id(part): part for part in getattr(quads, "parts", ()) or (quads,)}


def _validate(store: Store, touched: set[str] | None, out_dir: Path, staged: Path) -> int | None:
    """SHACL violations of the whole graph; when the previous build's results are known, only the
    nodes named in rewritten or dropped graphs are checked again."""
    try:
        from .validate import shapes_key, violations
    except ModuleNotFoundError:
        return None
    key = shapes_key()
    per_node: dict[str, list[str]] | None = None
    if touched is not None:
        try:
            prev = json.loads((out_dir / VALIDATION_FILE).read_text(encoding="utf-8"))
            if prev.get("shapes") == key and isinstance(prev.get("violations"), dict):
                per_node = {n: v for n, v in prev["violations"].items() if n not in touched}
        except (OSError, ValueError, AttributeError):
            per_node = None
    if per_node is None:
        per_node, found = {}, violations(store)
    else:
        found = violations(store, focus=touched)
    for v in found:
        per_node.setdefault(v.focus, []).append(str(v))
    (staged / VALIDATION_FILE).write_text(json.dumps({"shapes": key, "violations": per_node}, sort_keys=True, indent=0),
                                          encoding="utf-8")
    return sum(len(v) for v in per_node.values())


# ---------------------------------------------------------------- the build

OWN = {CACHE_DIR, STORE_DIR, TRIG_FILE, GRAPHS_FILE, VALIDATION_FILE, BUILD_FILE, "graph.html"}


def _check_output(input_dir: Path, out_dir: Path) -> None:
    """The output folder is replaced as a whole: refuse one that holds anything else."""
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"output {out_dir} exists and is not a folder")
    if input_dir.absolute() == out_dir or out_dir in input_dir.absolute().parents:
        raise InputError(f"the output folder {out_dir} contains the input {input_dir}: choose another --out")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not any((out_dir / name).exists() for name in OWN - {"graph.html"}):
        raise InputError(f"output {out_dir} is not empty and holds no earlier build (no {TRIG_FILE}, {STORE_DIR}/): "
                         "a build replaces its output folder as a whole, so choose a new or empty folder")

def build(input_dir: Path = Path("seeds"), out_dir: Path = Path("output"), model: str | None = None,
          html: bool = True, progress: bool | None = None, validate: bool = True,
          warm: Warm | None = None, locked: bool = False) -> BuildResult:
    """Build ``out_dir`` (store/, kg.trig, graph.html, cache/) from the articles in ``input_dir``.

    ``progress``: show a progress bar (default: when stdout is a terminal). ``warm``: what a
    resident build keeps from its earlier builds; ``locked``: the caller holds the output's lock
    (both kg.watch)."""
    t0 = time.perf_counter()
    out_dir = Path(out_dir).absolute()
    if progress is None:
        progress = sys.stdout.isatty() and sys.stderr.isatty()
    _check_output(Path(input_dir), out_dir)
    with nullcontext() if locked else OutputLock(out_dir):
        clean_leftovers(out_dir)
        reads = ReadCache(out_dir / CACHE_DIR) if warm is None else None
        articles, problems = read_corpus(Path(input_dir), warm.read_article if warm is not None else reads.read)
        if not articles:
            why = "; ".join(str(p) for p in problems) or "it has no *.txt files"
            raise InputError(f"no article could be read from {input_dir} ({why}); the previous output is kept")
        keys = article_keys(articles, model, warm.article_key if warm is not None else article_key)
        inputs = inputs_digest(keys, model, html, validate)
        last = _LastBuild.of(out_dir)
        result = _unchanged(last, out_dir, inputs, problems)
        if result is not None and reads is not None and reads.changed:
            reads.save(out_dir / CACHE_DIR)  # (the outputs are the same; the files as read were not all remembered)
        if result is None:
            staged = staging_dir(out_dir)
            try:
                with collector_paused():
                    result = _build_into(articles, keys, problems, out_dir, staged, model, html, progress, validate,
                                         inputs, warm, last.store_as_left)
                if reads is not None:
                    reads.save(staged / CACHE_DIR)
                swap_in(staged, out_dir)
                if warm is not None:
                    warm.end_round()
            except BaseException:
                shutil.rmtree(staged, ignore_errors=True)
                if warm is not None:
                    warm.failed()
                raise
            result.outputs = {name: out_dir / path.relative_to(staged) for name, path in result.outputs.items()}
    result.seconds = time.perf_counter() - t0
    return result


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector paused (the build runs it at its end only if a reference
    cycle holds the store it must close). A build makes hundreds of thousands of long-lived objects (records, entities, quads)
    and no reference cycles of its own; with the collector on, every live object is scanned again
    each time they grow by a quarter. Measured at 10,000 articles: making the RDF 2.4 -> 1.5 s in a
    resident build."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def inputs_digest(keys: list[str], model: str | None, html: bool, validate: bool) -> str:
    """A digest of everything a build's output depends on: the articles (``keys``: content, metadata,
    file names), the code and data of kg/, ontology/ and queries/, the libraries' versions, the options."""
    code = fingerprint(model, globs=OUTPUT_GLOBS, packages=OUTPUT_PACKAGES)
    h = hashlib.sha256(f"{code}\0{html}\0{validate}\0".encode())
    for key in sorted(keys):
        h.update(key.encode())
    return h.hexdigest()


def _store_stamp(store_dir: Path) -> list | None:
    """Name, size and modification time of the store's files (RocksDB writes new files or appends
    to them; its info logs, written by readers too, aside)."""
    try:
        return sorted([p.name, p.stat().st_size, p.stat().st_mtime_ns] for p in store_dir.iterdir()
                      if p.is_file() and not p.name.startswith("LOG"))
    except OSError:
        return None


@dataclass
class _LastBuild:
    """What the last build into a folder recorded (build.json; empty when there is none) and the
    stamp its store's files have now: read once per build."""

    info: dict
    store_stamp: list | None

    @classmethod
    def of(cls, out_dir: Path) -> "_LastBuild":
        try:
            info = json.loads((out_dir / BUILD_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            info = None
        return cls(info if isinstance(info, dict) else {}, _store_stamp(out_dir / STORE_DIR))

    @property
    def store_as_left(self) -> bool:
        """Whether the store's files are as the last build left them."""
        return self.store_stamp is not None and self.store_stamp == self.info.get("store")


def _unchanged(last: _LastBuild, out_dir: Path, inputs: str, problems: list[Problem]) -> BuildResult | None:
    """The last build's result when it was made from the same inputs and its outputs are all there."""
    info = last.info
    try:
        if info["inputs"] != inputs:
            return None
        outputs = {name: out_dir / path for name, path in info["outputs"].items()}
        counts = [int(info[k]) for k in ("articles", "entities", "events", "triples")]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not all(path.exists() for path in outputs.values()) or info.get("store") != last.store_stamp:
        return None  # an output is missing, or the store was written to since
    return BuildResult(*counts, 0.0, problems, outputs, violations=info.get("violations"), unchanged=True)


def _build_into(articles, keys: list[str], problems, out_dir: Path, staged: Path, model, html: bool, progress: bool,
                validate: bool, inputs: str, warm: Warm | None = None, store_as_left: bool = False) -> BuildResult:
    phases: dict[str, float] = {}
    clock = [time.perf_counter()]

    def lap(name: str) -> None:
        now = time.perf_counter()
        phases[name] = now - clock[0]
        clock[0] = now

    records, words, extracted = extract_records(articles, keys, model, RecordCache(out_dir / CACHE_DIR),
                                                RecordCache(staged / CACHE_DIR), progress,
                                                warm.records if warm is not None else None)
    lap("extract")
    entities, events = merged(records, words, keys, out_dir / CACHE_DIR, staged / CACHE_DIR,
                              warm.merge if warm is not None else None)
    lap("merge")
    graphs, digests = dataset_rdf(records, entities, events, warm.graphs if warm is not None else None)
    if warm is not None:
        warm.made = graphs, digests
    lap("rdf")
    store, written, dropped, touched = write_store(graphs, digests, out_dir / STORE_DIR, staged / STORE_DIR,
                                                   warm.dataset if warm is not None else None, store_as_left)
    outputs = {"store": staged / STORE_DIR}
    lap("store")
    trig = staged / TRIG_FILE
    # from the quads just stored, not read back (3 s at 10,000 articles): graph.py writes every
    # literal in its canonical form, so these are the store's statements (a test compares them)
    if warm is None:
        write_trig((q for quads in graphs.values() for q in quads), trig)
    else:  # the blocks of the graphs as they were (by digest) are remembered
        write_trig_blocks([warm.trig_block(name, digests[name], quads) for name, quads in graphs.items()], trig)
    outputs["trig"] = trig
    lap("trig")
    if html:
        from .export.html import write_html
        # a resident build redraws only what the statements it changed touch
        outputs["html"] = Path(write_html(store, staged / "graph.html",
                                          memo=warm.elements if warm is not None else None, touched=touched))
        lap("html")
    elif warm is not None:
        warm.elements.forget()  # it would not know what this build changed
    violations = _validate(store, touched, out_dir, staged) if validate else None
    if validate:
        lap("validate")
    triples = sum(len(quads) for quads in graphs.values())  # what the store holds (counting it: 0.1 s at 10k)
    store.flush()
    alive = weakref.ref(store)
    del store  # closed before its folder is renamed: at once, unless a reference cycle holds it
    if alive() is not None:
        gc.collect()
    (staged / GRAPHS_FILE).write_text(json.dumps({"quads": triples, "graphs": digests}, sort_keys=True, indent=0),
                                      encoding="utf-8")
    (staged / BUILD_FILE).write_text(json.dumps(
        {"inputs": inputs, "articles": len(records), "entities": len(entities), "events": len(events),
         "triples": triples, "violations": violations, "store": _store_stamp(staged / STORE_DIR),
         "outputs": {name: str(path.relative_to(staged)) for name, path in outputs.items()}}, indent=1),
        encoding="utf-8")
    return BuildResult(len(records), len(entities), len(events), triples, 0.0, problems, outputs,
                       extracted=extracted, graphs_written=written, graphs_dropped=dropped, violations=violations,
                       phases=phases)
