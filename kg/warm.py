"""What a resident build (``kg build --watch``) keeps in memory from one build to the next, so that
rebuilding after one article changed costs about what that article costs: each file as read (by
its size, modification time and inode, and its sidecar's), each article's extraction record (by its
cache key), each article's named graph (by everything it is made of), each entity's and event's
statements and each graph's block of the TriG file, the statements of the last build swapped in
(what its store holds), what its page drew, and what the last merge decided report by report
(replayed where what a report read is unchanged). The loaded spaCy pipeline is kept by kg.build
itself. What a build did not use is forgotten at its end, so memory follows the corpus, not the
history of the folder.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .cache import article_key
from .corpus import Article, Problem, read_article, sidecar_name
from .export.elements import ElementsMemo
from .resolve import MergeMemory
from .store import trig_block

# a file modified this recently may be modified again within its time stamp's resolution (a few
# milliseconds on Linux) without its stamp changing: such a file is read again next time
RACY_NS = 2_000_000_000


_MISSING = object()


class Memo(dict):
    """A dict that forgets, at the end of each round, the keys the round did not use."""

    def __init__(self):
        super().__init__()
        self.used: set = set()

    def get(self, key, default=None):
        value = super().get(key, _MISSING)
        if value is _MISSING:
            return default
        self.used.add(key)
        return value

    def put(self, key, value) -> None:
        self[key] = value
        self.used.add(key)

    def remember(self, key, make):
        """The value kept for ``key``; made by ``make()`` and kept if there is none."""
        value = self.get(key, _MISSING)
        if value is _MISSING:
            value = make()
            self.put(key, value)
        return value

    def end_round(self) -> None:
        if len(self.used) < len(self):
            for key in [k for k in self if k not in self.used]:
                del self[key]
        self.used = set()


def file_stamp(path: Path) -> tuple:
    """(size, modification time, inode) of an article and of its sidecar (None where absent)."""
    name = os.fspath(path)
    out = []
    for p in (name, sidecar_name(name)):  # (strings, not Paths: a resident build asks this of every file)
        try:
            st = os.stat(p)
        except OSError:
            out.append(None)
        else:
            out.append((st.st_size, st.st_mtime_ns, st.st_ino))
    return tuple(out)


@dataclass
class Warm:
    files: Memo = field(default_factory=Memo)  # path -> (stamp, (article, problems))
    keys: Memo = field(default_factory=Memo)  # (id of an article as read, fingerprint) -> (the article, its cache key)
    records: Memo = field(default_factory=Memo)  # cache key -> (record, word counts)
    # ("article", *graph.article_inputs(...)) -> (the record, the graph's name, (sorted quads, digest)): an
    # article's graph;
    # ("objects", graph, *values, *ids of objects) -> (the objects, (sorted quads, digest sum)): an
    # entity's or an event's statements (see graph._graph)
    graphs: Memo = field(default_factory=Memo)
    trig: Memo = field(default_factory=Memo)  # (graph name, digest) -> the graph's block of the TriG file
    elements: ElementsMemo = field(default_factory=ElementsMemo)  # what the page of the last build drew
    merge: MergeMemory = field(default_factory=MergeMemory)  # what the last merge decided
    # the (graphs, digests) of the last build that was swapped in: its store holds those statements
    dataset: tuple[dict, dict] | None = None
    made: tuple[dict, dict] | None = None  # those of the build under way

    def read_article(self, path: Path) -> tuple[Article | None, list[Problem]]:
        """corpus.read_article, remembered while the file and its sidecar keep their stamps."""
        stamp = file_stamp(path)
        hit = self.files.get(path)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        value = read_article(path)
        if time.time_ns() - max((s[1] for s in stamp if s), default=0) > RACY_NS:
            self.files.put(path, (stamp, value))
        return value

    def article_key(self, article: Article, fp: str) -> str:
        """cache.article_key, remembered for the article as read (the same object while its file
        keeps its stamp; the memory holds it, so its id is not another's)."""
        return self.keys.remember((id(article), fp), lambda: (article, article_key(article, fp)))[1]

    def trig_block(self, name: str, digest: str, quads: list) -> bytes:
        """store.trig_block of a graph, remembered by its name and digest."""
        return self.trig.remember((name, digest), lambda: trig_block(quads))

    def failed(self) -> None:
        """The build under way was thrown away: the page memo has read a store that is not kept,
        so the next page is drawn from scratch."""
        self.elements.forget()
        self.made = None

    def end_round(self) -> None:
        """The build under way was swapped in."""
        for memo in (self.files, self.keys, self.records, self.graphs, self.trig):
            memo.end_round()
        if self.made is not None:
            self.dataset, self.made = self.made, None
