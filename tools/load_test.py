"""A bounded load test: `ikz serve --workers 2` under a mixed load on 127.0.0.1, checking
failed requests and the workers' memory before and after.

    apt-get install wrk && python tools/load_test.py [--seconds 60] [--threads 4] [--no-result-cache]

Warms the server up, reads the resident memory of the gunicorn workers, runs wrk
(2 threads, 16 connections) for ``--seconds`` over a rotation of API searches, pages,
profiles and suggestions, reads the memory again and prints a summary. Loopback only,
bounded in time.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_http import ROOT, free_port, wait_ready, wrk

PATHS = ["/api/v1/search?q=Abfall", "/api/v1/search?q=Feuerwehr&region=Arnsberg", "/?q=B%C3%BCrgerbus",
         "/api/v1/search?q=wer+rechnet+gemeinsam+Geh%C3%A4lter+ab", "/api/v1/search?q=Feuerwher",
         "/profiles/201_wertstoffhoefe-kreis-warendorf", "/api/v1/suggest?q=Lipp", "/?region=K%C3%B6ln&sort=newest",
         "/api/v1/profiles/051_wertstoffhofverbund-bocholt-rhede-isselburg/similar", "/api/v1/search?q=Kita&page=2",
         "/api/v1/search?q=Digitalisierung&legal_form=Zweckverband", "/api/v1/search?year_from=2000&year_to=2010"]
def workers_rss_kb(master: int) -> int:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    total = 0
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=ROOT / "var" / "index")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (ikz serve's default: 4)")
    parser.add_argument("--no-result-cache", action="store_true", help="uncached figures (snippet cache stays on)")
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    environment = {**os.environ, "IKZ_RATE_LIMIT": "0", "IKZ_RESULT_CACHE": "0" if args.no_result_cache else "500"}
    server = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--index", str(args.index), "--port", str(port),
                               "--workers", "2", "--threads", str(args.threads)], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env=environment)
    try:
        wait_ready(f"{base}/api/v1/search?q=Abfall")
        for path in PATHS * 5:
            urllib.request.urlopen(base + path).read()
        wrk(base, PATHS, 5)  # warm up every worker
        before = workers_rss_kb(server.pid)
        started = time.monotonic()
        out = wrk(base, PATHS, args.seconds)
        elapsed = time.monotonic() - started
        after = workers_rss_kb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=20)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    growth = (after - before) / before * 100
    cache = "result cache off" if args.no_result_cache else "result cache on"
    print(f"{cache}, {args.threads} thread(s) per worker: "
          f"{requests} requests in {elapsed:.0f} s ({requests / elapsed:.0f}/s); non-2xx: "
          f"{non2xx.group(1) if non2xx else 0}; socket errors: {socket_errors.group(1) if socket_errors else 'none'}")
    print(f"worker memory (RSS, 2 workers): {before / 1024:.1f} MB before, {after / 1024:.1f} MB after "
          f"({growth:+.1f} %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
