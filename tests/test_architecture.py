"""The core stays engine-agnostic: only plugin.py, config.py and the CLI's
config loading know MkDocs."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "coursekit"
MKDOCS_SIDE = {"plugin.py", "config.py", "cli.py"}


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_core_modules_import_nothing_from_mkdocs() -> None:
    core = [p for p in PACKAGE.glob("*.py") if p.name not in MKDOCS_SIDE]
    assert len(core) >= 10
    offenders = {p.name for p in core if {"mkdocs", "material", "mkdocs_macros"} & imported_modules(p)}
    assert offenders == set()
