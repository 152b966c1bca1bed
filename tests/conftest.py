"""Shared fixtures: real builds of fixture sites and of the course, a local
HTTP server for them, and Chromium driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser_setup import browser_required, find_chromium

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def mkdocs_build(config_file: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Build for real, as a contributor would: ``mkdocs build --strict``."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        capture_output=True, text=True, cwd=config_file.parent, env={**os.environ, **(env or {})}, timeout=300,
    )


def copy_project(destination: Path) -> Path:
    """A copy of the course sources, to change without touching the real ones."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "content", "quizzes", "checklists"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        else:
            shutil.copy2(source, destination / name)
    return destination


@pytest.fixture(scope="session")
def course_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real course, built strictly once for the whole session."""
    site = tmp_path_factory.mktemp("course") / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", site, {"SOURCE_DATE_EPOCH": "1700000000"})
    assert result.returncode == 0, result.stderr
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(directory: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def course_url(course_site: Path) -> Iterator[str]:
    yield from serve(course_site)


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
