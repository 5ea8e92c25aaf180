"""``kg build --watch``: a real watcher process that rebuilds on every change to its folder, each
time exactly what a build from scratch gives; and what it keeps in memory between builds."""
from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time

from kg.build import build
from kg.warm import Memo, Warm

from conftest import ROOT, copy_seeds


class Watcher:
    """``kg build --watch`` in its own process, its output lines read as they come."""

    def __init__(self, src, out, cwd=ROOT):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kg.cli", "build", "--watch", "--poll", "0.1", "--no-html",
             "--input", str(src), "--out", str(out)],
            cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.seen: list[str] = []

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def next_round(self, timeout=120.0) -> str:
        """The next line saying what a build did (built, unchanged or not built)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                assert self.proc.poll() is None, "the watcher died:\n" + "\n".join(self.seen)
                continue
            self.seen.append(line)
            if " built in " in line or " unchanged: " in line or " not built: " in line:
                return line
        raise AssertionError("no build within the time limit:\n" + "\n".join(self.seen))

    def stop(self, sig=signal.SIGINT) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        return self.proc.wait(30)


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_watcher_rebuilds_on_every_change_exactly_as_a_full_build(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    files = copy_seeds(src, 4)
    w = Watcher(src, out)
    try:
        assert "4 articles (4 extracted)" in w.next_round()

        _edit(files[0], "Xi", "Xi Jinping")
        assert "4 articles (1 extracted)" in w.next_round()

        # the watcher holds the output: a build of it from elsewhere is refused, saying by what
        refused = subprocess.run([sys.executable, "-m", "kg.cli", "build", "--input", str(src), "--out", str(out)],
                                 cwd=ROOT, capture_output=True, text=True)
        assert refused.returncode == 2 and "kg build --watch" in refused.stderr

        added = src / "zz_added.txt"
        added.write_text(files[3].read_text(encoding="utf-8").replace("said", "stated"), encoding="utf-8")
        assert "5 articles (1 extracted)" in w.next_round()

        files[1].unlink()
        line = w.next_round()
        assert "4 articles (0 extracted)" in line and "1 dropped" in line

        files[2].with_suffix(".meta.json").write_text(json.dumps({"title": "A title from the sidecar"}),
                                                      encoding="utf-8")
        assert "4 articles (1 extracted)" in w.next_round()

        for f in src.glob("*.txt"):
            f.rename(f.with_suffix(".bak"))
        assert "no article could be read" in w.next_round()  # reported; the watcher goes on
        for f in src.glob("*.bak"):
            f.rename(f.with_suffix(".txt"))
        assert "unchanged: 4 articles" in w.next_round()  # the same as the last build made
    finally:
        code = w.stop()
    assert code == 130, "\n".join(w.seen)

    scratch = build(src, tmp_path / "scratch", html=False)
    assert scratch.extracted == 4
    assert (out / "kg.trig").read_bytes() == (tmp_path / "scratch" / "kg.trig").read_bytes()
    assert build(src, out, html=False).unchanged  # the lock was released, the output is whole


def test_watcher_restarts_when_its_code_or_data_change(tmp_path):
    code = tmp_path / "code"
    for part in ("kg", "ontology", "queries"):
        shutil.copytree(ROOT / part, code / part, ignore=shutil.ignore_patterns("__pycache__"))
    src, out = tmp_path / "in", tmp_path / "out"
    copy_seeds(src, 2)
    w = Watcher(src, out, cwd=code)
    try:
        assert "2 articles (2 extracted)" in w.next_round()
        data = code / "ontology" / "office_words.json"
        data.write_text(data.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        # the new process reads the changed data: the extractor's fingerprint changed, so all again
        assert "2 articles (2 extracted)" in w.next_round()
        assert any("changed: restarting" in line for line in w.seen)
    finally:
        assert w.stop(signal.SIGTERM) == 130, "\n".join(w.seen)  # `kill` stops it as Ctrl-C does


def test_memo_forgets_what_a_round_did_not_use():
    memo = Memo()
    memo.put("a", 1)
    memo.put("b", 2)
    memo.end_round()
    assert memo.get("a") == 1 and memo.get("c") is None
    memo.end_round()  # "b" was not used in this round
    assert dict(memo) == {"a": 1}


def test_warm_reads_a_file_again_when_it_or_its_sidecar_changes(tmp_path):
    warm = Warm()
    path = tmp_path / "a.txt"
    path.write_text("Putin met Xi in Moscow on 21 March 2023.", encoding="utf-8")
    os.utime(path, ns=(10**18, 10**18))  # long ago: its stamp is trusted
    first, _ = warm.read_article(path)
    assert warm.read_article(path)[0] is first

    path.write_text("Putin met Xi in Beijing on 21 March 2023.", encoding="utf-8")  # same size
    os.utime(path, ns=(10**18 + 1, 10**18 + 1))
    second, _ = warm.read_article(path)
    assert "Beijing" in second.text

    path.with_suffix(".meta.json").write_text(json.dumps({"title": "Talks"}), encoding="utf-8")
    os.utime(path.with_suffix(".meta.json"), ns=(10**18, 10**18))
    assert warm.read_article(path)[0].title == "Talks"

    # a file written just now may change again within its time stamp's resolution: read each time
    path.write_text("Putin met Xi in Kazan on 21 March 2023.", encoding="utf-8")
    assert warm.read_article(path)[0] is not warm.read_article(path)[0]
