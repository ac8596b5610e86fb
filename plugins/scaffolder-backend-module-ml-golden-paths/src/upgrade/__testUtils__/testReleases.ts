import fs from 'node:fs/promises';
import path from 'node:path';
import yaml from 'yaml';
import { GoldenPathReleases, listTreeFiles } from '../releases';

/** The repository's golden-paths folder. */
export const GOLDEN_PATHS_DIR = path.resolve(
  __dirname,
  '../../../../../templates/golden-paths',
);

/** The test release's new question (asked on the last page of every template). */
export const NEW_QUESTION = 'alertChannel';

/** The lines the test release changes. */
export const TEST_RELEASE = {
  ciStep: '      - run: ruff format --check src tests scripts',
  runbookLine: 'Roll back first, investigate second.',
  runbookFix:
    'Roll back first, investigate second: a rollback never waits for a root cause.',
  ruffLine: '# Formatting is checked by `ruff format --check` in CI (1.1.0).',
  incidentLine: 'Alerts are routed to ${{ values.alertChannel }}.',
};

async function edit(file: string, change: (text: string) => string) {
  const before = await fs.readFile(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`test release: ${file} unchanged`);
  await fs.writeFile(file, after, 'utf8');
}

/**
 * Copies the real golden paths (1.0.0) into `root`, archives them as the
 * 1.0.0 release, then turns the folder into a 1.1.0 test release: a new CI
 * step, a fixed rollback runbook line, a ruff.toml note, and a new question
 * `alertChannel` used by the incident runbook. Returns the opened releases
 * (1.0.0 archived, 1.1.0 current).
 */
export async function createTestReleases(
  root: string,
  version = '1.1.0',
): Promise<GoldenPathReleases> {
  const dir = path.join(root, 'golden-paths');
  for (const file of await listTreeFiles(
    GOLDEN_PATHS_DIR,
    rel => rel === 'releases',
  )) {
    await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await fs.copyFile(path.join(GOLDEN_PATHS_DIR, file), path.join(dir, file));
  }
  const base = await GoldenPathReleases.open(dir);
  await base.archiveCurrent();
  await bumpTestRelease(dir, base.currentVersion, version);
  return GoldenPathReleases.open(dir);
}

/**
 * Applies the test release's changes to a golden-paths folder at `from`,
 * declaring it `to` (used twice to make 1.2.0 from 1.1.0 too).
 */
export async function bumpTestRelease(dir: string, from: string, to: string) {
  const shared = path.join(dir, 'skeleton/shared');
  for (const file of await fs.readdir(dir)) {
    if (!file.endsWith('.template.yaml')) continue;
    await edit(path.join(dir, file), text => {
      let next = text
        .split(`mlops.golden-paths/version: ${from}`)
        .join(`mlops.golden-paths/version: ${to}`)
        .split(`templateVersion: ${from}`)
        .join(`templateVersion: ${to}`);
      if (!next.includes(`${NEW_QUESTION}:`)) {
        next = next
          .replace(
            '      required: [approvers, destination]\n      properties:\n',
            () =>
              `      required: [approvers, destination, ${NEW_QUESTION}]\n      properties:\n        ${NEW_QUESTION}:\n          title: Alert channel\n          type: string\n          description: The chat channel alerts are routed to.\n          default: '#ml-alerts'\n          pattern: '^#[a-z0-9-]{1,40}$'\n`,
          )
          .replace(
            '          approvers: ${{ parameters.approvers }}\n',
            () =>
              `          approvers: \${{ parameters.approvers }}\n          ${NEW_QUESTION}: \${{ parameters.${NEW_QUESTION} }}\n`,
          );
      }
      return next;
    });
  }
  if (from === '1.0.0') {
    await edit(path.join(shared, '.github/workflows/ci.yaml'), text =>
      text.replace(
        '      - run: ruff check src tests scripts\n',
        () =>
          `      - run: ruff check src tests scripts\n${TEST_RELEASE.ciStep}\n`,
      ),
    );
    await edit(path.join(shared, 'docs/runbooks/rollback.md'), text =>
      text.replace(TEST_RELEASE.runbookLine, () => TEST_RELEASE.runbookFix),
    );
    await edit(
      path.join(shared, 'ruff.toml'),
      text => `${text}\n${TEST_RELEASE.ruffLine}\n`,
    );
    await edit(path.join(shared, 'docs/runbooks/incident.md'), text =>
      text.replace(
        '\n## Severity',
        () => `\n${TEST_RELEASE.incidentLine}\n\n## Severity`,
      ),
    );
  } else {
    await edit(
      path.join(shared, 'ruff.toml'),
      text => `${text}# ${to}: no further rules.\n`,
    );
  }
  const releasesFile = path.join(dir, 'releases.yaml');
  const releases = yaml.parse(await fs.readFile(releasesFile, 'utf8'));
  releases.releases.unshift({
    version: to,
    date: '2026-12-01',
    changes: [
      'CI checks formatting (ruff format --check).',
      {
        text: 'Rollback runbook: roll back before the root cause.',
        templates: ['online-inference', 'batch-scoring', 'training-pipeline'],
      },
      'New question: the alert channel, named in the incident runbook.',
    ],
  });
  await fs.writeFile(releasesFile, yaml.stringify(releases), 'utf8');
}
