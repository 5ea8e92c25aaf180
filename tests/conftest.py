"""Shared fixtures: the seeds built once per session, and the ../shared folder (eval, dev corpus)."""
from __future__ import annotations

import os
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


@pytest.fixture(scope="session")
def seeds_output(tmp_path_factory) -> Path:
    """output/ of a build of seeds/, made once for the session."""
    from kg.build import build
    out = tmp_path_factory.mktemp("seeds-output")
    build(SEEDS, out)
    return out
