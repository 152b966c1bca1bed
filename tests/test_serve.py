"""`mkdocs serve` rebuilds when a quiz or the checklists file changes, not
only when a page does: contributors see their edit without restarting."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "basic"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, text: str, seconds: float = 30) -> str:
    """The page at ``url`` once it contains ``text``; fails after ``seconds``."""
    deadline, body = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode()
            if text in body:
                return body
        except OSError:
            pass  # not serving yet, or rebuilding
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {text!r}")


@pytest.fixture
def served(tmp_path: Path):
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    address = f"127.0.0.1:{_free_port()}"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", address, "-f", str(project / "mkdocs.yml")],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        yield project, f"http://{address}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_editing_a_quiz_or_a_checklist_rebuilds_the_site(served) -> None:
    project, url = served
    _wait_for(f"{url}/lessons/first/", "Quiz of the first lesson")

    quiz = project / "quizzes/first.yml"
    quiz.write_text(quiz.read_text().replace("Quiz of the first lesson", "Edited quiz title"))
    _wait_for(f"{url}/lessons/first/", "Edited quiz title")

    checklists = project / "checklists.yml"
    checklists.write_text(checklists.read_text().replace("title: Before the conversation", "title: Edited checklist"))
    _wait_for(f"{url}/checklists/before/", "Edited checklist")
