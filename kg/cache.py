"""The extraction cache: one pickle per article, keyed by the article's content and metadata and
by a fingerprint of the extractor's code and data, so a changed extractor never reuses a record.

Entries are immutable files written through a temporary name and renamed into place, so a build
killed while writing leaves no half-written entry; a new build links the entries it still uses
into its own output folder (hard links: no copying) and so drops the ones it no longer needs.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from collections import Counter
from functools import lru_cache
from pathlib import Path

from .corpus import Article
from .records import ArticleRecord

ROOT = Path(__file__).resolve().parent.parent
# what extraction depends on: a change to any of these invalidates every cached record
FINGERPRINT_GLOBS = ("kg/extract/*.py", "kg/dates.py", "kg/pubdate.py", "kg/resolve.py", "kg/records.py",
                     "kg/gazetteer.py", "kg/corpus.py", "ontology/*.json*", "ontology/gazetteer/*")
FORMAT = b"dipkg-cache-1"


@lru_cache(maxsize=16)
def _fingerprint_of(root: Path, paths: tuple[Path, ...], stamps: tuple, model: str | None) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        spacy_version = version("spacy")
    except PackageNotFoundError:
        spacy_version = "?"
    h = hashlib.sha256(FORMAT + spacy_version.encode() + repr(model).encode())
    for path in paths:
        h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def fingerprint(model: str | None = None, root: Path = ROOT) -> str:
    """A digest of the extractor's code and data under ``root`` (and the spaCy version and base
    model); memoised on the files' modification times and sizes."""
    paths = tuple(sorted(p for pattern in FINGERPRINT_GLOBS for p in Path(root).glob(pattern) if p.is_file()))
    stamps = tuple((p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    return _fingerprint_of(Path(root), paths, stamps, model)


def article_key(article: Article, fp: str) -> str:
    """The cache key of one article: its text, metadata and file name, and the extractor fingerprint."""
    return hashlib.sha256(f"{fp}\0{article!r}".encode()).hexdigest()


class RecordCache:
    """Cached (record, word counts) pairs in a folder, ``<key>.pickle`` each."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def get(self, key: str) -> tuple[ArticleRecord, Counter] | None:
        try:
            with open(self.path(key), "rb") as fh:
                value = pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return None  # absent or unreadable: extract again
        if not (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], ArticleRecord)):
            return None
        return value

    def put(self, key: str, value: tuple[ArticleRecord, Counter]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{key}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path(key))

    def adopt(self, other: "RecordCache", key: str) -> bool:
        """Link (or copy) ``other``'s entry for ``key`` into this cache; False if it has none."""
        src = other.path(key)
        if not src.exists():
            return False
        self.folder.mkdir(parents=True, exist_ok=True)
        dst = self.path(key)
        if dst.exists():
            return True
        try:
            os.link(src, dst)
        except OSError:
            tmp = self.folder / f".{key}.{os.getpid()}.tmp"
            tmp.write_bytes(src.read_bytes())
            os.replace(tmp, dst)
        return True
