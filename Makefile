# The two commands of the README: `make run` and `make test`. Everything else is set up on demand.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
INDEX  ?= var/index
# Browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
CHROMIUM := /usr/bin/chromium
# The PostgreSQL backend's tests start their own cluster with Debian's server binaries.
PG_INITDB := /usr/lib/postgresql/15/bin/initdb

.PHONY: run test eval ablation bench index clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

$(INDEX)/current: | $(STAMP)
	$(BIN)/ikz index build --index $(INDEX)

## run: set up if needed, build the index from the bundled corpus if missing, serve it on
## http://127.0.0.1:8000 (`ikz serve`: gunicorn, 2 worker processes × 4 threads). Plain
## http: the session cookie may go without HTTPS here, or staff could not sign in.
run: $(STAMP) $(INDEX)/current
	IKZ_SESSION_COOKIE_SECURE=false $(BIN)/ikz serve --index $(INDEX) --host 127.0.0.1 --port 8000

## index: rebuild the index from the bundled corpus
index: $(STAMP)
	$(BIN)/ikz index build --index $(INDEX)

$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
	  || { echo "Browser tests need Debian's chromium: apt-get install chromium"; exit 1; }

$(PG_INITDB):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql \
	  || { echo "PostgreSQL tests need Debian's postgresql"; exit 1; }

## test: set up if needed (virtual environment, Debian's chromium and PostgreSQL), lint (ruff) and
## run the whole test suite
test: $(STAMP) $(CHROMIUM) $(PG_INITDB)
	$(BIN)/ruff check --no-cache .
	$(BIN)/python -m pytest -q -n 2

## eval: ranking quality on the judged queries beside the naive Whoosh baseline, and the
## PostgreSQL backend beside Whoosh (in a throwaway local cluster)
eval: $(STAMP) $(PG_INITDB)
	$(BIN)/python tools/pg_cluster.py -- $(BIN)/ikz eval

## ablation: `ikz eval` with one part of the ranking switched off at a time (compound parts weighted
## low, filler words, English glossary, semantic layer, place lift, task-area bonus), every judged set
## and tests/dev, as the README's ablation table (tools/ablation.py; Whoosh; about 10 minutes).
ablation: $(STAMP)
	$(BIN)/python tools/ablation.py

## bench: first the cold path (tools/bench_cold.py: every query distinct, all facets, in-process and over
## HTTP with 1 worker, first query after opening and after a single-profile update, beside SQLite FTS5
## and tantivy, which it installs into the virtual environment); a first build with and without the semantic layer
## (tools/bench_build.py: profiles/s and CPU seconds of parent and workers); then parsing, build (time, RSS, size), cold start, update visibility and query latency
## at 1,000 and 10,000 synthetic profiles and on the bundled corpus, the same workload on naive
## Whoosh and SQLite FTS5, Whoosh beside PostgreSQL (with a streaming replica), HTTP throughput
## at 10,000 profiles uncached and with the result cache, and uncached on PostgreSQL, and on the
## bundled corpus (the issue's figures: JSON search and HTML search page against `ikz serve` with
## 2 workers, requests/s and p50/p99, with and without the result cache; needs wrk:
## apt-get install wrk). The HTTP runs rebuild var/bench10k so that it matches the current code.
## BENCH_100K=1 adds 100,000 profiles (about 15 minutes; 400 MB corpus under var/synth).
## Timing runs hold /tmp/ikz-bench.lock so that they never overlap with another benchmark.
BENCH_LOCK := flock /tmp/ikz-bench.lock
BENCH_JSON := docs/benchmarks.jsonl
bench: $(STAMP) $(PG_INITDB) $(INDEX)/current
	$(BIN)/python -m pip install --quiet tantivy  # the cold benchmark's reference engine; benchmark-only
	$(BENCH_LOCK) $(BIN)/python tools/bench_cold.py --synthetic 10000 --http --engine both --json $(BENCH_JSON)
	$(BENCH_LOCK) $(BIN)/python tools/bench_build.py --synthetic 10000 --json $(BENCH_JSON)
	$(BENCH_LOCK) $(BIN)/python tools/bench_build.py --synthetic 10000 --semantic off --json $(BENCH_JSON)
	$(BENCH_LOCK) $(BIN)/python tools/bench_parse.py --count 10000
	$(BENCH_LOCK) $(BIN)/python tools/bench_search.py
	$(BENCH_LOCK) $(BIN)/python tools/bench_search.py --synthetic 1000 --rounds 10 --json $(BENCH_JSON)
	$(BENCH_LOCK) $(BIN)/python tools/bench_search.py --synthetic 10000 --rounds 10 --json $(BENCH_JSON)
	$(BENCH_LOCK) $(BIN)/python tools/bench_refs.py --synthetic 1000 --json $(BENCH_JSON)
	$(BENCH_LOCK) $(BIN)/python tools/bench_refs.py --synthetic 10000 --json $(BENCH_JSON)
	$(BENCH_LOCK) $(BIN)/python tools/bench_backends.py --synthetic 10000 --rounds 10 --replica --json $(BENCH_JSON)
ifdef BENCH_100K
	$(BENCH_LOCK) $(BIN)/python tools/bench_cold.py --synthetic 100000 --http --engine both --json $(BENCH_JSON)
	$(BENCH_LOCK) $(BIN)/python tools/bench_search.py --synthetic 100000 --rounds 5 --json $(BENCH_JSON)
	$(BENCH_LOCK) $(BIN)/python tools/bench_backends.py --synthetic 100000 --rounds 10 --replica --json $(BENCH_JSON)
endif
	$(BENCH_LOCK) $(BIN)/python tools/bench_http.py --index $(INDEX)
	$(BENCH_LOCK) $(BIN)/python tools/bench_http.py --index $(INDEX) --no-result-cache
	$(BIN)/ikz index build --corpus var/synth/10000 --index var/bench10k
	$(BENCH_LOCK) $(BIN)/python tools/bench_http.py --index var/bench10k --threads 4 --no-result-cache
	$(BENCH_LOCK) $(BIN)/python tools/bench_http.py --index var/bench10k --threads 4
	$(BENCH_LOCK) $(BIN)/python tools/pg_cluster.py -- sh -c '$(BIN)/ikz index build --backend postgres \
	  --corpus var/synth/10000 --index k10 && IKZ_BACKEND=postgres $(BIN)/python tools/bench_http.py --index k10 \
	  --endpoints api --no-result-cache'

clean:
	rm -rf $(VENV) build *.egg-info var
