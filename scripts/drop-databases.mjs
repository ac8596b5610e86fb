// Drops every PostgreSQL database whose name starts with the given prefix
// (the per-run databases of the e2e suite). Usage: drop-databases.mjs PREFIX
import pg from 'pg';

const prefix = process.argv[2];
if (!prefix || !/^[a-z0-9_]+$/.test(prefix)) {
  console.error('drop-databases: expected a prefix of [a-z0-9_]');
  process.exit(2);
}
const client = new pg.Client({
  host: process.env.PGHOST_ADDR ?? '127.0.0.1',
  port: Number(process.env.PGPORT_NUM ?? 5432),
  user: 'postgres',
  database: 'postgres',
});
await client.connect();
const { rows } = await client.query(
  'SELECT datname FROM pg_database WHERE datname LIKE $1',
  [`${prefix}%`],
);
for (const { datname } of rows) {
  await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
}
await client.end();
console.log(
  `drop-databases: dropped ${rows.length} databases with prefix ${prefix}`,
);
