// Runs every bench/*.bench.ts (or the ones named on the command line) one after
// another through the Backstage CLI's TypeScript node transform, and exits
// non-zero if any of them fails. Benchmarks are not part of `make test`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const filter = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter(f => f.endsWith('.bench.ts'))
  .filter(f => filter.length === 0 || filter.some(name => f.includes(name)))
  .sort();

if (files.length === 0) {
  console.error(
    `No benchmark matched ${filter.join(', ') || 'bench/*.bench.ts'}`,
  );
  process.exit(1);
}

const failed = [];
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [
      '--require',
      '@backstage/cli/config/nodeTransform.cjs',
      join(benchDir, file),
    ],
    { stdio: 'inherit', cwd: join(benchDir, '..') },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    failed.push(file);
    console.log(
      `=== ${file} FAILED after ${seconds}s (exit ${result.status}) ===`,
    );
  } else {
    console.log(`=== ${file} done in ${seconds}s ===`);
  }
}
if (failed.length > 0) {
  console.error(`\nFailed benchmarks: ${failed.join(', ')}`);
  process.exit(1);
}
