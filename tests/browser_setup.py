"""Find a Chromium for the browser tests, installing Playwright's if none is here.

CI installs Debian's chromium (see .ci/run); a developer machine may have one,
or gets Playwright's own build once. With COURSEKIT_REQUIRE_BROWSER set, a
missing browser is a failure, never a silent skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    explicit = os.environ.get("COURSEKIT_CHROMIUM")
    if explicit and Path(explicit).is_file():
        return explicit
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    try:  # a browser Playwright installed itself
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            path = playwright.chromium.executable_path
        return path if path and Path(path).is_file() else None
    except Exception:  # noqa: BLE001 - no Playwright browser is a normal state here
        return None


def browser_required() -> bool:
    return bool(os.environ.get("COURSEKIT_REQUIRE_BROWSER") or os.environ.get("CI"))


def main() -> int:
    if find_chromium():
        return 0
    print("No Chromium found: installing Playwright's build for the browser tests…", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"], check=False)
    if find_chromium():
        return 0
    if browser_required():
        print("No Chromium, and the browser tests are required here.", file=sys.stderr)
        return 1
    print("No Chromium: the browser tests will be skipped on this machine.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
