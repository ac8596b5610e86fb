import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CheckDefinition,
  defaultPolicy,
  deliveryKpiChecks,
  renderChecksTable,
  servingKpiChecks,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';

const tables: Array<[string, readonly CheckDefinition[]]> = [
  ['default-checks', defaultPolicy],
  ['kpi-checks', [...deliveryKpiChecks, ...servingKpiChecks]],
];
const path = join(__dirname, '..', 'README.md');

/** The README with the check tables regenerated (prettier-formatted). */
function expectedReadme(readme: string): string {
  let text = readme;
  for (const [marker, checks] of tables) {
    const START = `<!-- ${marker}:start -->\n`;
    const END = `<!-- ${marker}:end -->`;
    const start = text.indexOf(START) + START.length;
    const end = text.indexOf(END);
    if (start < START.length || end < start) {
      throw new Error(`README.md lacks the ${START.trim()} … ${END} markers`);
    }
    text = text.slice(0, start) + renderChecksTable(checks) + text.slice(end);
  }
  // Prettier 3 cannot run inside jest's VM: format in a child process.
  const bin = join(
    dirname(require.resolve('prettier/package.json')),
    'bin',
    'prettier.cjs',
  );
  return execFileSync(process.execPath, [bin, '--stdin-filepath', path], {
    input: text,
    encoding: 'utf8',
  });
}

describe('README', () => {
  it('lists the default checks and the KPI checks exactly as the policy defines them', () => {
    const readme = readFileSync(path, 'utf8');
    const expected = expectedReadme(readme);
    // Regenerate with: UPDATE_README=1 yarn test src/readme.test.ts
    const update = process.env.UPDATE_README === '1';
    if (update) {
      writeFileSync(path, expected);
    }
    expect(update ? expected : readme).toBe(expected);
  });
});
