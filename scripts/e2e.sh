#!/usr/bin/env bash
# Playwright suite against the BUILT portal in its production configuration:
# the backend bundle (dist-workspace/) on the local PostgreSQL, serving the built
# app, with the demo data. Starts and stops everything it needs; drops its
# databases afterwards. Report: .tools/reports/playwright.json.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
reports="$root/.tools/reports"
mkdir -p "$reports"
# shellcheck source=scripts/postgres.sh
source "$root/scripts/postgres.sh"
CI=true ensure_postgres

port=${E2E_PORT:-7007}
prefix="mlgp_e2e_$$_"
log="$reports/e2e-backend.log"
node scripts/prepare-dist-workspace.mjs

export E2E_LOCAL_GIT_ROOT="$root/.tools/e2e-local-git-$$"
backend_pid=
cleanup() {
  if [ -n "$backend_pid" ] && kill -0 "$backend_pid" 2>/dev/null; then
    kill "$backend_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$backend_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$backend_pid" 2>/dev/null || true
  fi
  node scripts/drop-databases.mjs "$prefix" || true
  rm -rf "$E2E_LOCAL_GIT_ROOT"
}
trap cleanup EXIT

if node -e "require('net').connect($port,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))"; then
  echo "e2e: port $port is already in use; stop whatever listens there (or set E2E_PORT)" >&2
  exit 1
fi

echo "e2e: starting the built backend on :$port (PostgreSQL, database prefix $prefix); log: $log"
NODE_ENV=production \
  APP_BASE_URL="http://localhost:$port" BACKEND_BASE_URL="http://localhost:$port" BACKEND_PORT=$port \
  POSTGRES_HOST=$PGHOST_ADDR POSTGRES_PORT=$PGPORT_NUM POSTGRES_USER=postgres POSTGRES_PASSWORD= \
  POSTGRES_DB_PREFIX="$prefix" \
  node dist-workspace/packages/backend \
  --config app-config.yaml --config app-config.production.yaml --config e2e-tests/app-config.e2e.yaml \
  >"$log" 2>&1 &
backend_pid=$!

node scripts/wait-for-portal.mjs "http://localhost:$port" "$backend_pid" || {
  echo "e2e: the backend did not come up; last lines of $log:" >&2
  tail -40 "$log" >&2
  exit 1
}

PLAYWRIGHT_BASE_URL="http://localhost:$port" PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright.json" \
  yarn playwright test --reporter=list,json
