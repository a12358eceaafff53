# The commands a newcomer runs: `make demo` and `make test`.
SWIFT ?= swift
RELANCE = .build/debug/relance

.PHONY: all deps build lint format test test-faults demo bench clean

all: build

deps:
	@scripts/install-deps

build: deps
	$(SWIFT) build

# swift-format (in the toolchain) with .swift-format: lint fails on any finding; format fixes.
SOURCES = Sources Tests Package.swift

lint:
	$(SWIFT) format lint --strict --recursive --configuration .swift-format $(SOURCES)

format:
	$(SWIFT) format format --in-place --recursive --configuration .swift-format $(SOURCES)

test: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel

# The fault suite alone (it is also part of make test): kill -9 at random moments, crashes mid-delivery.
test-faults: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --filter 'RandomKillTests|CrashRecoveryTests|ClockJumpTests|DaemonTests'

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
	rm -rf .build var demo
