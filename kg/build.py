"""The build: articles on disk -> records -> merged entities and events -> RDF store -> outputs."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import Problem, read_corpus
from .extract.pipeline import build_pipeline, extract
from .gazetteer import default
from .graph import dataset_quads
from .records import ArticleRecord, EntityInfo, Event
from .resolve import article_word_counts, merge_entities, merge_events
from .store import Store


@dataclass
class BuildResult:
    articles: int
    entities: int
    events: int
    triples: int
    seconds: float
    problems: list[Problem] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.skipped]

    def summary(self) -> str:
        lines = [f"articles read   {self.articles}" + (f" ({len(self.skipped)} skipped)" if self.skipped else ""),
                 f"entities        {self.entities}",
                 f"events          {self.events}",
                 f"triples         {self.triples}",
                 f"time            {self.seconds:.2f} s"]
        for p in self.problems:
            lines.append(f"{'skipped' if p.skipped else 'note'}: {p}")
        for name, path in self.outputs.items():
            lines.append(f"wrote {path}")
        return "\n".join(lines)


def read_and_resolve(input_dir: Path, model: str | None = None):
    """Read, extract and merge: (records, entities, events, problems)."""
    articles, problems = read_corpus(Path(input_dir))
    nlp = build_pipeline(base_model=model)
    gaz = default()
    records: list[ArticleRecord] = [extract(a, nlp, gaz) for a in articles]
    words = {a.id: article_word_counts(a.text) for a in articles}
    entities = merge_entities(records)
    events = merge_events(records, entities, words)
    return records, entities, events, problems


def build(input_dir: Path = Path("seeds"), out_dir: Path = Path("output"), model: str | None = None,
          html: bool = True) -> BuildResult:
    """Build ``out_dir``/kg.trig and graph.html from the articles in ``input_dir``."""
    t0 = time.perf_counter()
    records, entities, events, problems = read_and_resolve(input_dir, model)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    store = Store()
    store.load(dataset_quads(records, entities, events))
    outputs = {}
    trig = out_dir / "kg.trig"
    tmp = trig.with_suffix(".trig.tmp")
    store.dump_trig(tmp)
    tmp.replace(trig)
    outputs["trig"] = trig
    if html:
        from .export.html import write_html
        outputs["html"] = write_html(store, out_dir / "graph.html")
    entity_count = sum(1 for e in entities.values())
    return BuildResult(len(records), entity_count, len(events), len(store), time.perf_counter() - t0, problems, outputs)
