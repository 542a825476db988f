# piiguard — see README.md. `make demo` shows it working; `make test` is what CI runs.
GO ?= go
PKGS := ./...
# FUZZTIME is an execution count, not a duration: a duration-based -fuzztime can fail with a spurious
# "context deadline exceeded" in Go 1.26 (golang/go#75804).
FUZZTIME ?= 20000x

.PHONY: all build test test-short fuzz bench bench-scan eval lint demo clean lexicons lexicons-check

all: build

build:
	$(GO) build -o bin/piiguard ./cmd/piiguard

## test: vet, every test (rule examples included), the rule self-test through the CLI, and short fuzz runs.
test: lint
	$(GO) test -count=1 -timeout 12m $(PKGS)
	$(GO) run ./cmd/piiguard rules test
	$(MAKE) fuzz

test-short:
	$(GO) test -short -count=1 $(PKGS)

## fuzz: run every fuzz target briefly (FUZZTIME executions each, under a 3-minute guard).
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzScan$$' -fuzztime $(FUZZTIME) -timeout 3m ./detectors/
	$(GO) test -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME) -timeout 3m ./engine/record/
	$(GO) test -run '^$$' -fuzz '^FuzzParseMIME$$' -fuzztime $(FUZZTIME) -timeout 3m ./engine/record/
	$(GO) test -run '^$$' -fuzz '^FuzzParseHTML$$' -fuzztime $(FUZZTIME) -timeout 3m ./engine/record/
	$(GO) test -run '^$$' -fuzz '^FuzzProcessRecord$$' -fuzztime $(FUZZTIME) -timeout 3m ./engine/

## bench: the scanner benchmarks and the end-to-end benchmark on the embedded broker.
bench: bench-scan
	$(GO) run ./bench/e2e

## bench-scan: the scanner's Go benchmarks, the regex reference's, then one line from one run: scanner MB/s,
## reference MB/s (22 typical PII regexes one by one, bench/reference) and their ratio, per core.
bench-scan:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 1s ./detectors/ ./engine/ ./bench/reference/
	$(GO) run ./bench/scanref

## eval: accuracy on the labelled corpus (recall per entity type and language, look-alikes kept; then the blind
## entity set of testdata/eval/blind/entities apart, measured only; statements: the tuned and the blind set of
## testdata/eval/blind/statements side by side).
eval:
	$(GO) run ./bench/eval
	$(GO) run ./bench/evalstatements

## lexicons: regenerate rules/lexicons/ (name lists, stop words, SOURCES.md) from the npm packages pinned in
## rules/lexicons/gen/package.json. Needs node and npm; not part of test (the Go tests check the committed files).
lexicons:
	cd rules/lexicons/gen && npm ci --no-audit --no-fund && node gen.mjs

## lexicons-check: regenerate the lexicons and fail if the committed files differ from the script's output.
lexicons-check: lexicons
	git diff --exit-code -- rules/lexicons

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

## demo: embedded broker + engine + synthetic producer in one process, then a summary.
demo:
	$(GO) run ./cmd/piiguard demo

clean:
	rm -rf bin
