"""The real course built by each engine, side by side: ``coursekit build`` with
MkDocs + Material and with Zensical (``--engine zensical``), every edition,
the check included, each in its own process. CPU time counts the build's
processes (Zensical's runs in a child of its own), wall time the whole command."""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("mkdocs", "zensical")


def build(engine: str, site_dir: Path) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "coursekit.cli", "--root", str(ROOT), "build", "--engine", engine,
                           "--site-dir", str(site_dir)], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"coursekit build --engine {engine} failed:\n{done.stdout}{done.stderr}")
    return {"cpu": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, "seconds": seconds}


def side_by_side(repeat: int = 3) -> None:
    """Print each engine's build of the real course (median of ``repeat`` turns, taken in turns)."""
    try:
        import zensical  # noqa: F401
    except ImportError:
        print("  Zensical: not installed (pip install -e '.[zensical]'; make bench installs it)")
        return
    runs: dict[str, list[dict]] = {engine: [] for engine in ENGINES}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(repeat):
            for engine in ENGINES:
                runs[engine].append(build(engine, Path(folder) / engine))
    median = {engine: {key: statistics.median(run[key] for run in runs[engine]) for key in ("cpu", "seconds")}
              for engine in ENGINES}
    print(f"  {'real course, every edition (coursekit build)':<46} CPU s   wall s")
    for engine, label in zip(ENGINES, ("MkDocs + Material", "Zensical (--engine zensical)")):
        print(f"  {label:<46}{median[engine]['cpu']:6.2f}   {median[engine]['seconds']:6.2f}")
    print(f"  {'Zensical / MkDocs (CPU)':<46}{median['zensical']['cpu'] / median['mkdocs']['cpu']:6.2f}x")


if __name__ == "__main__":
    side_by_side(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
