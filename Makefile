# analyst: the two commands are `make run` and `make test` (see README.md).
SWIFT       ?= swift
RELEASE_BIN := .build/release/analyst
# Debian packages the build needs: Lua 5.4 and libedit headers, pkg-config to find them.
APT_PACKAGES := liblua5.4-dev libedit-dev pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build run test shell eval bench fuzz sanitize clean docs

all: build

# Installs the system packages that are missing (apt-get; sudo when not root).
deps:
	@if ! (command -v pkg-config >/dev/null && pkg-config --exists lua5.4 libedit); then \
	  echo "Installing $(APT_PACKAGES) ..."; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	fi

build: deps
	$(SWIFT) build -c release --product analyst

# The main job: advance rates along the offensive's axis on the bundled corpus.
run: build
	@mkdir -p out
	$(RELEASE_BIN) Scripts/advance-rates.lua out/advance-rates.csv

test: run
	$(SWIFT) test

shell: build
	$(RELEASE_BIN)

clean:
	rm -rf .build

# Regenerate docs/lua-api.md, docs/analyst.d.lua and .luacheckrc from the API registry.
docs: deps
	UPDATE_DOCS=1 $(SWIFT) test --filter RegistryTests/testGeneratedFilesAreUpToDate

# Precision, recall and F1 of the extractor on the gold annotations of the seed articles.
eval: build
	$(RELEASE_BIN) --eval Tests/Gold/seeds.tsv
