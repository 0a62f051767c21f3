"""`pip install .` must ship the built-in templates and config inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


def test_wheel_ships_templates_and_config(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
        + ["-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    (wheel,) = tmp_path.glob("sitrep-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "sitrep/_templates/brief.html" in names
    assert "sitrep/_config/indicators.yaml" in names
    assert any(n.startswith("sitrep/_config/extract/") for n in names)
    # Installed layout: the package finds its own copies, not the checkout's.
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    code = "from sitrep.resources import templates_dir, config_dir; print(templates_dir()); print(config_dir())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=unpacked, check=True)
    tdir, cdir = out.stdout.split()
    assert Path(tdir) == unpacked / "sitrep" / "_templates"
    assert Path(cdir) == unpacked / "sitrep" / "_config"
