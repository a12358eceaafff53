# The commands a newcomer runs: `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
RELANCE = .build/debug/relance

.PHONY: all deps build lint format test test-faults fuzz demo bench man clean

all: build

deps:
	@scripts/install-deps

build: deps
	$(SWIFT) build

# swift-format (in the toolchain) with .swift-format: lint fails on any finding; format fixes.
SOURCES = Sources Tests Fuzz Package.swift

lint:
	$(SWIFT) format lint --strict --recursive --configuration .swift-format $(SOURCES)

format:
	$(SWIFT) format format --in-place --recursive --configuration .swift-format $(SOURCES)

test: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel
	@$(MAKE) --no-print-directory fuzz

# libFuzzer on the CSV reader and the configuration loader, FUZZ_SECONDS each, starting from the
# seed corpus of Fuzz/corpus (copied: new inputs stay out of the repository). A crash leaves its
# input as crash-* here; add it to Fuzz/corpus so that the corpus replay test keeps it fixed.
FUZZ_SECONDS ?= 20
FUZZ_BUILD = $(SWIFT) build --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING

fuzz: deps
	$(FUZZ_BUILD) --product FuzzCSV
	$(FUZZ_BUILD) --product FuzzConfig
	@for target in csv:FuzzCSV config:FuzzConfig; do \
		corpus=$$(mktemp -d); cp Fuzz/corpus/$${target%%:*}/* $$corpus/; \
		.build-fuzz/debug/$${target##*:} -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 $$corpus 2>&1 \
			| grep -E "^(Done|==|stat::number_of_executed_units)" ; status=$${PIPESTATUS[0]}; rm -rf $$corpus; \
		[ $$status -eq 0 ] || exit $$status; \
	done

# The fault suite alone (it is also part of make test): kill -9 at random moments, crashes mid-delivery,
# broken and rate-limiting servers, a full disk and a read-only database (mounted tmpfs: needs root).
test-faults: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --filter 'RandomKillTests|CrashRecoveryTests|ClockJumpTests|DaemonTests|LiveFaultTests|DiskFaultTests|RateLimitStormTests'

# The man page doc/relance.1, generated from the command definitions by swift-argument-parser's
# generate-manual plugin (offline, debug build). It is committed; ManPageTests fails when a command
# or option changed since. MAN_DATE is the page's date: that of the release in Sources/relance/Version.swift.
MAN_DATE ?= 2026-12-02

man: deps
	$(SWIFT) package --disable-sandbox plugin generate-manual --configuration debug --date $(MAN_DATE) \
		--authors relance --output-directory doc

demo: build
	@scripts/demo $(RELANCE)

# Benchmarks against reference tools (SPEC section 11), on a release build: live email
# delivery (scripts/bench), then import and ticks at 100,000 and 1,000,000 jobseekers
# (scripts/bench-scale; BENCH_SCALE_SIZES to change the sizes). See BENCHMARKS.md.
bench: deps
	$(SWIFT) build -c release
	@scripts/bench
	@scripts/bench-scale

clean:
	rm -rf .build .build-fuzz var demo
