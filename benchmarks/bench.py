"""Benchmark: build times, the size of what the plugin ships, peak memory.

    make bench      (or: python benchmarks/bench.py [--repeat 3])

Prints figures measured in one run on this machine, against the budgets in the
README. Each build runs in a fresh process; the median of the repeats counts.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.generate import generate

ASSETS = ROOT / "plugins" / "coursekit" / "assets"
BUDGET_ASSETS_GZIP = 8 * 1024
BUDGET_PLUGIN_RATIO = 1.10
BUDGET_SCALE_RATIO = 11.0


def build_once(config_file: Path, site_dir: Path, disable_plugin: bool) -> dict:
    """Build in a child process; it reports its own time and peak memory."""
    code = textwrap_child.format(config=str(config_file), site=str(site_dir), disable=disable_plugin)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=config_file.parent, check=False)
    if result.returncode != 0:
        raise SystemExit(f"build of {config_file} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


textwrap_child = """
import json, logging, resource, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.disable(logging.WARNING)
config = load_config(config_file={config!r}, site_dir={site!r}, strict=True)
if {disable}:
    config.plugins["coursekit"].config.enabled = False
start = time.perf_counter()
build(config)
seconds = time.perf_counter() - start
print(json.dumps({{"seconds": seconds, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def median_build(config_file: Path, repeat: int, disable_plugin: bool = False) -> dict:
    runs = []
    with tempfile.TemporaryDirectory() as site:
        for _ in range(repeat):
            runs.append(build_once(config_file, Path(site), disable_plugin))
    return {"seconds": statistics.median(r["seconds"] for r in runs), "peak_mib": max(r["peak_mib"] for r in runs)}


def verdict(ok: bool) -> str:
    return "within budget" if ok else "OVER BUDGET"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="builds per measurement (median counts)")
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
    with_plugin = median_build(config, args.repeat)
    without = median_build(config, args.repeat, disable_plugin=True)
    ratio = with_plugin["seconds"] / without["seconds"]
    print("  real course, build with the plugin      "
          f"{with_plugin['seconds']:6.2f} s")
    print(f"  real course, same pages, plugin off     {without['seconds']:6.2f} s")
    print(f"  ratio                                   {ratio:6.2f}x   budget {BUDGET_PLUGIN_RATIO:.2f}x: "
          f"{verdict(ratio <= BUDGET_PLUGIN_RATIO)}\n")

    with tempfile.TemporaryDirectory() as work:
        small = median_build(generate(50, Path(work) / "c50"), args.repeat)
        large = median_build(generate(500, Path(work) / "c500"), args.repeat)
    scale = large["seconds"] / small["seconds"]
    print(f"  generated course,  50 lessons           {small['seconds']:6.2f} s")
    print(f"  generated course, 500 lessons           {large['seconds']:6.2f} s")
    print(f"  ratio 500 / 50                          {scale:6.2f}x   budget {BUDGET_SCALE_RATIO:.0f}x: "
          f"{verdict(scale <= BUDGET_SCALE_RATIO)}")
    print(f"  peak memory of the 500-lesson build     {large['peak_mib']:6.0f} MiB")
    ok = gz <= BUDGET_ASSETS_GZIP and ratio <= BUDGET_PLUGIN_RATIO and scale <= BUDGET_SCALE_RATIO
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
