# The commands a newcomer runs: `make demo` and `make test`.
SWIFT ?= swift
RELANCE = .build/debug/relance

.PHONY: all deps build test demo clean

all: build

deps:
	@scripts/install-deps

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel

demo: build
	@scripts/demo $(RELANCE)

clean:
	rm -rf .build var demo
