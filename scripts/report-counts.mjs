// Prints "<passed> <failed>" from a test runner's JSON report in .tools/reports.
// Usage: node scripts/report-counts.mjs jest|playwright
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const reports = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '.tools',
  'reports',
);
const kind = process.argv[2];

function read(file) {
  return JSON.parse(readFileSync(join(reports, file), 'utf8'));
}

if (kind === 'jest') {
  const report = read('jest.json');
  // A suite that fails to run (syntax error, crash) has no test results: count it as failed.
  const brokenSuites = report.numRuntimeErrorTestSuites ?? 0;
  console.log(
    `${report.numPassedTests} ${report.numFailedTests + brokenSuites}`,
  );
} else if (kind === 'playwright') {
  const { stats } = read('playwright.json');
  console.log(`${stats.expected + stats.flaky} ${stats.unexpected}`);
} else {
  console.error(`unknown report kind '${kind}'`);
  process.exit(2);
}
