"""kg.readcache: a rebuild parses only the files whose bytes (or sidecar's) changed, and gives what
reading every file again gives."""
from __future__ import annotations

import json

import kg.readcache
from kg.build import build
from kg.readcache import READS_FILE, ReadCache, read_key
from kg.store import open_built

from conftest import copy_seeds


def _counting(monkeypatch) -> list:
    """Count the files corpus.read_article really parses (the real function still does the work)."""
    parsed, real = [], kg.readcache.read_article
    monkeypatch.setattr(kg.readcache, "read_article", lambda path: parsed.append(path.name) or real(path))
    return parsed


def _titles(out) -> set[str]:
    return {r["t"].value for r in open_built(out).query("SELECT ?t WHERE { ?a dip:title ?t }")}


def test_a_rebuild_parses_only_the_changed_files(tmp_path, monkeypatch):
    src, out = tmp_path / "in", tmp_path / "out"
    files = copy_seeds(src)
    build(src, out, html=False)
    assert (out / "cache" / READS_FILE).is_file()
    parsed = _counting(monkeypatch)

    build(src, out, html=False)
    assert parsed == []  # nothing changed: no file parsed again

    text = files[0].read_text(encoding="utf-8")
    files[0].write_text(text.replace("the", "that", 1), encoding="utf-8")
    sidecar = files[1].with_name(files[1].stem + ".meta.json")
    sidecar.write_text(json.dumps({"title": "A title given later"}), encoding="utf-8")
    result = build(src, out, html=False)
    assert sorted(parsed) == sorted([files[0].name, files[1].name])
    assert result.extracted == 2 and "A title given later" in _titles(out)

    monkeypatch.undo()
    fresh = build(src, tmp_path / "fresh", html=False)
    assert set(open_built(out).ox) == set(open_built(tmp_path / "fresh").ox) and fresh.articles == result.articles


def test_an_unreadable_reads_file_means_reading_every_file(tmp_path, monkeypatch):
    src, out = tmp_path / "in", tmp_path / "out"
    files = copy_seeds(src)
    build(src, out, html=False)
    (out / "cache" / READS_FILE).write_bytes(b"not a pickle")
    files[0].write_text(files[0].read_text(encoding="utf-8") + "\n", encoding="utf-8")  # so the build is not skipped
    parsed = _counting(monkeypatch)
    build(src, out, html=False)
    assert sorted(parsed) == sorted(f.name for f in files)


def test_the_key_follows_the_bytes_the_sidecar_and_the_code(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("MOSCOW, May 8 - Xi Jinping met Vladimir Putin.", encoding="utf-8")
    key = read_key(art, "code 1")
    assert key == read_key(art, "code 1") != read_key(art, "code 2")
    art.with_name("a.meta.json").write_text("{}", encoding="utf-8")
    with_meta = read_key(art, "code 1")
    assert with_meta != key
    art.write_text("MOSCOW, May 9 - Xi Jinping met Vladimir Putin.", encoding="utf-8")
    assert read_key(art, "code 1") not in (key, with_meta)
    assert read_key(tmp_path / "missing.txt", "code 1") is None
    cache = ReadCache(tmp_path / "no-cache-yet")
    article, problems = cache.read(art)
    assert article is not None and article.text.startswith("MOSCOW, May 9") and cache.changed
