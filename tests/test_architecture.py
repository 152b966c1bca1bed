"""The layers stay apart: ``model`` and ``render`` import no site engine;
each adapter in ``engines`` and each exporter in ``export`` uses the core,
never another adapter or exporter."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "coursekit"
ENGINES = {"mkdocs", "material", "mkdocs_macros", "zensical"}


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, relative imports resolved to dotted names under coursekit."""
    package = ["coursekit", *path.relative_to(PACKAGE).parent.parts]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def layer_files(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def test_model_and_render_import_no_engine() -> None:
    core = layer_files("model") + layer_files("render")
    assert len(core) >= 12
    offenders = {p.relative_to(PACKAGE).as_posix(): sorted(m for m in imports_of(p) if m.split(".")[0] in ENGINES)
                 for p in core}
    assert {name: mods for name, mods in offenders.items() if mods} == {}


def test_model_does_not_import_render_engines_or_exporters() -> None:
    for path in layer_files("model"):
        bad = {m for m in imports_of(path) if m.startswith(("coursekit.render", "coursekit.engines", "coursekit.export"))}
        assert not bad, f"{path.name} imports {sorted(bad)}"


def test_adapters_and_exporters_use_the_core_never_each_other() -> None:
    for layer in ("engines", "export"):
        for path in layer_files(layer):
            own = path.relative_to(PACKAGE).with_suffix("").parts
            for module in imports_of(path):
                parts = module.split(".")
                if parts[0] != "coursekit" or len(parts) < 3 or parts[1] not in ("engines", "export"):
                    continue
                # A module may use its own adapter or exporter (its config, its macros), not another one.
                assert parts[1] == layer and parts[2] == own[1], f"{path.name} imports {module}"


def test_exporters_import_no_site_engine() -> None:
    """An exporter that needs the pages built is handed a builder (the CLI passes
    engines/mkdocs/package.py's): it knows no engine, so another engine can feed it."""
    for path in layer_files("export"):
        engines = sorted(m for m in imports_of(path) if m.split(".")[0] in ENGINES)
        assert not engines, f"{path.name} imports {engines}"


def test_each_adapter_imports_only_its_own_engine() -> None:
    """The Zensical adapter runs without MkDocs, Material or mkdocs-macros, and the MkDocs adapter without Zensical."""
    forbidden = {"zensical": {"mkdocs", "material", "mkdocs_macros", "coursekit.engines.mkdocs"},
                 "mkdocs": {"zensical", "coursekit.engines.zensical"}}
    for adapter, banned in forbidden.items():
        files = layer_files(f"engines/{adapter}")
        assert len(files) >= 4, adapter
        for path in files:
            bad = {m for m in imports_of(path) if any(m == b or m.startswith(b + ".") for b in banned)}
            assert not bad, f"engines/{adapter}/{path.name} imports {sorted(bad)}"
    # The Zensical adapter really is a Python-Markdown extension Zensical loads, wired to the core.
    extension = imports_of(PACKAGE / "engines/zensical/extension.py")
    assert {"markdown", "coursekit.model.course", "coursekit.render.renderer"} <= extension
