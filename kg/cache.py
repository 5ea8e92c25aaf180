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
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

from .corpus import Article
from .records import ArticleRecord

ROOT = Path(__file__).resolve().parent.parent
# what extraction depends on: a change to any of these invalidates every cached record
FINGERPRINT_GLOBS = ("kg/extract/*.py", "kg/dates.py", "kg/pubdate.py", "kg/resolve.py", "kg/records.py",
                     "kg/gazetteer.py", "kg/corpus.py", "ontology/*.json*", "ontology/gazetteer/*")
# what the outputs depend on besides the articles: all the code and data (a build whose articles
# and these are unchanged has nothing to do)
OUTPUT_GLOBS = ("kg/**/*.py", "kg/export/*", "ontology/**/*", "queries/*.rq")
OUTPUT_PACKAGES = ("spacy", "pyoxigraph", "pyvis", "networkx")
FORMAT = b"dipkg-cache-1"


@lru_cache(maxsize=16)
def _fingerprint_of(root: Path, paths: tuple[Path, ...], stamps: tuple, model: str | None,
                    packages: tuple[str, ...]) -> str:
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256(FORMAT + repr(model).encode())
    for package in packages:
        try:
            h.update(f"{package} {version(package)}\0".encode())
        except PackageNotFoundError:
            h.update(f"{package} ?\0".encode())
    for path in paths:
        h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def fingerprint(model: str | None = None, root: Path = ROOT, globs: tuple[str, ...] = FINGERPRINT_GLOBS,
                packages: tuple[str, ...] = ("spacy",)) -> str:
    """A digest of the extractor's code and data under ``root`` (and the spaCy version and base
    model); memoised on the files' modification times and sizes. With ``globs`` and ``packages``:
    of those files and packages instead."""
    paths = tuple(sorted({p for pattern in globs for p in Path(root).glob(pattern)
                          if p.is_file() and "__pycache__" not in p.parts}))
    stamps = tuple((p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    return _fingerprint_of(Path(root), paths, stamps, model, packages)


def article_key(article: Article, fp: str) -> str:
    """The cache key of one article: its text (by its digest, ``sha256``: not hashed again), metadata
    and file name, and the extractor fingerprint."""
    rest = tuple(getattr(article, name) for name in _KEYED_FIELDS)
    return hashlib.sha256(f"{fp}\0{rest!r}".encode()).hexdigest()


_KEYED_FIELDS = tuple(f.name for f in fields(Article) if f.name != "text")


class RecordCache:
    """Cached (record, word counts) pairs in a folder, ``<key>.pickle`` each."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    @staticmethod
    def file_name(key: str) -> str:
        return f"{key}.pickle"

    def path(self, key: str) -> Path:
        return self.folder / self.file_name(key)

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
        """Link (or copy) ``other``'s entry for ``key`` into this cache; False if it has none.
        (One system call in the usual case: a build adopts thousands of entries.)"""
        name = self.file_name(key)  # (paths joined as text: thousands of Path objects cost 0.2 s)
        src, dst = os.path.join(other.folder, name), os.path.join(self.folder, name)
        try:
            os.link(src, dst)
            return True
        except FileExistsError:
            return True
        except FileNotFoundError:
            if not os.path.exists(src):
                return False
        except OSError:
            pass
        link_or_copy(other.path(key), self.path(key))
        return True


def link_or_copy(src: Path, dst: Path) -> None:
    """Put ``src``'s content at ``dst``: a hard link (no copying) where possible, else a copy
    written through a temporary name (never a half-written file at ``dst``)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    if dst.exists():
        return
    try:
        os.link(src, dst)
    except OSError:
        tmp = dst.with_name(f".{dst.name}.{os.getpid()}.tmp")
        tmp.write_bytes(src.read_bytes())
        os.replace(tmp, dst)
