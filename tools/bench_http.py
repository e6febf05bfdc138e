"""HTTP throughput and latency of `ikz serve` on 127.0.0.1, measured with wrk.

    apt-get install wrk && python tools/bench_http.py [--index var/index] [--seconds 20]

Starts `ikz serve --workers 2` on a free loopback port (by default over var/index, the
bundled corpus that `make run` builds), loads it with wrk (2 threads, 16 connections, a
fixed rotation of queries with facets, `wrk --latency` for the percentiles), for the JSON
API and for the HTML search page, and prints requests/s with p50/p99 latency and the
machine's load average before and after each run (the load generator shares the machine).
Bounded in time; loopback only.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["q=Abfall", "q=Feuerwehr&region=Arnsberg", "q=wer+rechnet+gemeinsam+Geh%C3%A4lter+ab", "q=Feuerwher",
           "q=Nahverkehr", "region=K%C3%B6ln&year_from=2000&year_to=2020", "", "q=Digitalisierung&page=2",
           "q=Schule&legal_form=Zweckverband", "q=Bibliothek&sort=newest"]
LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_ready(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server did not answer at {url}")


def wrk(base: str, paths: list[str], seconds: int) -> str:
    """wrk's report for ``seconds`` of load (2 threads, 16 connections) rotating through ``paths``."""
    rotation = ", ".join(f'"{path}"' for path in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % rotation)
    done = subprocess.run(["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", "-s", script.name, base],
                          capture_output=True, text=True, check=True, timeout=seconds + 30)
    return done.stdout


def run_wrk(base: str, prefix: str, seconds: int) -> dict[str, float]:
    out = wrk(base, [f"{prefix}?{q}" if q else prefix for q in QUERIES], seconds)

    def ms(label: str) -> float:
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50": ms("50"), "p99": ms("99"),
            "errors": int(errors.group(1)) if errors else 0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=ROOT / "var" / "index")
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--no-cache", action="store_true",
                        help="turn the snippet and result caches off (uncached figures)")
    parser.add_argument("--no-result-cache", action="store_true", help="turn only the result cache off")
    parser.add_argument("--endpoints", choices=("both", "api", "html"), default="both")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 1
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # the benchmark client is one address: switch the per-address API limit off
    environment = {**os.environ, "IKZ_RATE_LIMIT": "0", "IKZ_SNIPPET_CACHE": "0" if args.no_cache else "20000",
                   "IKZ_RESULT_CACHE": "0" if args.no_cache or args.no_result_cache else "500"}
    server = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--index", str(args.index), "--port", str(port),
                               "--workers", str(args.workers), "--threads", str(args.threads)],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
    try:
        wait_ready(f"{base}/api/v1/search?q=Abfall")
        for query in QUERIES:  # warm both workers' caches a little
            for _ in range(4):
                urllib.request.urlopen(f"{base}/api/v1/search?{query}").read()
        cache = ("snippet and result caches off" if args.no_cache else
                 "snippet cache on, result cache off" if args.no_result_cache else "snippet and result caches on")
        print(f"`ikz serve --workers {args.workers} --threads {args.threads}` ({cache}) on 127.0.0.1, "
              f"wrk 2 threads / 16 connections, {args.seconds} s each, {len(QUERIES)} rotating queries\n")
        print("| endpoint | requests/s | p50 ms | p99 ms | non-2xx | load average before → after |\n"
              "|---|---|---|---|---|---|")
        endpoints = [("/api/v1/search", "/api/v1/search"), ("HTML search page /", "/")]
        if args.endpoints == "html":
            endpoints = endpoints[1:]
        elif args.endpoints == "api":
            endpoints = endpoints[:1]
        for name, prefix in endpoints:
            before = os.getloadavg()[0]
            result = run_wrk(base, prefix, args.seconds)
            print(f"| {name} | {result['rps']:.0f} | {result['p50']:.1f} | {result['p99']:.1f} | {result['errors']} "
                  f"| {before:.2f} → {os.getloadavg()[0]:.2f} |", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=20)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
