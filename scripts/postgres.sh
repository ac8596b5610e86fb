# Sourced by the test scripts: makes sure the local PostgreSQL answers and points
# Backstage's TestDatabases at it. Under CI=true an unreachable server is a failure,
# never a silently skipped engine.
PGHOST_ADDR=${PGHOST_ADDR:-127.0.0.1}
PGPORT_NUM=${PGPORT_NUM:-5432}

pg_up() {
  node -e "
    const net = require('net');
    const s = net.connect(${PGPORT_NUM}, '${PGHOST_ADDR}');
    s.on('connect', () => { s.end(); process.exit(0); });
    s.on('error', () => process.exit(1));
    setTimeout(() => process.exit(1), 2000);
  "
}

ensure_postgres() {
  if ! pg_up; then
    if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
      echo "postgres: not answering on ${PGHOST_ADDR}:${PGPORT_NUM}; starting the local cluster"
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
      for _ in $(seq 1 20); do pg_up && break; sleep 1; done
    fi
  fi
  if pg_up; then
    export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres@${PGHOST_ADDR}:${PGPORT_NUM}"
    return 0
  fi
  if [ "${CI:-}" = true ]; then
    echo "postgres: FAILED — nothing answers on ${PGHOST_ADDR}:${PGPORT_NUM}; the database tests need it under CI" >&2
    echo "postgres: fix: start PostgreSQL (trust auth for user postgres) or set PGHOST_ADDR/PGPORT_NUM" >&2
    return 1
  fi
  echo "postgres: not reachable; database tests run on SQLite only (CI=true makes this an error)" >&2
  return 0
}
