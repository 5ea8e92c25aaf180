"""Shared fixtures: the seeds built once per session, and the ../shared folder (eval, dev corpus)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; skips the test where it is absent, fails in CI (which always has it)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing, but CI always has ../shared")
        pytest.skip(f"{path} is absent (a user's clone has no ../shared): evaluation tests skipped")
    return path


def copy_seeds(dst: Path, n: int | None = None) -> list[Path]:
    """Copy the first ``n`` seed articles (all by default) into the folder ``dst`` (made if need
    be); returns the copies, sorted."""
    dst.mkdir(parents=True, exist_ok=True)
    for p in sorted(SEEDS.glob("*.txt"))[:n]:
        shutil.copy(p, dst / p.name)
    return sorted(dst.glob("*.txt"))


@pytest.fixture(scope="session")
def seeds_output(tmp_path_factory) -> Path:
    """output/ of a build of seeds/, made once for the session."""
    from kg.build import build
    out = tmp_path_factory.mktemp("seeds-output")
    build(SEEDS, out)
    return out


@pytest.fixture(scope="session")
def dev_output(tmp_path_factory) -> Path:
    """output/ of a build of ../shared/corpus/dev (no HTML), made once for the session."""
    from kg.build import build
    source = shared_path("corpus", "dev")
    out = tmp_path_factory.mktemp("dev-output")
    build(source, out, html=False)
    return out


# ---------------------------------------------------------------- a real headless browser

CHROMIUM = Path("/usr/bin/chromium")  # Debian's chromium, driven by Playwright
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"]


def require_browser() -> None:
    """Skip with the reason where Chromium or Playwright is missing; fail instead when CI is set."""
    reason = None
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is absent (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "the playwright package is not installed (pip install -e '.[test]')"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"{reason}, but CI must run the browser tests")
        pytest.skip(f"{reason}: browser tests skipped")


@pytest.fixture(scope="module")
def browser():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=BROWSER_ARGS)
        yield b
        b.close()
