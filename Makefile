# The two commands: `make start` (portal with demo data) and `make test` (everything).
# Both install what is missing first (scripts/bootstrap.sh), idempotently.
SHELL := /bin/bash
TOOLS := $(CURDIR)/.tools
export PATH := $(TOOLS)/bin:$(PATH)
export npm_config_nodedir := $(TOOLS)/node
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: start test bootstrap build bench e2e clean

## Start the portal: backend on :7007 (SQLite in memory, guest sign-in), app on :3000,
## with demo KPI data (webhook replay, Prometheus on 127.0.0.1:9464; see README).
start:
	@scripts/bootstrap.sh --with-prometheus
	yarn start

## Run every check and test; the last line totals them.
test:
	@scripts/bootstrap.sh --with-browser --with-python
	@scripts/test-all.sh

## Install the toolchain and dependencies only.
bootstrap:
	@scripts/bootstrap.sh

## Production build of every package, the app and the backend bundle.
build:
	@scripts/bootstrap.sh
	yarn build:all

## Playwright suite against the built portal on PostgreSQL (needs `make build`).
e2e:
	@scripts/bootstrap.sh --with-browser
	@scripts/e2e.sh

## Benchmarks (not part of `make test`); numbers go to bench/README.md.
bench:
	@scripts/bootstrap.sh --with-python
	yarn bench

clean:
	rm -rf dist-workspace packages/*/dist plugins/*/dist dist-types .tools/reports
