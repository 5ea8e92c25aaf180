"""Articles as read, remembered from one build to the next by their bytes.

Reading an article is more than reading its file: decoding, HTML, the sidecar, and inferring the
publication date from the text (about 0.4 ms an article: 4 of the 6 s a 10,000-article rebuild
spent reading its folder). A build keeps what it read in ``OUT/cache/reads.bin``, keyed by the
file's name, size and the bytes ``read_article`` reads of it, its sidecar's bytes, and a
fingerprint of the extractor (kg.cache.fingerprint, which covers the reading code: kg/corpus.py,
kg/pubdate.py, kg/dates.py); the next build reads and digests each file's bytes and parses only
the files whose key is new. A file that cannot be read, or that changed while it was read, is not
remembered. The pickle is written through a temporary name and renamed into place, in the staged
output (or, when a build has nothing else to do, beside the outputs it keeps): a killed build
never leaves half of it.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from .cache import fingerprint
from .corpus import Article, Problem, read_article, read_head, sidecar_path

READS_FILE = "reads.bin"
FORMAT = "dipkg-reads-1"


def read_key(path: Path, code: str) -> str | None:
    """The key of a file as read: its name, size and first MAX_BYTES, its sidecar's bytes, ``code``;
    None when either cannot be read (the file is then read again, and the reason reported)."""
    h = hashlib.sha256(f"{FORMAT}\0{code}\0{path.name}\0".encode())
    try:
        data, size = read_head(path)
        h.update(f"{size}\0".encode() + data)
        meta = sidecar_path(path)
        h.update(b"\0meta\0" + meta.read_bytes() if meta.exists() else b"\0no meta\0")
    except OSError:
        return None
    return h.hexdigest()


class ReadCache:
    """``read`` stands in for corpus.read_article; ``save`` keeps what this build read."""

    def __init__(self, old_dir: Path):
        self.code = fingerprint()
        self.new: dict[str, tuple[Article | None, list[Problem]]] = {}
        try:
            with open(Path(old_dir) / READS_FILE, "rb") as fh:
                stored = pickle.load(fh)
            self.old = stored["reads"] if stored.get("format") == FORMAT else {}
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError,
                KeyError):
            self.old = {}  # none yet, or unreadable: every file is read

    def read(self, path: Path) -> tuple[Article | None, list[Problem]]:
        key = read_key(Path(path), self.code)
        value = self.old.get(key) if key is not None else None
        if value is None:
            value = read_article(path)
            if key is not None and read_key(Path(path), self.code) != key:
                return value  # the file changed while it was read: not remembered
        if key is not None:
            self.new[key] = value
        return value

    @property
    def changed(self) -> bool:
        """Whether this build read files the stored reads did not have, or no longer has some."""
        return self.new.keys() != self.old.keys()

    def save(self, new_dir: Path) -> None:
        new_dir = Path(new_dir)
        new_dir.mkdir(parents=True, exist_ok=True)
        tmp = new_dir / f".{READS_FILE}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            pickle.dump({"format": FORMAT, "reads": self.new}, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, new_dir / READS_FILE)
