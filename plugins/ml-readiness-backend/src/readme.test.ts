import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  defaultPolicy,
  renderChecksTable,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';

const START = '<!-- default-checks:start -->\n';
const END = '<!-- default-checks:end -->';
const path = join(__dirname, '..', 'README.md');

/** The README with the default checks table regenerated (prettier-formatted). */
function expectedReadme(readme: string): string {
  const start = readme.indexOf(START) + START.length;
  const end = readme.indexOf(END);
  if (start < START.length || end < start) {
    throw new Error(`README.md lacks the ${START.trim()} … ${END} markers`);
  }
  const text =
    readme.slice(0, start) +
    renderChecksTable(defaultPolicy) +
    readme.slice(end);
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
  it('lists the default checks exactly as the default policy defines them', () => {
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
