"""Benchmark: build times, the size of what the plugin ships, peak memory.

    make bench      (or: python benchmarks/bench.py [--repeat 7])

Prints figures measured in one run on this machine, against the budgets in the
README. Each build runs in a fresh process; the median of the repeats counts.
Builds that are compared run in turns (A, B, A, B, ...), and a ratio is the
median of the ratios within each turn, so a machine that speeds up or slows
down during the run affects both sides of a ratio alike.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from coursekit.engines.mkdocs.plugin import settings_for
from coursekit.model.course import load_course, read_pages
from mkdocs.config import load_config

from benchmarks.generate import generate, generate_editions

ASSETS = ROOT / "plugins" / "coursekit" / "assets"
BUDGET_ASSETS_GZIP = 14 * 1024  # quizzes, the conversation player and progress management
BUDGET_PLUGIN_RATIO = 1.10
BUDGET_SCALE_RATIO = 11.0
BUDGET_EDITIONS_RATIO = 3.3  # three editions against one: the build grows linearly


def build_once(config_file: Path, site_dir: Path, plugin: bool = True, docs_dir: Path | None = None) -> dict:
    """Build in a child process; it reports its own time and peak memory."""
    code = CHILD.format(config=str(config_file), site=str(site_dir), plugin=plugin,
                        docs=str(docs_dir) if docs_dir else None, strict=plugin or docs_dir is not None)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=config_file.parent, check=False)
    if result.returncode != 0:
        raise SystemExit(f"build of {config_file} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# Strict, like a real build; only the build without the generated pages is
# not, since its navigation then names pages that do not exist.
CHILD = """
import json, logging, resource, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.basicConfig(level=logging.ERROR)
options = {{"docs_dir": {docs!r}}} if {docs!r} else {{}}
config = load_config(config_file={config!r}, site_dir={site!r}, strict={strict}, **options)
config.plugins["coursekit"].config.enabled = {plugin}
start = time.perf_counter()
build(config)
seconds = time.perf_counter() - start
print(json.dumps({{"seconds": seconds, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def same_pages_without_plugin(config_file: Path, target: Path) -> Path:
    """A copy of the docs with the pages the plugin generates (the checklist
    pages: a title and a placeholder each) written in as plain files, so that
    with the plugin off MkDocs builds exactly the pages it builds with it on."""
    config = load_config(str(config_file))
    settings = settings_for(config, config.plugins["coursekit"].config)
    course = load_course(settings, read_pages(settings.docs_dir))
    shutil.copytree(settings.docs_dir, target)
    for uri, source in course.generated_pages().items():
        (target / uri).parent.mkdir(parents=True, exist_ok=True)
        (target / uri).write_text(source, encoding="utf-8")
    return target


def in_turns(builds: dict[str, dict], repeat: int) -> dict[str, dict]:
    """Run each build ``repeat`` times, in turns: median seconds, peak memory,
    and every turn's seconds (for ratios within a turn)."""
    runs: dict[str, list[dict]] = {name: [] for name in builds}
    with tempfile.TemporaryDirectory() as site:
        for _ in range(repeat):
            for name, build in builds.items():
                runs[name].append(build_once(site_dir=Path(site) / name, **build))
    return {name: {"seconds": statistics.median(r["seconds"] for r in results),
                   "turns": [r["seconds"] for r in results],
                   "peak_mib": max(r["peak_mib"] for r in results)} for name, results in runs.items()}


def ratio(a: dict, b: dict) -> float:
    """The median of a/b within each turn."""
    return statistics.median(x / y for x, y in zip(a["turns"], b["turns"]))


def verdict(ok: bool) -> str:
    return "within budget" if ok else "OVER BUDGET"


def editions_ratio(lessons: int, repeat: int) -> tuple[float, float, float]:
    """Seconds to build one edition ('mkdocs build') and three ('coursekit build',
    which checks every edition first), each a fresh process as people run them,
    in turns; and the median of the ratios within each turn."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    with tempfile.TemporaryDirectory() as work:
        one = generate(lessons, Path(work) / "one").parent
        three = generate_editions(lessons, Path(work) / "three")
        commands = {"one": [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(Path(work) / "site-one")],
                    "three": [sys.executable, "-m", "coursekit.cli", "build", "--site-dir", str(Path(work) / "site-three")]}
        turns: dict[str, list[float]] = {"one": [], "three": []}
        for _ in range(repeat):
            for name, folder in (("one", one), ("three", three)):
                start = time.perf_counter()
                result = subprocess.run(commands[name], cwd=folder, env=env, capture_output=True, text=True, check=False)
                turns[name].append(time.perf_counter() - start)
                if result.returncode != 0:
                    raise SystemExit(f"the {name}-edition build failed:\n{(result.stdout + result.stderr)[-3000:]}")
    ratio = statistics.median(b / a for a, b in zip(turns["one"], turns["three"]))
    return statistics.median(turns["one"]), statistics.median(turns["three"]), ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="builds per measurement (median counts)")
    args = parser.parse_args()

    print(f"coursekit benchmark · {os.cpu_count()} cores · Python {sys.version.split()[0]} · median of {args.repeat}\n")

    raw = gz = 0
    for asset in sorted(ASSETS.iterdir()):
        data = asset.read_bytes()
        size = len(gzip.compress(data, 9))
        raw, gz = raw + len(data), gz + size
        print(f"  {asset.name:<18} {len(data):>7,} B raw  {size:>6,} B gzip")
    print(f"  {'JS + CSS':<18} {raw:>7,} B raw  {gz:>6,} B gzip   budget {BUDGET_ASSETS_GZIP:,} B gzip: {verdict(gz <= BUDGET_ASSETS_GZIP)}\n")

    config = ROOT / "mkdocs.yml"
    with tempfile.TemporaryDirectory() as work:
        docs = same_pages_without_plugin(config, Path(work) / "docs")
        pages = sum(1 for _ in docs.rglob("*.md"))
        real = in_turns({"with": {"config_file": config},
                         "without": {"config_file": config, "plugin": False, "docs_dir": docs},
                         "content only": {"config_file": config, "plugin": False}}, args.repeat)
    plugin_ratio = ratio(real["with"], real["without"])
    print(f"  {f'real course ({pages} pages), plugin on':<40}{real['with']['seconds']:6.2f} s")
    print(f"  same pages, plugin off                  {real['without']['seconds']:6.2f} s")
    print(f"  ratio                                   {plugin_ratio:6.2f}x   budget {BUDGET_PLUGIN_RATIO:.2f}x: "
          f"{verdict(plugin_ratio <= BUDGET_PLUGIN_RATIO)}")
    print(f"  (for reference: plugin off and without the generated checklist pages, {real['content only']['seconds']:.2f} s,"
          f" {ratio(real['with'], real['content only']):.2f}x)\n")

    with tempfile.TemporaryDirectory() as work:
        generated = in_turns({"50": {"config_file": generate(50, Path(work) / "c50")},
                              "500": {"config_file": generate(500, Path(work) / "c500")}}, args.repeat)
    small, large = generated["50"], generated["500"]
    scale = ratio(large, small)
    print(f"  generated course,  50 lessons           {small['seconds']:6.2f} s")
    print(f"  generated course, 500 lessons           {large['seconds']:6.2f} s")
    print(f"  ratio 500 / 50                          {scale:6.2f}x   budget {BUDGET_SCALE_RATIO:.0f}x: "
          f"{verdict(scale <= BUDGET_SCALE_RATIO)}")
    print(f"  peak memory of the 500-lesson build     {large['peak_mib']:6.0f} MiB\n")

    one, three, editions = editions_ratio(50, args.repeat)
    print(f"  generated course, 50 lessons, 1 edition  {one:6.2f} s   (mkdocs build)")
    print(f"  the same in 3 editions                   {three:6.2f} s   (coursekit build: check, then every edition)")
    print(f"  ratio 3 editions / 1                     {editions:6.2f}x   budget {BUDGET_EDITIONS_RATIO:.1f}x: "
          f"{verdict(editions <= BUDGET_EDITIONS_RATIO)}")
    ok = (gz <= BUDGET_ASSETS_GZIP and plugin_ratio <= BUDGET_PLUGIN_RATIO and scale <= BUDGET_SCALE_RATIO
          and editions <= BUDGET_EDITIONS_RATIO)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
