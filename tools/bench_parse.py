"""Time parsing (and gazetteer enrichment) of N profile files.

    python tools/bench_parse.py [--count 10000]

Copies the bundled corpus round-robin into a temporary directory under new ids until
there are N files, then times `load_profiles` over them (cold gazetteer load included).
Prints one line of figures; nothing is asserted.
"""

from __future__ import annotations

import argparse
import platform
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import load_gazetteer, load_profiles  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus" / "profiles")
    args = parser.parse_args()
    sources = sorted(args.corpus.glob("*.txt"))
    if not sources:
        print(f"no profiles in {args.corpus}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="ikz-bench-parse-") as tmp:
        target = Path(tmp)
        for number in range(args.count):
            shutil.copyfile(sources[number % len(sources)], target / f"{number:06d}_bench.txt")
        started = time.perf_counter()
        gazetteer = load_gazetteer()
        loaded = time.perf_counter()
        result = load_profiles([target], gazetteer)
        finished = time.perf_counter()
    total = finished - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{len(result.profiles)} profiles ({len(result.errors)} errors) from {len(sources)} distinct files: "
        f"{total:.2f} s in all, gazetteer load {loaded - started:.2f} s, "
        f"{len(result.profiles) / (finished - loaded):.0f} profiles/s; peak RSS {peak_mb:.0f} MB; "
        f"Python {platform.python_version()} on {platform.machine()}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
