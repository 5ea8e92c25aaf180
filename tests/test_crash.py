"""Crash safety: a build killed at any moment leaves the previous output intact and usable; a
second build of the same output while one runs is refused."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from kg.build import build
from kg.cli import main
from kg.outdir import BuildLocked, OutputLock
from kg.store import open_built

from conftest import ROOT, SEEDS, copy_seeds


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """An output built from three seeds, and a changed input that makes the next build extract."""
    base = tmp_path_factory.mktemp("crash")
    src = base / "in"
    copy_seeds(src, 3)
    out = base / "out"
    build(src, out, html=False)
    changed = base / "in2"
    shutil.copytree(SEEDS, changed)
    return src, changed, out


def _snapshot(out):
    return (out / "kg.trig").read_bytes(), len(open_built(out))


def _start_build(src, out, *extra):
    return subprocess.Popen([sys.executable, "-m", "kg.cli", "build", "--input", str(src), "--out", str(out), "--quiet",
                             *extra], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for(predicate, proc, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.005)
    return False


@pytest.mark.parametrize("stage", ["staging folder", "store", "kg.trig"])
def test_sigkill_mid_build_leaves_the_previous_output(built, stage):
    src, changed, out = built
    before = _snapshot(out)
    staged = lambda: list(out.parent.glob(f".{out.name}.build-*"))  # noqa: E731
    reached = {
        "staging folder": lambda: bool(staged()),
        "store": lambda: any((s / "store").exists() for s in staged()),
        "kg.trig": lambda: any((s / "kg.trig").exists() for s in staged()),
    }[stage]
    proc = _start_build(changed, out)
    hit = _wait_for(reached, proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert hit, f"the build ended before reaching its {stage}: {proc.stderr.read().decode()}"
    assert _snapshot(out) == before
    # and the next build cleans up after the killed one and works
    after = build(src, out, html=False)
    assert after.extracted == 0 and _snapshot(out) == before
    assert not staged()


def test_sigkill_at_moments_spread_over_a_build_leaves_a_whole_output(tmp_path):
    """Killed at eight moments spread over a whole build (starting up, extracting, writing the
    store, the TriG and the page, swapping the folder in): the output is then the previous build's
    or the new one's, byte for byte, and usable; the next build cleans up and finishes."""
    inputs = {"three": tmp_path / "three", "five": tmp_path / "five"}
    copy_seeds(inputs["three"], 3)
    copy_seeds(inputs["five"], 5)
    refs = {}
    for name, src in inputs.items():
        build(src, tmp_path / f"ref-{name}")
        refs[name] = _snapshot(tmp_path / f"ref-{name}")
    out = tmp_path / "out"
    build(inputs["three"], out)
    started = time.monotonic()
    assert _start_build(inputs["five"], out).wait() == 0
    duration = time.monotonic() - started
    assert _snapshot(out) == refs["five"]
    current, outcomes = "five", []
    for i in range(8):
        other = "three" if current == "five" else "five"
        proc = _start_build(inputs[other], out)
        at = duration * (2 * i + 1) / 16
        time.sleep(at)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        now = _snapshot(out)
        assert now in (refs[current], refs[other]), f"killed {at:.2f} s in: neither output"
        assert (out / "graph.html").exists() and (out / "build.json").exists()
        current = current if now == refs[current] else other
        outcomes.append(current == other)
        # the next build cleans up after the killed one and finishes
        target = "three" if current == "five" else "five"
        build(inputs[target], out)
        assert _snapshot(out) == refs[target]
        assert not list(tmp_path.glob(".out.build-*"))
        current = target
    assert False in outcomes  # (some kills came before the swap)


def test_second_build_is_refused_while_one_runs(built, capsys):
    src, changed, out = built
    proc = _start_build(changed, out)
    try:
        lock = out.parent / f"{out.name}.lock"
        assert _wait_for(lambda: lock.exists() and lock.read_text().startswith("pid"), proc)
        with pytest.raises(BuildLocked, match=f"another build is already writing {out}.*pid {proc.pid}"):
            build(src, out, html=False)
        assert main(["build", "--input", str(src), "--out", str(out)]) == 2
        assert "another build is already writing" in capsys.readouterr().err
    finally:
        proc.wait(120)
    assert proc.returncode == 0, proc.stderr.read().decode()
    build(src, out, html=False)  # the lock is free again


def test_lock_is_released_when_its_holder_dies(tmp_path):
    out = tmp_path / "out"
    with OutputLock(out):
        with pytest.raises(BuildLocked):
            OutputLock(out).__enter__()
    with OutputLock(out):
        pass


def test_quiet_build_prints_nothing(tmp_path):
    src = tmp_path / "in"
    copy_seeds(src, 1)
    proc = _start_build(src, tmp_path / "out", "--no-html")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0 and out == b""
    assert b"extracting" not in err and b"%|" not in err  # no progress bar (warnings of libraries may pass)


def test_progress_bar_on_a_terminal(tmp_path):
    import fcntl
    import pty
    import struct
    import termios

    src = tmp_path / "in"
    copy_seeds(src, 2)
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", "--input", str(src), "--out", str(tmp_path / "out"),
                             "--no-html"], cwd=ROOT, stdin=follower, stdout=follower, stderr=follower)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert proc.wait(120) == 0
    assert b"extracting:" in seen and (b"article/s" in seen or b"s/article" in seen)
    assert b"articles read   2" in seen
