# Toets: `make demo` runs the demo pipeline end to end; `make test` runs the tests.
# Both install the Debian packages they need first, so a fresh Debian machine needs nothing else.

SWIFT ?= swift
DEBIAN_PACKAGES := libsqlite3-dev sqlite3 libarchive-dev pkg-config
DEMO_WORKSPACE ?= .toets
DEMO_OUT ?= reports/demo
# The demo's pseudonymisation key: made once, outside the repository, readable by its owner only.
DEMO_KEY ?= $(HOME)/.config/toets/demo-pseudonym.key

.PHONY: demo demo-data test build release deps bench bench-build bench-runner bench-ingest bench-pii bench-methods bench-coortweet bench-cnt scoring-fixtures clean

deps:
	@scripts/install-debian-packages.sh $(DEBIAN_PACKAGES)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product toets

# Runs the demo pipeline twice: the second run shows that nothing reruns when nothing changed.
demo: release $(DEMO_KEY)
	@scripts/install-debian-packages.sh python3
	TOETS_PSEUDONYM_KEY_FILE=$(DEMO_KEY) .build/release/toets run pipelines/demo.yaml --workspace $(DEMO_WORKSPACE)
	TOETS_PSEUDONYM_KEY_FILE=$(DEMO_KEY) .build/release/toets status pipelines/demo.yaml --workspace $(DEMO_WORKSPACE)
	TOETS_PSEUDONYM_KEY_FILE=$(DEMO_KEY) .build/release/toets run pipelines/demo.yaml --workspace $(DEMO_WORKSPACE)
	.build/release/toets outputs evaluation --workspace $(DEMO_WORKSPACE) --copy-to $(DEMO_OUT)
	TOETS_PSEUDONYM_KEY_FILE=$(DEMO_KEY) .build/release/toets audit pipelines/demo.yaml --workspace $(DEMO_WORKSPACE) \
		--canaries datasets/demo/canaries.txt
	@echo
	@cat $(DEMO_OUT)/summary.txt
	@echo "results in $(DEMO_OUT)/; try: TOETS_PSEUDONYM_KEY_FILE=$(DEMO_KEY) .build/release/toets explain co-share --workspace $(DEMO_WORKSPACE)"

$(DEMO_KEY):
	@mkdir -p $(dir $(DEMO_KEY))
	@(umask 077 && head -c 32 /dev/urandom > $(DEMO_KEY))
	@echo "made the demo pseudonymisation key $(DEMO_KEY) (mode 600)"

# Regenerates the embedded demo world (the same bytes for the same seed).
demo-data: build
	.build/debug/toets demo-data --out datasets/demo

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest

# Benchmarks build in release mode and compare against a named baseline in the same run.
PYTHON ?= python3
VENV := .build-py/venv

$(VENV)/bin/snakemake:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet "snakemake>=9,<10"

# Presidio's analyzer, the baseline of bench-pii; pinned so that its figures stay comparable.
PRESIDIO := $(VENV)/.presidio-analyzer-2.2.366
$(PRESIDIO):
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet "presidio-analyzer==2.2.366"
	touch $@

bench-build: deps
	$(SWIFT) build -c release --product toets
	$(SWIFT) build -c release --product toets-bench

bench: bench-runner bench-ingest bench-pii bench-methods bench-coortweet bench-cnt

# No-op reruns against Snakemake 9; SHA-256 of 1 GiB against openssl.
bench-runner: bench-build $(VENV)/bin/snakemake
	.build/release/toets-bench noop --snakemake $(VENV)/bin/snakemake
	.build/release/toets-bench hash

# 1M twarc2 posts from a .tar.gz against tar -xzOf of the same archive.
bench-ingest: bench-build
	.build/release/toets-bench ingest --posts 1000000

# PIIScanner on 100k labelled Dutch texts against Presidio's analyzer (regex recognizers only):
# texts/s, and precision and recall per kind.
bench-pii: bench-build $(PRESIDIO)
	.build/release/toets-bench pii --texts 100000

# Reference values for ToetsScoring's tests, from scikit-learn, SciPy, statsmodels and krippendorff.
# Pinned: the same versions write the same bytes (the fixtures record the versions they came from).
SCORING_VENV := .build-py/venv-scoring
SCORING_ORACLES := numpy==2.4.6 scipy==1.17.1 scikit-learn==1.9.1 statsmodels==0.15.0 krippendorff==0.9.0

$(SCORING_VENV)/bin/python:
	$(PYTHON) -m venv $(SCORING_VENV)
	$(SCORING_VENV)/bin/pip install --quiet $(SCORING_ORACLES)

scoring-fixtures: $(SCORING_VENV)/bin/python
	$(SCORING_VENV)/bin/python scripts/oracles/scoring_fixtures.py

# Every built-in method on 10 million synthetic posts: time and peak memory of each.
bench-methods: bench-build
	.build/release/toets-bench methods --posts 10000000

# CooRTweet on its real data (../shared/data/coortweet) and on 10M synthetic shares.
bench-coortweet: bench-build
	.build/release/toets-bench coortweet --oracle

# CNT 1.5.2's six co-action networks against Toets's on synthetic CSVs of 200k and 1M messages:
# end-to-end seconds of each and whether the edges agree. Pinned, like bench-pii's baseline.
CNT_VENV := .build-py/venv-cnt
$(CNT_VENV)/.cnt-1.5.2:
	$(PYTHON) -m venv $(CNT_VENV)
	$(CNT_VENV)/bin/pip install --quiet "coordination-network-toolkit==1.5.2"
	touch $@

bench-cnt: bench-build $(CNT_VENV)/.cnt-1.5.2
	.build/release/toets-bench cnt --messages 200000,1000000 --window 60

clean:
	rm -rf .build .toets
