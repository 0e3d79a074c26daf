# Toets: `make demo` runs the demo pipeline end to end; `make test` runs the tests.
# Both install the Debian packages they need first, so a fresh Debian machine needs nothing else.

SWIFT ?= swift
DEBIAN_PACKAGES := libsqlite3-dev sqlite3 libarchive-dev zlib1g-dev pkg-config
# External methods run in bubblewrap; tests and the demo run methods in Debian's python3 (what the
# sandbox shows of /usr), and prlimit (util-linux) sets their process limit. script(1) (bsdutils)
# gives the progress tests a pseudo-terminal.
SANDBOX_PACKAGES := bubblewrap python3 util-linux bsdutils
# Reports: weasyprint renders HTML to PDF (with the DejaVu fonts the stylesheet names); the report
# tests turn PDFs into PNG pages and text with poppler-utils.
REPORT_PACKAGES := weasyprint poppler-utils fonts-dejavu-core
# The Slurm executor's test: a single-node cluster on this machine (scripts/slurm-local.sh).
SLURM_PACKAGES := slurmctld slurmd slurm-client munge
# Methods in OCI images run with podman and runc; the tests build their image from busybox-static;
# rootless podman (toets run by a user other than root) maps subordinate ids with uidmap.
CONTAINER_PACKAGES := podman runc busybox-static uidmap
DEMO_WORKSPACE ?= .toets
DEMO_OUT ?= reports/demo
# The demo's pseudonymisation key: made once, outside the repository, readable by its owner only.
DEMO_KEY ?= $(HOME)/.config/toets/demo-pseudonym.key
# The demo's provenance signing key (Ed25519), made once by `toets keygen`, outside the repository.
DEMO_SIGNING_KEY ?= $(HOME)/.config/toets/demo-signing.key
# The name lists anonymise reads at run time (Deduce 3.0.6's lookup lists, LGPL-3.0): fetched by
# `make name-lists` into this build folder, never into the repository; `toets run` finds them
# through $TOETS_NAME_LISTS (or the anonymise parameter name_lists).
NAME_LISTS ?= $(CURDIR)/.build-lists/name-lists
export TOETS_NAME_LISTS := $(NAME_LISTS)

.PHONY: demo demo-data test test-slurm test-rootless slurm-deps container-deps bench-slurm name-lists build release deps report-deps check-html report-goldens bench bench-build bench-runner bench-ingest bench-pii bench-methods bench-coortweet bench-score bench-cnt bench-pipeline bench-progress bench-plant scoring-fixtures check-crate clean

deps:
	@scripts/install-debian-packages.sh $(DEBIAN_PACKAGES) $(SANDBOX_PACKAGES)

report-deps:
	@scripts/install-debian-packages.sh $(REPORT_PACKAGES)

slurm-deps:
	@scripts/install-debian-packages.sh $(SLURM_PACKAGES)

container-deps:
	@scripts/install-debian-packages.sh $(CONTAINER_PACKAGES)

# Methods in images with toets run by a user other than root (rootless podman): makes the user
# toets-rootless with subordinate ids of its own.
test-rootless: container-deps
	$(SWIFT) build --product toets
	scripts/test-rootless-podman.sh .build/debug/toets

# The demo pipeline locally and through a single-node Slurm started (and stopped) for the test:
# the same digests, and a rerun that submits no job.
test-slurm: deps slurm-deps name-lists
	$(SWIFT) build --product toets
	scripts/test-slurm.sh .build/debug/toets

# Toets against Snakemake 9 with its Slurm executor plugin (PyPI, in a venv under .build-py/) on the
# same single-node cluster: a 50-step fan-out, per-step overhead, no-op reruns.
SNAKEMAKE_VENV := .build-py/snakemake
$(SNAKEMAKE_VENV)/bin/snakemake:
	@scripts/install-debian-packages.sh python3 python3-venv
	python3 -m venv $(SNAKEMAKE_VENV)
	$(SNAKEMAKE_VENV)/bin/pip install -q 'snakemake>=9,<10' snakemake-executor-plugin-slurm

bench-slurm: release slurm-deps $(SNAKEMAKE_VENV)/bin/snakemake
	scripts/bench-slurm.sh .build/release/toets 50

# The pinned Deduce 3.0.6 wheel from PyPI, its SHA-256 checked, its lookup lists unpacked.
name-lists: $(NAME_LISTS)/SOURCE
$(NAME_LISTS)/SOURCE: scripts/fetch-name-lists.sh
	@scripts/install-debian-packages.sh python3 python3-venv
	scripts/fetch-name-lists.sh $(NAME_LISTS) $(PYTHON)

build: deps
	$(SWIFT) build

# Release builds link the Swift runtime and Foundation statically: a command starts without
# resolving a dozen shared Swift libraries (a no-op rerun of the demo: 0.107 against 0.114 CPU s,
# medians of 10 in turn). Switching this flag rebuilds everything once (32 min under a load of 12
# here); the binary is 134 MB instead of 61 MB. toets and toets-bench are built with the same flags,
# or each build would undo the other's.
RELEASE_FLAGS := -c release --static-swift-stdlib

release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product toets

# Runs the demo pipeline twice: the second run shows that nothing reruns when nothing changed.
demo: release report-deps name-lists $(DEMO_KEY) $(DEMO_SIGNING_KEY)
	TOETS_PSEUDONYM_KEY_FILE=$(DEMO_KEY) TOETS_SIGNING_KEY_FILE=$(DEMO_SIGNING_KEY) \
		.build/release/toets run pipelines/demo.yaml --workspace $(DEMO_WORKSPACE)
	TOETS_PSEUDONYM_KEY_FILE=$(DEMO_KEY) .build/release/toets status pipelines/demo.yaml --workspace $(DEMO_WORKSPACE)
	TOETS_PSEUDONYM_KEY_FILE=$(DEMO_KEY) TOETS_SIGNING_KEY_FILE=$(DEMO_SIGNING_KEY) \
		.build/release/toets run pipelines/demo.yaml --workspace $(DEMO_WORKSPACE)
	.build/release/toets verify --workspace $(DEMO_WORKSPACE)
	.build/release/toets outputs score --workspace $(DEMO_WORKSPACE) --copy-to $(DEMO_OUT)
	TOETS_PSEUDONYM_KEY_FILE=$(DEMO_KEY) .build/release/toets audit pipelines/demo.yaml --workspace $(DEMO_WORKSPACE) \
		--canaries datasets/demo/canaries.txt --reports $(DEMO_OUT)
	@echo
	@cat $(DEMO_OUT)/summary.txt
	@echo "reports in $$(ls -td $(DEMO_OUT)/run-* | head -1)/, tables in $(DEMO_OUT)/; try: TOETS_PSEUDONYM_KEY_FILE=$(DEMO_KEY) .build/release/toets explain co-share --workspace $(DEMO_WORKSPACE)"

$(DEMO_SIGNING_KEY): | release
	@mkdir -p $(dir $(DEMO_SIGNING_KEY))
	.build/release/toets keygen --out $(DEMO_SIGNING_KEY)

$(DEMO_KEY):
	@mkdir -p $(dir $(DEMO_KEY))
	@(umask 077 && head -c 32 /dev/urandom > $(DEMO_KEY))
	@echo "made the demo pseudonymisation key $(DEMO_KEY) (mode 600)"

# Regenerates the embedded demo world (the same bytes for the same seed).
demo-data: build
	.build/debug/toets demo-data --out datasets/demo

# The report goldens, which the tests keep equal to what the code renders, are then opened in
# headless Chromium (check-html).
test: deps report-deps name-lists slurm-deps container-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest
	@$(MAKE) --no-print-directory check-html
	@$(MAKE) --no-print-directory test-slurm
	@$(MAKE) --no-print-directory test-rootless

# Opens the rendered reports (the golden files, which the tests keep equal to what the code
# renders) and the demo's published reports in headless Chromium; fails on any console message or
# external request.
check-html:
	@scripts/install-debian-packages.sh chromium
	scripts/check-html.py --self-test Tests/ToetsReportTests/Fixtures/*.html $(wildcard $(DEMO_OUT)/run-*/*.html)

# Rewrites the report golden files after a deliberate change; review the diff before committing.
report-goldens: deps report-deps
	$(SWIFT) build --build-tests
	TOETS_UPDATE_GOLDEN=1 $(SWIFT) test --skip-build --disable-xctest --filter ToetsReportTests

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

# Deduce, the second baseline of bench-pii (its own venv: it pins other versions of Presidio's
# dependencies); pinned like Presidio.
DEDUCE_VENV := .build-py/venv-deduce
DEDUCE := $(DEDUCE_VENV)/.deduce-3.0.6
$(DEDUCE):
	$(PYTHON) -m venv $(DEDUCE_VENV)
	$(DEDUCE_VENV)/bin/pip install --quiet "deduce==3.0.6"
	touch $@

bench-build: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product toets
	$(SWIFT) build $(RELEASE_FLAGS) --product toets-bench

bench: bench-runner bench-ingest bench-pii bench-methods bench-coortweet bench-score bench-cnt bench-pipeline bench-progress bench-plant

# No-op reruns against Snakemake 9; SHA-256 of 1 GiB against openssl.
bench-runner: bench-build $(VENV)/bin/snakemake report-deps name-lists $(DEMO_KEY) $(DEMO_SIGNING_KEY)
	TOETS_PSEUDONYM_KEY_FILE=$(DEMO_KEY) TOETS_SIGNING_KEY_FILE=$(DEMO_SIGNING_KEY) \
		.build/release/toets-bench noop --snakemake $(VENV)/bin/snakemake
	.build/release/toets-bench hash
	.build/release/toets-bench pipeline

# 1M twarc2 posts from a .tar.gz against tar -xzOf of the same archive; then ingest's peak
# memory on 1M tiny entries, 4 GiB of records in .xz and 1M posts, against the decompressor alone.
bench-ingest: bench-build
	.build/release/toets-bench ingest --posts 1000000
	.build/release/toets-bench ingest-memory --entries 1000000 --xz-gib 4 --posts 1000000

# PIIScanner on 100k labelled Dutch texts against Presidio's analyzer (regex recognizers only):
# texts/s, and precision and recall per kind.
bench-pii: bench-build $(PRESIDIO) $(DEDUCE) name-lists
	.build/release/toets-bench pii --texts 100000

# The score stage: 10 methods × 100k labelled accounts × 1000 bootstrap resamples, all 45 pairs,
# against the sort-per-resample bootstrap scaled up from a few resamples.
bench-score: bench-build
	.build/release/toets-bench score --methods 10 --accounts 100000 --replicates 1000

# What progress reporting costs: ingest and anonymise of 1M posts and the score bootstrap, each
# without a progress meter (the baseline) and with one sampled every millisecond, alternately.
bench-progress: bench-build
	.build/release/toets-bench progress --posts 1000000

# Reference values for ToetsScoring's tests, from scikit-learn, SciPy, statsmodels and krippendorff
# (robustness_fixtures.py: rank stability and Kendall's W, from NumPy and SciPy).
# Pinned: the same versions write the same bytes (the fixtures record the versions they came from).
SCORING_VENV := .build-py/venv-scoring
SCORING_ORACLES := numpy==2.4.6 scipy==1.17.1 scikit-learn==1.9.1 statsmodels==0.15.0 krippendorff==0.9.0

$(SCORING_VENV)/bin/python:
	$(PYTHON) -m venv $(SCORING_VENV)
	$(SCORING_VENV)/bin/pip install --quiet $(SCORING_ORACLES)

scoring-fixtures: $(SCORING_VENV)/bin/python
	$(SCORING_VENV)/bin/python scripts/oracles/scoring_fixtures.py
	$(SCORING_VENV)/bin/python scripts/oracles/robustness_fixtures.py

# Planting every tactic at every strength into 1M synthetic posts: time and peak memory, against
# making the posts.
bench-plant: bench-build
	.build/release/toets-bench plant --posts 1000000

# Every built-in method on 10 million synthetic posts: time and peak memory of each.
bench-methods: bench-build
	.build/release/toets-bench methods --posts 10000000

# CooRTweet on its real data (../shared/data/coortweet) and on 10M synthetic shares.
# CooRTweet 2.1.3 itself, in R from Debian's packages (R 4.2, data.table, igraph), is the
# baseline, timed in turn with Toets. Its sources are not in this repository: they are cloned
# into .build-r/CooRTweet when GitHub is reachable (or put there by hand); without them the R
# line is skipped and says so.
R_PACKAGES := r-base-core r-cran-data.table r-cran-igraph
bench-coortweet: bench-build
	@scripts/install-debian-packages.sh $(R_PACKAGES)
	@[ -f .build-r/CooRTweet/R/detect_groups.R ] || git clone --quiet --depth 1 https://github.com/nicolarighetti/CooRTweet .build-r/CooRTweet \
		|| echo "CooRTweet could not be cloned; its R baseline will be skipped"
	.build/release/toets-bench coortweet --oracle

# Provenance exports checked by their own ecosystems, offline: rocrate-validator (profile
# provenance-run-crate-0.5, JSON-LD contexts from the cache seeded out of the rocrate 0.13.0
# wheel, the last to ship the RO-Crate 1.1 context) and the prov library reading PROV-JSON.
CRATE_VENV := .build-py/venv-crate
CRATE_TOOLS := roc-validator==0.13.0 prov==3.2.3

$(CRATE_VENV)/bin/rocrate-validator:
	$(PYTHON) -m venv $(CRATE_VENV)
	$(CRATE_VENV)/bin/pip install --quiet $(CRATE_TOOLS)

$(CRATE_VENV)/contexts/.done: $(CRATE_VENV)/bin/rocrate-validator
	$(CRATE_VENV)/bin/pip download --quiet --no-deps rocrate==0.13.0 -d $(CRATE_VENV)/contexts
	touch $@

check-crate: build $(CRATE_VENV)/bin/rocrate-validator $(CRATE_VENV)/contexts/.done
	@scripts/install-debian-packages.sh python3
	TOETS=.build/debug/toets VENV=$(CRATE_VENV) scripts/provenance/check-crate.sh

# CNT 1.5.2's six co-action networks against Toets's on synthetic CSVs of 200k and 1M messages:
# end-to-end seconds of each and whether the edges agree. Pinned, like bench-pii's baseline.
CNT_VENV := .build-py/venv-cnt
$(CNT_VENV)/.cnt-1.5.2:
	$(PYTHON) -m venv $(CNT_VENV)
	$(CNT_VENV)/bin/pip install --quiet "coordination-network-toolkit==1.5.2"
	touch $@

bench-cnt: bench-build $(CNT_VENV)/.cnt-1.5.2
	.build/release/toets-bench cnt --messages 200000,1000000 --window 60

# The path users run, `toets run` on source → ingest → anonymise (names recognizer on) →
# method/co-action, against CNT 1.5.2 on the same CSVs, alternating: per network end to end, and
# each stage's time and peak memory.
bench-pipeline: bench-build $(CNT_VENV)/.cnt-1.5.2 name-lists
	.build/release/toets-bench cnt-pipeline --messages 200000,1000000 --window 60

clean:
	rm -rf .build .toets
