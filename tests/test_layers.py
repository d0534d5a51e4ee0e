"""The import layers of DESIGN.md, enforced: data flows one way, and each layer imports only those beneath it."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).parent.parent
CONFIG = ROOT / "pyproject.toml"


def test_every_module_imports_only_the_layers_beneath_it(capsys: pytest.CaptureFixture[str]):
    """facts, dates and logic know nothing of rules; rules know nothing of reports, the engine or I/O."""
    assert lint_imports(config_filename=str(CONFIG), no_cache=True, no_logo=True) == 0, capsys.readouterr().out


def test_an_import_against_the_layers_is_caught(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """Not vacuous: with the rules put beneath the planner they import, the contract is broken."""
    settings = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["tool"]["importlinter"]
    (contract,) = settings["contracts"]
    layers = list(contract["layers"])
    rules, planner = layers.index("rules"), layers.index("planner")
    layers[rules], layers[planner] = layers[planner], layers[rules]
    broken = tmp_path / ".importlinter"
    lines = ["[importlinter]", f"root_package = {settings['root_package']}", "", "[importlinter:contract:layers]"]
    lines += ["name = swapped", "type = layers", "containers = fighterlaw", "layers ="]
    lines += [f"    {layer}" for layer in layers]
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert lint_imports(config_filename=str(broken), no_cache=True, no_logo=True) == 1
    assert "fighterlaw.rules" in capsys.readouterr().out
