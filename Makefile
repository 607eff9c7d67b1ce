# DirectDesk. `make run` and `make test` install what is missing, build and go.
SHELL := /bin/bash
export GOFLAGS := -tags=sqlite_fts5
export CGO_ENABLED := 1

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X directdesk/app.Version=$(VERSION)
DESKTOP_TAGS := desktop,production,webkit2_41,sqlite_fts5
BIN := build/bin

.PHONY: screenshots all deps frontend bindings build build-cli build-desktop run serve test test-go test-frontend test-e2e test-smoke bench fuzz clean test-bindings dist dist-windows dist-linux test-dist

all: build

deps:
	@build/scripts/deps.sh

frontend:
	cd frontend && npm run build

# Regenerates frontend/wailsjs from the bound Go structs (commit the result).
bindings:
	go build -tags bindings,sqlite_fts5 -o $(BIN)/bindings . && tmp=$$(mktemp -d) && $(BIN)/bindings --data "$$tmp" >/dev/null 2>&1; rc=$$?; rm -rf "$$tmp" $(BIN)/bindings; exit $$rc

build-cli:
	go build -ldflags "$(LDFLAGS)" -o $(BIN)/directdesk ./cmd/directdesk
	go build -o $(BIN)/mailserver ./e2e/mailserver

build-desktop:
	go build -tags $(DESKTOP_TAGS) -ldflags "$(LDFLAGS)" -o $(BIN)/directdesk-desktop .

build: deps frontend build-cli build-desktop

# Desktop window when there is a display, browser mode (URL printed) otherwise.
run: build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		echo "Starting the DirectDesk window..."; $(BIN)/directdesk-desktop $(if $(DATA),--data $(DATA)); \
	else \
		echo "No display found: starting browser mode."; $(BIN)/directdesk serve $(if $(DATA),--data $(DATA)) $(if $(ADDR),--addr $(ADDR)); \
	fi

# Release files in build/dist: the Windows app + NSIS installer (cross-built
# with mingw-w64), the Linux tar.gz + .deb. The macOS .app is built on a Mac
# (README, "Install").
dist: dist-windows dist-linux

dist-windows: deps frontend
	build/scripts/dist-windows.sh

dist-linux: deps frontend
	build/scripts/dist-linux.sh

serve: build
	$(BIN)/directdesk serve $(if $(DATA),--data $(DATA)) $(if $(ADDR),--addr $(ADDR))

test: build
	@$(MAKE) --no-print-directory test-bindings test-go test-frontend test-e2e test-smoke test-dist
	@echo "make test: all suites passed"

# The committed bindings must match the Go code.
test-bindings:
	@$(MAKE) --no-print-directory bindings
	@if [ -n "$$(git status --porcelain -- frontend/wailsjs)" ]; then \
		git status --short -- frontend/wailsjs; \
		echo "frontend/wailsjs is out of date: run 'make bindings' and commit the result"; exit 1; \
	fi

test-go:
	go vet ./...
	go test -race -count=1 ./...

test-frontend:
	cd frontend && npx vitest run

test-e2e:
	cd frontend && npx playwright test -c ../e2e/playwright.config.ts

# Refreshes the pictures in docs/screenshots (look at them before committing).
screenshots: build
	cd frontend && UPDATE_SCREENSHOTS=1 npx playwright test -c ../e2e/playwright.config.ts screenshots.spec.ts
	cd frontend && DD_SHOTS=$(CURDIR)/docs/screenshots npx playwright test -c ../e2e/playwright.config.ts email.spec.ts campaigns.spec.ts

test-smoke:
	build/scripts/smoke-desktop.sh

# The Windows .exe and installer build here and carry our icon and version;
# the Linux package installs and uninstalls (e2e/dist). Fails, never skips.
test-dist:
	build/scripts/dist-windows.sh
	build/scripts/dist-linux.sh
	DIRECTDESK_DIST_REQUIRED=1 go test -count=1 ./e2e/dist/

# Benchmarks: each figure beside its floor measured in the same run.
bench: deps build-cli
	DIRECTDESK_BENCH=1 go test -count=1 -run 'TestBenchReport' -v -timeout 60m ./backend/store/ | grep -v '^=== RUN'
	DIRECTDESK_BENCH=1 go test -count=1 -run 'TestCampaignBenchReport' -v -timeout 30m ./backend/store/ | grep -v '^=== RUN'
	DIRECTDESK_BENCH=1 go test -count=1 -run 'TestPrivacyBenchReport' -v -timeout 60m ./backend/store/ | grep -v '^=== RUN'
	DIRECTDESK_BENCH=1 go test -count=1 -run 'TestPreflightBenchReport' -v -timeout 30m ./backend/campaign/ | grep -v '^=== RUN'
	DIRECTDESK_BENCH=1 go test -count=1 -run 'TestImportBenchReport' -v -timeout 60m ./backend/importer/ | grep -v '^=== RUN'
	DIRECTDESK_BENCH=1 go test -count=1 -run 'TestWriteMillionRowsBoundedMemory' -v -timeout 30m ./backend/sheet/ | grep -v '^=== RUN'
	DIRECTDESK_BENCH=1 go test -count=1 -run 'TestDocumentBenchReport' -v -timeout 30m ./backend/document/ | grep -v '^=== RUN'
	DIRECTDESK_BENCH=1 go test -count=1 -run 'TestCatalogBenchReport' -v -timeout 30m ./backend/document/ | grep -v '^=== RUN'
	DIRECTDESK_BENCH=1 go test -count=1 -run 'TestMailBenchReport' -v -timeout 30m ./backend/mail/ | grep -v '^=== RUN'
	@echo "Spreadsheet reading: ours beside the bare excelize Rows() loop over the same file"
	go test -count=1 -run XXX -bench 'ReadXLSX|ExcelizeRaw' ./backend/sheet/ | grep -E 'Benchmark|rows/s'

# Short fuzzing of every parser (not part of `make test`).
FUZZ_TIME ?= 30s
fuzz:
	go test -run XXX -fuzz '^FuzzNormalizeEmail$$' -fuzztime $(FUZZ_TIME) ./backend/contacts/
	go test -run XXX -fuzz '^FuzzNormalizePhone$$' -fuzztime $(FUZZ_TIME) ./backend/contacts/
	for f in FuzzParseDate FuzzParseDecimal FuzzSplitFullName FuzzSplitAddress FuzzAutoMap; do \
		go test -run XXX -fuzz "^$$f\$$" -fuzztime $(FUZZ_TIME) -fuzzminimizetime 5s ./backend/importer/ || exit 1; \
	done
	go test -run XXX -fuzz '^FuzzSearchTerms$$' -fuzztime $(FUZZ_TIME) ./backend/store/
	go test -run XXX -fuzz '^FuzzCompileFilter$$' -fuzztime $(FUZZ_TIME) ./backend/store/
	go test -run XXX -fuzz '^FuzzNormalizeSuppression$$' -fuzztime $(FUZZ_TIME) ./backend/store/
	go test -run XXX -fuzz '^FuzzValidateListTerms$$' -fuzztime $(FUZZ_TIME) ./backend/marketing/
	go test -run XXX -fuzz '^FuzzRegisterNameKey$$' -fuzztime $(FUZZ_TIME) ./backend/marketing/
	go test -run XXX -fuzz '^FuzzParseFilter$$' -fuzztime $(FUZZ_TIME) ./backend/segment/
	go test -run XXX -fuzz '^FuzzParseName$$' -fuzztime $(FUZZ_TIME) ./backend/backup/
	go test -run XXX -fuzz '^FuzzVerify$$' -fuzztime $(FUZZ_TIME) ./backend/backup/
	go test -run XXX -fuzz '^FuzzParse$$' -fuzztime $(FUZZ_TIME) ./backend/merge/
	go test -run XXX -fuzz '^FuzzRichText$$' -fuzztime $(FUZZ_TIME) ./backend/document/
	go test -run XXX -fuzz '^FuzzHeaders$$' -fuzztime $(FUZZ_TIME) ./backend/mail/
	go test -run XXX -fuzz '^FuzzClassify$$' -fuzztime $(FUZZ_TIME) -fuzzminimizetime 5s ./backend/inbox/
	go test -run XXX -fuzz '^FuzzCheckRecords$$' -fuzztime $(FUZZ_TIME) -fuzzminimizetime 5s ./backend/mailauth/
	go test -run XXX -fuzz '^FuzzSign$$' -fuzztime $(FUZZ_TIME) -fuzzminimizetime 5s ./backend/mailauth/
	go test -run XXX -fuzz '^FuzzAccessLogLine$$' -fuzztime $(FUZZ_TIME) -fuzzminimizetime 5s ./backend/campaign/
	go test -run XXX -fuzz '^FuzzResponseRow$$' -fuzztime $(FUZZ_TIME) -fuzzminimizetime 5s ./backend/campaign/
	go test -run XXX -fuzz '^FuzzRegisterFile$$' -fuzztime $(FUZZ_TIME) -fuzzminimizetime 5s ./backend/privacy/
	go test -run XXX -fuzz '^FuzzResources$$' -fuzztime $(FUZZ_TIME) ./e2e/dist/
	for f in FuzzCSV FuzzODS FuzzXLSX FuzzXLSXSheet FuzzPaste; do \
		go test -run XXX -fuzz "^$$f\$$" -fuzztime $(FUZZ_TIME) -fuzzminimizetime 5s ./backend/sheet/ || exit 1; \
	done

clean:
	rm -rf $(BIN) build/dist frontend/dist/assets frontend/dist/index.html
