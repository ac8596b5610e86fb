#!/usr/bin/env bash
# Playwright suite against the BUILT portal in its production configuration:
# the backend bundle (dist-workspace/) on the local PostgreSQL, serving the built
# app, signing in through a real OpenID Connect provider on loopback
# (scripts/e2e-oidc-provider.mjs, people in e2e-tests/oidc-users.json), with the
# organisation from CATALOG_ORG_LOCATION (e2e-tests/org.yaml) and the demo models
# (app-config.demo.yaml). Starts and stops everything it needs; drops its
# databases afterwards. Report: .tools/reports/playwright.json.
# Arguments go to `playwright test`, e.g. `scripts/e2e.sh e2e-tests/kpi.spec.ts`
# or `scripts/e2e.sh -g exemption` runs a part of the suite.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
reports="$root/.tools/reports"
mkdir -p "$reports"
# shellcheck source=scripts/postgres.sh
source "$root/scripts/postgres.sh"
CI=true ensure_postgres

port=${E2E_PORT:-7007}
oidc_port=${E2E_OIDC_PORT:-$((port + 404))}
prefix="mlgp_e2e_$$_"
log="$reports/e2e-backend.log"
idp_log="$reports/e2e-oidc-provider.log"
secret() { node -e "process.stdout.write(require('crypto').randomBytes(24).toString('hex'))"; }
node scripts/prepare-dist-workspace.mjs

export E2E_LOCAL_GIT_ROOT="$root/.tools/e2e-local-git-$$"
backend_pid=
idp_pid=
cleanup() {
  if [ -n "$idp_pid" ]; then kill "$idp_pid" 2>/dev/null || true; fi
  if [ -n "$backend_pid" ] && kill -0 "$backend_pid" 2>/dev/null; then
    kill "$backend_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$backend_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$backend_pid" 2>/dev/null || true
  fi
  node scripts/drop-databases.mjs "$prefix" || true
  rm -rf "$E2E_LOCAL_GIT_ROOT"
}
trap cleanup EXIT

for p in "$port" "$oidc_port"; do
  if node -e "require('net').connect($p,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))"; then
    echo "e2e: port $p is already in use; stop whatever listens there (or set E2E_PORT / E2E_OIDC_PORT)" >&2
    exit 1
  fi
done

# The identity provider first: the backend reads its metadata when it starts.
export OIDC_CLIENT_ID=ml-golden-paths-portal OIDC_CLIENT_SECRET="$(secret)"
export OIDC_METADATA_URL="http://127.0.0.1:$oidc_port/.well-known/openid-configuration"
echo "e2e: starting the OpenID Connect provider on 127.0.0.1:$oidc_port; log: $idp_log"
E2E_OIDC_PORT=$oidc_port E2E_OIDC_CLIENT_ID=$OIDC_CLIENT_ID E2E_OIDC_CLIENT_SECRET=$OIDC_CLIENT_SECRET \
  E2E_OIDC_REDIRECT_URI="http://localhost:$port/api/auth/oidc/handler/frame" \
  node scripts/e2e-oidc-provider.mjs >"$idp_log" 2>&1 &
idp_pid=$!
node -e "
const deadline = Date.now() + 30000;
(async function poll() {
  try { if ((await fetch(process.argv[1])).ok) process.exit(0); } catch {}
  if (Date.now() > deadline) { console.error('e2e: the OpenID Connect provider did not come up'); process.exit(1); }
  setTimeout(poll, 300);
})();" "$OIDC_METADATA_URL" || { tail -20 "$idp_log" >&2; exit 1; }

# A static token for the harness's own catalog queries (wait-for-portal.mjs).
export E2E_HARNESS_TOKEN="$(secret)"

echo "e2e: starting the built backend on :$port (PostgreSQL, database prefix $prefix); log: $log"
NODE_ENV=production \
  APP_BASE_URL="http://localhost:$port" BACKEND_BASE_URL="http://localhost:$port" BACKEND_PORT=$port \
  POSTGRES_HOST=$PGHOST_ADDR POSTGRES_PORT=$PGPORT_NUM POSTGRES_USER=postgres POSTGRES_PASSWORD= \
  POSTGRES_DB_PREFIX="$prefix" \
  AUTH_SESSION_SECRET="$(secret)" CATALOG_ORG_LOCATION=./e2e-tests/org.yaml \
  node dist-workspace/packages/backend \
  --config app-config.yaml --config app-config.production.yaml --config app-config.demo.yaml \
  --config e2e-tests/app-config.e2e.yaml \
  >"$log" 2>&1 &
backend_pid=$!

node scripts/wait-for-portal.mjs "http://localhost:$port" "$backend_pid" || {
  echo "e2e: the backend did not come up; last lines of $log:" >&2
  tail -40 "$log" >&2
  exit 1
}

PLAYWRIGHT_BASE_URL="http://localhost:$port" PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright.json" \
  yarn playwright test --reporter=list,json "$@"
