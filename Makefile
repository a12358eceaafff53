# The commands a newcomer runs: `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
RELANCE = .build/debug/relance

.PHONY: all deps build lint format test test-faults test-http test-desk test-reports fuzz fuzz-build fuzz-merge demo bench man clean

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

# The fault suites kill processes, fill disks and time out connections: they run after the
# others, one test at a time (--no-parallel), so that a loaded machine neither hides nor invents a
# failure; as root, in a mount namespace of their own (unshare -m), so that a crashed test leaves no
# tmpfs mounted. Each `swift test` ends with its own "Test run with N tests" line.
FAULTS = RandomKillTests|CrashRecoveryTests|HTTPServeFaultTests|ClockJumpTests|DaemonTests|LiveFaultTests|DiskFaultTests|RateLimitStormTests
MOUNT_NAMESPACE = $(shell [ "$$(id -u)" = 0 ] && unshare -m true 2>/dev/null && echo unshare -m --propagation private)

test: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel --skip '$(FAULTS)'
	$(MOUNT_NAMESPACE) $(SWIFT) test --skip-build --no-parallel --filter '$(FAULTS)'
	@scripts/test-http $(RELANCE)
	@scripts/test-desk $(RELANCE)
	@scripts/test-reports $(RELANCE)
	@$(MAKE) --no-print-directory fuzz

# schemathesis (PyPI, in .venv-test/) fuzzes the OpenAPI document against a running `relance serve`.
test-http: build
	@scripts/test-http $(RELANCE)

# The advisors' desk in headless Chromium (Selenium and axe-core from PyPI, in .venv-test/):
# screenshots of every page in .build/desk-screenshots/.
test-desk: build
	@scripts/test-desk $(RELANCE)

# The HTML reports (the month, the evaluation) in headless Chromium: axe-core, A4 print, charts;
# screenshots and PDFs in .build/report-screenshots/.
test-reports: build
	@scripts/test-reports $(RELANCE)

# libFuzzer with AddressSanitizer on each target of Fuzz/: first the corpus of Fuzz/corpus/TARGET
# replayed (every input, fast), then FUZZ_SECONDS of fuzzing from a copy of it. A failed oracle
# or a crash leaves its input as crash-* here: add it to Fuzz/corpus/TARGET so that the replays
# (this one and FuzzCorpusTests) keep it fixed. New inputs stay out of the repository; `make
# fuzz-merge` keeps those that reach new code.
FUZZ_SECONDS ?= 20
FUZZ_TARGETS = csv:FuzzCSV config:FuzzConfig jobseeker-row:FuzzJobseekerRow smtp-reply:FuzzSMTPReply \
	retry-after:FuzzRetryAfter accepted-log:FuzzAcceptedLog
FUZZ_BUILD = $(SWIFT) build --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
FUZZ_RUN = LSAN_OPTIONS=suppressions=Fuzz/lsan.supp SWIFT_BACKTRACE=enable=no .build-fuzz/debug/$${target\#\#*:}
FUZZ_CORPUS = Fuzz/corpus/$${target%%:*}

fuzz-build: deps
	@for target in $(FUZZ_TARGETS); do \
		$(FUZZ_BUILD) --product $${target##*:} 2>&1 | grep -v -e "^\[" -e "Cannot export local symbol"; \
		[ $${PIPESTATUS[0]} -eq 0 ] || exit 1; \
	done

fuzz: fuzz-build
	@for target in $(FUZZ_TARGETS); do \
		$(FUZZ_RUN) -runs=0 $(FUZZ_CORPUS) 2>&1 | grep -E "^(==|oracle)|INITED" ; status=$${PIPESTATUS[0]}; \
		[ $$status -eq 0 ] || { echo "$${target%%:*}: corpus replay failed"; exit $$status; }; \
		corpus=$$(mktemp -d); cp $(FUZZ_CORPUS)/* $$corpus/; \
		$(FUZZ_RUN) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 $$corpus 2>&1 \
			| grep -E "^(Done|==|oracle|stat::number_of_executed_units)" ; status=$${PIPESTATUS[0]}; rm -rf $$corpus; \
		[ $$status -eq 0 ] || exit $$status; \
	done

# Fuzzes FUZZ_SECONDS per target, then adds to Fuzz/corpus/TARGET only the new inputs that reach
# code the corpus does not (libFuzzer's -merge=1), each as small as libFuzzer made it; the inputs
# already there (seeds, fixed crashes) stay. Commit what it adds.
fuzz-merge: fuzz-build
	@for target in $(FUZZ_TARGETS); do \
		found=$$(mktemp -d); \
		$(FUZZ_RUN) -max_total_time=$(FUZZ_SECONDS) $$found $(FUZZ_CORPUS) >/dev/null 2>&1 || exit 1; \
		$(FUZZ_RUN) -merge=1 $(FUZZ_CORPUS) $$found 2>&1 | grep -E "MERGE-OUTER: [0-9]+ new files" \
			| sed "s|^|$${target%%:*}: |"; \
		rm -rf $$found; \
	done

# The fault suite alone (it is also part of make test): kill -9 at chosen writes, crashes mid-delivery,
# broken and rate-limiting servers, a full disk and a read-only database (mounted tmpfs: needs root).
test-faults: deps
	$(SWIFT) build --build-tests
	$(MOUNT_NAMESPACE) $(SWIFT) test --skip-build --no-parallel --filter '$(FAULTS)'

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
# delivery (scripts/bench), then imports and ticks over a matrix of mixes of data at 1,000,000
# jobseekers and a national month at 6,300,000 (scripts/bench-scale; BENCH_SCALE_CELLS,
# BENCH_SCALE_SIZE and BENCH_SCALE_NATIONAL change them). See BENCHMARKS.md.
bench: deps
	$(SWIFT) build -c release --product relance
	@scripts/bench
	@scripts/bench-scale

clean:
	rm -rf .build .build-fuzz .venv-test var demo
