"""Find a Chromium for the browser tests, installing Playwright's if none is here;
and install the npm packages the browser tests use (``npm ci``: scorm-again, the
SCORM runtime that plays the LMS for the SCORM package's tests).

CI installs Debian's chromium and npm (see .ci/run); a developer machine may have one,
or gets Playwright's own build once. With COURSEKIT_REQUIRE_BROWSER set, a
missing browser or runtime is a failure, never a silent skip.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
ROOT = Path(__file__).resolve().parent.parent
SCORM_RUNTIME = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.js"


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


def npm_packages_current() -> bool:
    """node_modules holds the versions package-lock.json names."""
    try:
        locked = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
        return all(json.loads((ROOT / path / "package.json").read_text(encoding="utf-8")).get("version") == entry.get("version")
                   for path, entry in locked.items() if path)
    except (OSError, ValueError, KeyError):
        return False


def install_npm_packages() -> bool:
    if npm_packages_current():
        return True
    npm = shutil.which("npm")
    if npm is None:
        print("No npm: the SCORM package's browser tests need scorm-again (npm ci).", file=sys.stderr)
        return False
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=False)
    return npm_packages_current()


def main() -> int:
    if not install_npm_packages() and browser_required():
        return 1
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
