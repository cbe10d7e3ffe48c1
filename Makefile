# Downtrack: `make run` builds and runs the site on the shipped content; `make test` runs every test.
SWIFT ?= swift
ROOT ?= .
RELEASE_BIN = .build/release/downtrack
DEBUG_BIN = .build/debug/downtrack

.PHONY: all deps build release run test unit-tests site-checks e2e check serve bench evaluate format lint clean fuzz fuzz-smoke

all: build

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product downtrack

run: release
	$(RELEASE_BIN) run --root $(ROOT)
	@echo "run: the site is in $(ROOT)/output/ — preview it with: $(RELEASE_BIN) serve --root $(ROOT)  (then open http://127.0.0.1:8080/)"

check: build
	$(DEBUG_BIN) check --root $(ROOT)

serve: release
	$(RELEASE_BIN) serve --root $(ROOT)

test: deps lint unit-tests site-checks
	@echo "test: unit, integration, end-to-end and site checks passed"

# SwiftPM's import check catches an import of a target that is not even an indirect dependency;
# scripts/check-imports.sh asks every import to be declared by its own target.
unit-tests:
	$(SWIFT) build --build-tests --explicit-target-dependency-import-check error
	scripts/check-imports.sh
	$(SWIFT) test --skip-build

site-checks:
	@scripts/install-deps.sh --test
	scripts/check-site.sh $(DEBUG_BIN)

e2e: deps
	@scripts/install-deps.sh --browser
	$(SWIFT) build --product downtrack
	cd Tests/e2e && "$$(../../scripts/python-tools.sh)/python" -m pytest -q -p no:cacheprovider
	@echo "e2e: browser tests passed; screenshots in test-artifacts/"

bench: deps
	scripts/bench.sh

# Fuzzing (scripts/fuzz.sh): a sanitizer build in .build/fuzz, every target for FUZZ_SECONDS each
# (FUZZ_TARGETS picks some); crashes land in Tests/Fuzz/regressions/, which `make test` replays.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
fuzz: deps
	scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-smoke: deps
	scripts/fuzz.sh 5

evaluate: deps
	$(SWIFT) build -c release --product downtrack
	$(RELEASE_BIN) evaluate --root $(ROOT)

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift
	@echo "lint: swift format finds nothing in Sources, Tests and Package.swift"

clean:
	rm -rf .build output/* data
