#!/usr/bin/env node
/*
 * Releases a new version of the golden paths (all three templates together):
 *
 *   node templates/scripts/release.cjs <new-version> --change "text" [--change "text"]...
 *
 * 1. archives the golden-paths folder as it is now (the current version) to
 *    golden-paths/releases/<current>.tar.gz, so repositories created from it
 *    can still be upgraded (their merge base is re-rendered from it, offline);
 * 2. sets <new-version> in every template (the mlops.golden-paths/version
 *    annotation and label, and templateVersion of the record step and values);
 * 3. adds the changelog entry to golden-paths/releases.yaml.
 *
 * Run it BEFORE changing the skeleton for the new version. The new version must
 * be newer (semantic-version order). Needs the repository's node_modules.
 */
'use strict';

const path = require('node:path');
const fs = require('node:fs');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const fromRoot = id => require(require.resolve(id, { paths: [REPO_ROOT] }));
fromRoot('@backstage/cli/config/nodeTransform.cjs');
const yaml = fromRoot('yaml');
const upgrade = path.join(
  REPO_ROOT,
  'plugins/scaffolder-backend-module-ml-golden-paths/src/upgrade',
);
const { GoldenPathReleases } = require(path.join(upgrade, 'releases'));
const { compareVersions, isSemanticVersion } = require(
  path.join(upgrade, 'semver'),
);

const DIR = process.env.GOLDEN_PATHS_DIR
  ? path.resolve(process.env.GOLDEN_PATHS_DIR)
  : path.join(REPO_ROOT, 'templates', 'golden-paths');

async function main() {
  const [version, ...rest] = process.argv.slice(2);
  const changes = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] !== '--change' || !rest[i + 1]) {
      throw new Error(`unexpected argument ${rest[i]}; use --change "text"`);
    }
    changes.push(rest[++i]);
  }
  if (!version || !isSemanticVersion(version) || changes.length === 0) {
    throw new Error(
      'usage: release.cjs <new-version> --change "what changed" [--change ...]',
    );
  }
  const releases = await GoldenPathReleases.open(DIR);
  const current = releases.currentVersion;
  if (compareVersions(version, current) <= 0) {
    throw new Error(`${version} is not newer than the current ${current}`);
  }
  const archive = await releases.archiveCurrent();
  console.log(`archived ${current} -> ${path.relative(REPO_ROOT, archive)}`);
  for (const file of fs.readdirSync(DIR)) {
    if (!file.endsWith('.template.yaml')) continue;
    const full = path.join(DIR, file);
    const before = fs.readFileSync(full, 'utf8');
    let after = before;
    for (const key of ['mlops.golden-paths/version', 'templateVersion']) {
      after = after.split(`${key}: ${current}`).join(`${key}: ${version}`);
    }
    fs.writeFileSync(full, after);
    console.log(`${file}: ${current} -> ${version}`);
  }
  const file = path.join(DIR, 'releases.yaml');
  const doc = yaml.parseDocument(fs.readFileSync(file, 'utf8'));
  doc.get('releases').items.unshift(
    doc.createNode({
      version,
      date: new Date().toISOString().slice(0, 10),
      changes,
    }),
  );
  fs.writeFileSync(file, doc.toString());
  await GoldenPathReleases.open(DIR);
  console.log(
    `released ${version}; now change the skeleton, then run node templates/scripts/render.cjs --test`,
  );
}

main().catch(error => {
  console.error(error.message);
  process.exit(1);
});
