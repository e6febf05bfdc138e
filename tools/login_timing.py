"""Median time of a failed staff login for a known and an unknown name (issue 22).

``python tools/login_timing.py [--tries 48]``, run from a checkout: it imports that
checkout's ``webui.accounts`` (so it can be run against an older one to compare). Tries
alternate between the two names; the figures are wall time and vary with the machine's
load, which is why the test suite counts key derivations instead.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.getcwd())

from webui.accounts import add_account, verify


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tries", type=int, default=48)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "staff.json"
        add_account(path, "amt.soest", "richtig-geheim-123")
        times: dict[str, list[float]] = {"known name, wrong password": [], "unknown name": []}
        for _ in range(args.tries):
            for label, name in (("known name, wrong password", "amt.soest"), ("unknown name", "niemand.hier")):
                start = time.perf_counter()
                assert not verify(path, name, "falsches-passwort")
                times[label].append(time.perf_counter() - start)
    medians = {label: statistics.median(values) * 1000 for label, values in times.items()}
    for label, median in medians.items():
        print(f"{label}: median {median:.1f} ms over {args.tries} tries")
    known, unknown = medians.values()
    print(f"difference: {abs(unknown - known) / known * 100:.1f} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
