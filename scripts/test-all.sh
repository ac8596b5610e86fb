#!/usr/bin/env bash
# Runs every check and test suite in order and stops at the first failure:
# type check, lint, prettier, unit + database tests (SQLite and the local
# PostgreSQL), production build, Playwright against the built portal.
# The last line is always "N passed, N failed" over all suites.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
reports="$root/.tools/reports"
rm -rf "$reports"
mkdir -p "$reports"

passed=0
failed=0
rows=()

summary() {
  echo
  echo "Summary"
  printf '  %s\n' "${rows[@]}"
  echo "$passed passed, $failed failed"
}

# count NAME PASSED FAILED: adds a suite's counts to the totals.
count() {
  passed=$((passed + $2))
  failed=$((failed + $3))
  rows+=("$(printf '%-28s %5s passed %4s failed' "$1" "$2" "$3")")
}

# step NAME COMMAND...: a check that counts as one test.
step() {
  local name=$1
  shift
  echo
  echo "==> $name"
  local started=$SECONDS
  if "$@"; then
    count "$name ($((SECONDS - started))s)" 1 0
  else
    count "$name ($((SECONDS - started))s)" 0 1
    echo "FAILED: $name" >&2
    summary
    exit 1
  fi
}

# suite NAME REPORT_PARSER COMMAND...: a test runner whose report file holds its counts.
suite() {
  local name=$1 parser=$2
  shift 2
  echo
  echo "==> $name"
  local started=$SECONDS status=0
  "$@" || status=$?
  local counts
  counts=$(node "$root/scripts/report-counts.mjs" "$parser") || counts="0 1"
  read -r p f <<<"$counts"
  if [ "$status" != 0 ] && [ "$f" = 0 ]; then f=1; fi
  count "$name ($((SECONDS - started))s)" "$p" "$f"
  if [ "$status" != 0 ] || [ "$f" != 0 ]; then
    echo "FAILED: $name" >&2
    summary
    exit 1
  fi
}

export CI=${CI:-true}
export FORCE_COLOR=0

# PostgreSQL for the database tests and the production-configuration e2e run.
# shellcheck source=scripts/postgres.sh
source "$root/scripts/postgres.sh"
ensure_postgres || { count "postgres available" 0 1; summary; exit 1; }

step "tsc" yarn tsc
step "lint" yarn lint:all
step "prettier" yarn prettier:check
suite "unit and database tests" jest \
  yarn backstage-cli repo test --json --outputFile="$reports/jest.json"
step "production build" yarn build:all
suite "playwright (built portal on PostgreSQL)" playwright scripts/e2e.sh

summary
[ "$failed" = 0 ]
