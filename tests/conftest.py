"""Shared fixtures: where the repo, the example and the (optional) shared seeds are."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "idlib-2020" / "report.yaml"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared() -> Path:
    """The ../shared folder (seeds, gold, scorer); tests needing it skip on a user's fresh checkout."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not present (only on the developers' machines and CI)")
    return SHARED


@pytest.fixture(autouse=True, scope="session")
def _own_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Builds in the tests keep their extraction cache in a temporary folder, never the user's ~/.cache."""
    import os

    os.environ["SITREP_CACHE_DIR"] = str(tmp_path_factory.mktemp("sitrep-cache"))
