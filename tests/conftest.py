"""Shared fixtures: real builds of fixture sites and of the course, a local
HTTP server for them, and Chromium driven by Playwright."""

from __future__ import annotations

import dataclasses
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from coursekit.model.course import Settings
from coursekit.model.rules import rules_from

from tests.browser_setup import browser_required, find_chromium

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class _TagIgnoringLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: tags such as !ENV give None."""


_TagIgnoringLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def fixture_settings(project: Path, **changes: object) -> Settings:
    """Settings of a copy of the fixture site, with the rules its mkdocs.yml sets."""
    config = yaml.load((project / "mkdocs.yml").read_text(), Loader=_TagIgnoringLoader)
    options = next(p["coursekit"] for p in config["plugins"] if isinstance(p, dict) and "coursekit" in p)
    settings = Settings(root=project, docs_dir=project / "docs", quizzes_dir=project / "quizzes",
                        checklists_file=project / "checklists.yml", lessons_dir="lessons", language="en",
                        conversations_dir=project / "conversations", rules=rules_from(options.get("rules")))
    return dataclasses.replace(settings, **changes)


def mkdocs_build(config_file: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Build for real, as a contributor would: ``mkdocs build --strict``."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        capture_output=True, text=True, cwd=config_file.parent, env={**os.environ, **(env or {})}, timeout=300, check=False,
    )


def copy_project(destination: Path) -> Path:
    """A copy of the course sources, to change without touching the real ones."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "content", "quizzes", "conversations", "checklists", "overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        else:
            shutil.copy2(source, destination / name)
    return destination


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


class Server:
    """A local HTTP server whose port is known before the site is built, so
    the build's site_url matches it (Material's instant navigation needs that)."""

    def __init__(self, directory: Path):
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def served(site: Path, build: Callable[[str], subprocess.CompletedProcess]) -> Iterator[tuple[str, Path]]:
    """``build(site_url)`` builds into ``site`` (it must succeed) for a server that then serves it: yields (url, site)."""
    server = Server(site)
    try:
        result = build(server.url + "/")
        assert result.returncode == 0, result.stdout + result.stderr
        yield server.url, site
    finally:
        server.close()


def built_and_served(config_file: Path, site: Path) -> Iterator[tuple[str, Path]]:
    yield from served(site, lambda url: mkdocs_build(config_file, site, {"SOURCE_DATE_EPOCH": "1700000000", "SITE_URL": url}))


@pytest.fixture(scope="session")
def course(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The real course in every edition (the default at the root, the others under
    their code), built strictly once for the whole session as `make build` does, and served."""
    site = tmp_path_factory.mktemp("course") / "site"
    yield from served(site, lambda url: coursekit_build(ROOT, site, {"SOURCE_DATE_EPOCH": "1700000000", "SITE_URL": url}))


@pytest.fixture(scope="session")
def course_site(course: tuple[str, Path]) -> Path:
    return course[1]


@pytest.fixture(scope="session")
def course_url(course: tuple[str, Path]) -> str:
    return course[0]


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    executable = find_chromium()
    if executable is None:
        if browser_required():
            pytest.fail("No Chromium found, and browser tests are required here (CI). Install Debian's 'chromium'.")
        pytest.skip("no Chromium on this machine (run 'make test' to install Playwright's)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: object) -> Iterator[object]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture(scope="session")
def fixture_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The small English fixture course (instant navigation on), built and served."""
    for url, _site in built_and_served(FIXTURES / "basic" / "mkdocs.yml", tmp_path_factory.mktemp("fixture") / "site"):
        yield url


def coursekit_build(root: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Build every edition into one site, as ``make build`` does."""
    return subprocess.run(
        [sys.executable, "-m", "coursekit.cli", "--root", str(root), "build", "--site-dir", str(site_dir)],
        capture_output=True, text=True, cwd=root, env={**os.environ, **(env or {})}, timeout=600, check=False,
    )


@pytest.fixture(scope="session")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The fixture course in three editions (es at the root, en/, ro/), built into one site and served."""
    site = tmp_path_factory.mktemp("editions") / "site"
    yield from served(site, lambda url: coursekit_build(FIXTURES / "editions", site,
                                                        {"SOURCE_DATE_EPOCH": "1700000000", "SITE_URL": url}))
