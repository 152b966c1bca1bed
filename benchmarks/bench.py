"""Benchmark: build cost against the same pages without the plugin, beside
mkdocs-quiz; the size of what the plugin ships; peak memory.

    make bench      (or: python benchmarks/bench.py [--repeat 5] [--repeat-generated 3])

The figure that decides is the number of instructions a build runs, counted
by valgrind (cachegrind, start-up taken off): it is the same on every run,
whatever else the machine does. CPU time (user + sys, inside each child
process around MkDocs' build) is printed beside it; on a shared machine two
runs of the same build can differ by a third, so it only shows what is far
from a budget. Each build runs in a fresh process; CPU builds that are
compared run in turns (A, B, A, B, ...), and a ratio is the median of the
ratios within each turn, printed with their spread.

The baseline is the same pages without the plugin (``same_pages.py``).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import gzip
import importlib.util
import json
import os
import re
import resource
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

from benchmarks import engines
from benchmarks.generate import generate, generate_editions, generate_peer
from benchmarks.same_pages import same_pages

ASSETS = ROOT / "plugins" / "coursekit" / "assets"
BUDGET_ASSETS_GZIP = 14 * 1024  # quizzes, the conversation player and progress management
PACKAGE_ONLY = {"coursekit-scorm.js"}  # the SCORM runtime script, only in `coursekit export scorm`'s pages
BUDGET_PLUGIN_RATIO = 1.10   # the real course, and the generated course of the largest size
BUDGET_EDITIONS_RATIO = 3.3  # three editions against one: the build grows linearly
SAMPLE_LESSON = "lessons/module-000/lesson-0001/index.html"


def build_once(config_file: Path, site_dir: Path, plugin: bool | None = True, docs_dir: Path | None = None,
               strict: bool = True, warm: bool = False, instructions: bool = False, build: bool = True) -> dict:
    """Build in a child process; it reports its own CPU time, wall time and
    peak memory. ``plugin=None`` leaves the config as it is (a peer's site).

    Each build gets an empty temp folder, so Jinja's compiled-template cache
    (kept there) is cold, as on a first build: a cache that only speeds up
    the next build does not count. ``warm=True`` keeps the usual temp folder.

    ``instructions=True`` runs the child under valgrind's cachegrind (no
    cache simulation: it only counts) and adds the number of instructions it
    ran (the whole process; ``build=False`` loads the config only, to
    subtract the start-up). Python's string hashing is seeded alike in every
    count, so the same build counts the same."""
    code = CHILD.format(config=str(config_file), site=str(site_dir), plugin=plugin,
                        docs=str(docs_dir) if docs_dir else None, strict=strict, build=build)
    command = [sys.executable, "-c", code]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    if instructions:
        command = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", *command]
        env["PYTHONHASHSEED"] = "0"
    with tempfile.TemporaryDirectory() as temp:
        if not warm:
            env["TMPDIR"] = temp
        result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=config_file.parent, check=False)
    if result.returncode != 0:
        raise SystemExit(f"build of {config_file} failed:\n{result.stderr[-3000:]}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    if instructions:
        figures["instructions"] = int(re.search(r"I\s+refs:\s+([\d,]+)", result.stderr).group(1).replace(",", ""))
    return figures


# CPU time is the child's own (RUSAGE_SELF), taken just around build(): what
# loading the config and importing MkDocs cost is the same on both sides.
CHILD = """
import json, logging, resource, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.basicConfig(level=logging.ERROR)
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
options = {{"docs_dir": {docs!r}}} if {docs!r} else {{}}
config = load_config(config_file={config!r}, site_dir={site!r}, strict={strict}, **options)
if {plugin!r} is not None:
    config.plugins["coursekit"].config.enabled = {plugin}
start, start_cpu = time.perf_counter(), cpu()
if {build!r}:
    build(config)
print(json.dumps({{"cpu": cpu() - start_cpu, "seconds": time.perf_counter() - start,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def pages_with_placeholders(config_file: Path, target: Path) -> Path:
    """For reference: a copy of the docs as authors write them, plus the pages
    the plugin generates as it generates them (a title and a placeholder
    each). Built with the plugin off, the pages are there, but what the plugin
    puts in them (widgets, key points, checklists) is not: the ratio against
    it counts what MkDocs and Material do with that content as the plugin's."""
    config = load_config(str(config_file))
    settings = settings_for(config, config.plugins["coursekit"].config)
    course = load_course(settings, read_pages(settings.docs_dir))
    shutil.copytree(settings.docs_dir, target)
    for uri, source in course.generated_pages().items():
        (target / uri).parent.mkdir(parents=True, exist_ok=True)
        (target / uri).write_text(source, encoding="utf-8")
    return target


def in_turns(builds: dict[str, dict], repeat: int) -> dict[str, dict]:
    """Run each build ``repeat`` times, in turns: median CPU and wall seconds,
    peak memory, every turn's CPU seconds (for ratios within a turn) and, for
    a build that names a ``sample`` page, that page's size gzipped."""
    runs: dict[str, list[dict]] = {name: [] for name in builds}
    samples: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as site:
        for _ in range(repeat):
            for name, build in builds.items():
                options = {key: value for key, value in build.items() if key != "sample"}
                runs[name].append(build_once(site_dir=Path(site) / name, **options))
        for name, build in builds.items():
            if "sample" in build:
                samples[name] = len(gzip.compress((Path(site) / name / build["sample"]).read_bytes(), 9))
    return {name: {"cpu": statistics.median(r["cpu"] for r in results),
                   "seconds": statistics.median(r["seconds"] for r in results),
                   "turns": [r["cpu"] for r in results],
                   "peak_mib": max(r["peak_mib"] for r in results),
                   "page_gzip": samples.get(name)} for name, results in runs.items()}


def ratio(a: dict, b: dict) -> float:
    """The median of a / b (CPU time) within each turn."""
    return statistics.median(x / y for x, y in zip(a["turns"], b["turns"]))


def spread(a: dict, b: dict) -> str:
    """The lowest and highest ratio of the turns: how far one turn can be off."""
    ratios = [x / y for x, y in zip(a["turns"], b["turns"])]
    return f"turns {min(ratios):.2f}-{max(ratios):.2f}"


def per_lesson_ms(a: dict, b: dict, lessons: int) -> float:
    """What the plugin adds per lesson, in milliseconds of CPU time: the
    median of a - b within each turn."""
    return statistics.median(x - y for x, y in zip(a["turns"], b["turns"])) / lessons * 1000


def editions_ratio(lessons: int, repeat: int) -> tuple[float, float, float]:
    """CPU seconds to build one edition ('mkdocs build') and three ('coursekit
    build', which checks every edition first), each a fresh process as people
    run them, in turns: the lowest of each, and their ratio. CPU time of the
    whole child process (RUSAGE_CHILDREN), start-up included, as both sides
    start one process."""
    with tempfile.TemporaryDirectory() as work:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", "TMPDIR": work}
        one = generate(lessons, Path(work) / "one").parent
        three = generate_editions(lessons, Path(work) / "three")
        commands = {"one": [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(Path(work) / "site-one")],
                    "three": [sys.executable, "-m", "coursekit.cli", "build", "--site-dir", str(Path(work) / "site-three")]}
        turns: dict[str, list[float]] = {"one": [], "three": []}
        for _ in range(repeat):
            for name, folder in (("one", one), ("three", three)):
                for cache in Path(work).glob("_jinja2-cache-*"):
                    shutil.rmtree(cache)  # cold, as for every other build measured here
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                result = subprocess.run(commands[name], cwd=folder, env=env, capture_output=True, text=True, check=False)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                turns[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
                if result.returncode != 0:
                    raise SystemExit(f"the {name}-edition build failed:\n{(result.stdout + result.stderr)[-3000:]}")
    ratios = [b / a for a, b in zip(turns["one"], turns["three"])]
    return statistics.median(turns["one"]), statistics.median(turns["three"]), statistics.median(ratios)


def count_instructions(builds: dict[str, dict], parallel: int = 2) -> dict[str, int]:
    """Instructions of each build (keyword arguments of ``build_once``), its
    configuration's start-up taken off. The counts do not depend on what else
    runs, so they run two at a time."""
    startups = {str(options["config_file"]): {"config_file": options["config_file"], "build": False,
                                              "plugin": None if options.get("plugin", True) is None else True}
                for options in builds.values()}
    every = {**{f"start-up {config}": options for config, options in startups.items()}, **builds}
    with tempfile.TemporaryDirectory() as site, concurrent.futures.ThreadPoolExecutor(parallel) as pool:
        futures = {name: pool.submit(build_once, site_dir=Path(site) / str(index), instructions=True, **options)
                   for index, (name, options) in enumerate(every.items())}
        counts = {name: future.result()["instructions"] for name, future in futures.items()}
    return {name: counts[name] - counts[f"start-up {options['config_file']}"] for name, options in builds.items()}


def verdict(ok: bool) -> str:
    return "within budget" if ok else "OVER BUDGET"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="turns for the real course (median counts)")
    parser.add_argument("--repeat-generated", type=int, default=3, help="turns for each generated course")
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 500], help="lessons of the generated courses")
    parser.add_argument("--no-instructions", action="store_true",
                        help="skip the instruction counts (minutes under valgrind): then CPU time decides")
    args = parser.parse_args()
    started = time.perf_counter()
    peer = importlib.util.find_spec("mkdocs_quiz") is not None
    instructions = not args.no_instructions and shutil.which("valgrind") is not None
    largest = max(args.sizes)

    print(f"coursekit benchmark · {os.cpu_count()} cores · Python {sys.version.split()[0]} · "
          f"{'instructions (cachegrind) decide; ' if instructions else ''}CPU time (user + sys) of each build, "
          f"median of {args.repeat} turns (real course), {args.repeat_generated} (generated)\n")
    if not instructions:
        print("  instruction counts skipped (" + ("--no-instructions" if args.no_instructions else
              "valgrind is not installed") + "): the CPU-time ratios decide, within their spread\n")

    raw = gz = 0
    for asset in sorted(ASSETS.iterdir()):
        data = asset.read_bytes()
        size = len(gzip.compress(data, 9))
        if asset.name in PACKAGE_ONLY:  # never on the site: not counted against its budget
            print(f"  {asset.name:<18} {len(data):>7,} B raw  {size:>6,} B gzip   (SCORM packages only)")
            continue
        raw, gz = raw + len(data), gz + size
        print(f"  {asset.name:<18} {len(data):>7,} B raw  {size:>6,} B gzip")
    print(f"  {'JS + CSS':<18} {raw:>7,} B raw  {gz:>6,} B gzip   budget {BUDGET_ASSETS_GZIP:,} B gzip: {verdict(gz <= BUDGET_ASSETS_GZIP)}\n")
    ok = gz <= BUDGET_ASSETS_GZIP

    config = ROOT / "mkdocs.yml"
    with tempfile.TemporaryDirectory() as work:
        docs = same_pages(config, Path(work) / "docs")
        placeholders = pages_with_placeholders(config, Path(work) / "placeholders")
        pages = sum(1 for _ in docs.rglob("*.md"))
        lessons = len(load_course(settings_for(cfg := load_config(str(config)), cfg.plugins["coursekit"].config),
                                  read_pages(docs)).lessons)
        builds = {"with": {"config_file": config},
                  "without": {"config_file": config, "plugin": False, "docs_dir": docs},
                  "placeholders": {"config_file": config, "plugin": False, "docs_dir": placeholders}}
        counts = count_instructions(builds) if instructions else {}
        real = in_turns({**builds, "with, warm": {"config_file": config, "warm": True}}, args.repeat)
    cpu_ratio = ratio(real["with"], real["without"])
    print(f"  {f'real course ({pages} pages, {lessons} lessons)':<40} {'instructions':>16}   CPU s   wall s")
    for name, label in (("with", "plugin on"), ("without", "same pages, plugin off")):
        count = f"{counts[name]:>16,}" if counts else f"{'':>16}"
        print(f"  {label:<40} {count}   {real[name]['cpu']:5.2f}   {real[name]['seconds']:6.2f}")
    real_ratio = counts["with"] / counts["without"] if counts else cpu_ratio
    if counts:
        print(f"  ratio (instructions)                     {real_ratio:16.3f}x  budget {BUDGET_PLUGIN_RATIO:.2f}x: "
              f"{verdict(real_ratio <= BUDGET_PLUGIN_RATIO)}")
        print(f"  plugin's cost per lesson                 {(counts['with'] - counts['without']) / lessons:16,.0f} instructions")
    print(f"  ratio (CPU)                              {cpu_ratio:16.2f}x  ({spread(real['with'], real['without'])})"
          + ("" if counts else f"   budget {BUDGET_PLUGIN_RATIO:.2f}x: {verdict(cpu_ratio <= BUDGET_PLUGIN_RATIO)}"))
    print(f"  plugin's cost per lesson (CPU)           {per_lesson_ms(real['with'], real['without'], lessons):16.1f} ms")
    reference = (f"{counts['with'] / counts['placeholders']:.3f}x by instructions" if counts
                 else f"{ratio(real['with'], real['placeholders']):.2f}x by CPU time")
    print(f"  (for reference: against the pages with placeholders only, {reference};")
    print(f"   a second build, with Jinja's compiled templates cached, {real['with, warm']['cpu']:.2f} s CPU,"
          f" {ratio(real['with, warm'], real['without']):.2f}x: not counted)\n")
    ok = ok and real_ratio <= BUDGET_PLUGIN_RATIO

    ours: dict[int, dict] = {}
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as work:
            course = generate(size, Path(work) / "ours")
            builds = {"on": {"config_file": course},
                      "off": {"config_file": course, "plugin": False, "docs_dir": same_pages(course, Path(work) / "ours-same-pages")}}
            if peer:
                peer_on, peer_off = generate_peer(size, Path(work) / "peer")
                builds |= {"peer on": {"config_file": peer_on, "plugin": None},
                           "peer off": {"config_file": peer_off, "plugin": None}}
            counts = count_instructions(builds) if instructions and size == largest else {}
            for name in ("on", "peer on") if peer else ("on",):
                builds[name]["sample"] = SAMPLE_LESSON  # its size gzipped, once the CPU turns built it
            result = ours[size] = in_turns(builds, args.repeat_generated)
        size_ratio = ratio(result["on"], result["off"])
        print(f"  {f'generated course, {size} lessons':<40} CPU s on / off   ratio   per lesson   lesson page gzip")
        print(f"  {'coursekit (same pages when off)':<40}{result['on']['cpu']:6.2f} / {result['off']['cpu']:5.2f}   "
              f"{size_ratio:5.2f}x  {per_lesson_ms(result['on'], result['off'], size):6.1f} ms   "
              f"{result['on']['page_gzip'] / 1024:5.1f} KB   ({spread(result['on'], result['off'])})")
        if peer:
            print(f"  {'mkdocs-quiz (same lessons, its syntax)':<40}{result['peer on']['cpu']:6.2f} / {result['peer off']['cpu']:5.2f}   "
                  f"{ratio(result['peer on'], result['peer off']):5.2f}x  "
                  f"{per_lesson_ms(result['peer on'], result['peer off'], size):6.1f} ms   "
                  f"{result['peer on']['page_gzip'] / 1024:5.1f} KB   ({spread(result['peer on'], result['peer off'])})")
        else:
            print("  mkdocs-quiz: not installed (make bench installs it: pip install -e '.[bench]')")
        if counts:
            decided = counts["on"] / counts["off"]
            print(f"  {'instructions on / off':<40}{counts['on']:,} / {counts['off']:,}")
            print(f"  {'coursekit, ratio (instructions)':<40}{decided:.3f}x   "
                  f"{(counts['on'] - counts['off']) / size:,.0f} instructions per lesson")
            if peer:
                print(f"  {'mkdocs-quiz, ratio (instructions)':<40}{counts['peer on'] / counts['peer off']:.3f}x   "
                      f"{(counts['peer on'] - counts['peer off']) / size:,.0f} instructions per lesson")
        elif size == largest:
            decided = size_ratio
        if size == largest:
            ok = ok and decided <= BUDGET_PLUGIN_RATIO
            print(f"  {'':<40}budget {BUDGET_PLUGIN_RATIO:.2f}x at {size} lessons"
                  f"{'' if counts else ' (CPU)'}: {verdict(decided <= BUDGET_PLUGIN_RATIO)}")
        print()

    print(f"  peak memory of the {largest}-lesson build         {ours[largest]['on']['peak_mib']:6.0f} MiB")
    one, three, editions = editions_ratio(50, args.repeat_generated)
    ok = ok and editions <= BUDGET_EDITIONS_RATIO
    print(f"\n  generated course, 50 lessons, 1 edition  {one:6.2f} s CPU   (mkdocs build)")
    print(f"  the same in 3 editions                   {three:6.2f} s CPU   (coursekit build: check, then every edition)")
    print(f"  ratio 3 editions / 1                     {editions:6.2f}x   budget {BUDGET_EDITIONS_RATIO:.1f}x: "
          f"{verdict(editions <= BUDGET_EDITIONS_RATIO)}")
    print()
    engines.side_by_side(args.repeat)  # both engines' builds of the real course
    print(f"\n  benchmark took {time.perf_counter() - started:.0f} s (wall)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
