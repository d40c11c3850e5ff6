# analyst: the two commands are `make run` and `make test` (see README.md).
SWIFT       ?= swift
RELEASE_BIN := .build/release/analyst
# Debian packages: Lua 5.4 and libedit headers (pkg-config finds them) to build; lua5.4 and sqlite3
# for the benchmark's comparisons; rsvg-convert to turn the SVG pictures into PNG.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build run test test-install install shell eval bench fuzz fuzz-parsers sanitize clean docs

all: build

# Installs the system packages that are missing (apt-get; sudo when not root).
deps:
	@missing=""; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	pkg-config --exists lua5.4 2>/dev/null || missing="$$missing liblua5.4-dev"; \
	pkg-config --exists libedit 2>/dev/null || missing="$$missing libedit-dev"; \
	command -v rsvg-convert >/dev/null || missing="$$missing librsvg2-bin"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing$$missing ..."; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build -c release --product analyst

# The main job: advance rates along the offensive's axis on the bundled corpus.
run: build
	@mkdir -p out
	$(RELEASE_BIN) Scripts/advance-rates.lua out/advance-rates.csv

test: run
	$(SWIFT) test
	$(MAKE) --no-print-directory test-install

# Installs `analyst` with its bundled corpus, scripts and docs under PREFIX (default /usr/local):
# $(PREFIX)/bin/analyst finds $(PREFIX)/share/analyst/Corpus, so it runs from any folder.
PREFIX ?= /usr/local
install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/analyst $(DESTDIR)$(PREFIX)/share/doc/analyst
	install -m 755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/analyst
	rm -rf $(DESTDIR)$(PREFIX)/share/analyst/Corpus $(DESTDIR)$(PREFIX)/share/analyst/Scripts
	cp -R Corpus $(DESTDIR)$(PREFIX)/share/analyst/Corpus
	mkdir -p $(DESTDIR)$(PREFIX)/share/analyst/Scripts
	cp Scripts/*.lua $(DESTDIR)$(PREFIX)/share/analyst/Scripts/
	cp -R docs/. $(DESTDIR)$(PREFIX)/share/doc/analyst/
	@echo "installed $(DESTDIR)$(PREFIX)/bin/analyst (data in $(DESTDIR)$(PREFIX)/share/analyst)"

# `make install` into a scratch prefix, then the main job from another folder (run by `make test`).
test-install: build
	Scripts/dev/test-install.sh

shell: build
	$(RELEASE_BIN)

clean:
	rm -rf .build

# Benchmarks (figures in docs/performance.md): corpus load and extraction throughput, start-up to
# the prompt next to lua5.4's, then the 1M-row ACLED job as users run it (`analyst --events FILE
# script`) next to DuckDB, sqlite3 and lua5.4, interleaved, medians of BENCH_RUNS (5) runs.
# BENCH_ROWS=100000 for a quicker run.
BENCH_ROWS ?= 1000000
bench: deps
	@missing=""; command -v lua5.4 >/dev/null || missing="$$missing lua5.4"; \
	command -v sqlite3 >/dev/null || missing="$$missing sqlite3"; [ -x /usr/bin/time ] || missing="$$missing time"; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; fi
	@python3 -c 'import duckdb' 2>/dev/null || pip install -q duckdb 2>/dev/null || pip install -q --break-system-packages duckdb || echo "duckdb not installed: its column is skipped"
	$(SWIFT) build -c release --product AnalystBench
	$(SWIFT) build -c release --product analyst
	.build/release/AnalystBench --corpus 16
	Scripts/dev/bench-startup.sh $(RELEASE_BIN)
	Scripts/dev/bench.sh $(BENCH_ROWS)

# The generative fuzzer of Lua programs (docs/reliability.md): make fuzz N=100000 SEED=1
N ?= 10000
SEED ?= 1
fuzz: deps
	Scripts/fuzz/run.sh $(N) $(SEED)

# The parser fuzzers (libFuzzer over front matter and dates) and the sanitizer runs.
fuzz-parsers: deps
	Scripts/fuzz/libfuzzer.sh

sanitize: deps
	Scripts/fuzz/sanitize.sh

# Regenerate docs/lua-api.md, docs/analyst.d.lua and .luacheckrc from the API registry.
docs: deps
	UPDATE_DOCS=1 $(SWIFT) test --filter RegistryTests/testGeneratedFilesAreUpToDate

# Extractor scores: the seed articles (Tests/Gold/seeds.tsv), then the development set beside the
# checkout (../shared/devset, or DEVSET=DIR) when it is there. Per type, per language, modality,
# dates, then every miss and spurious event with its evidence.
DEVSET ?= ../shared/devset
eval: build
	$(RELEASE_BIN) --eval Tests/Gold/seeds.tsv
	@if [ -f "$(DEVSET)/gold.tsv" ]; then echo; $(RELEASE_BIN) --eval $(DEVSET)/gold.tsv --corpus $(DEVSET); \
	else echo "no development set at $(DEVSET) (set DEVSET=DIR)"; fi
