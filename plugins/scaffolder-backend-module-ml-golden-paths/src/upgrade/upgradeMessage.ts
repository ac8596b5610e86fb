import { PreparedUpgrade } from './prepareUpgrade';
import { UpgradePlan } from './planUpgrade';

/** Branch prefix of every golden-path upgrade; one open upgrade per repository. */
export const UPGRADE_BRANCH_PREFIX = 'golden-path/upgrade-';

/** The branch an upgrade to `version` lands on. */
export function upgradeBranch(version: string): string {
  return `${UPGRADE_BRANCH_PREFIX}${version}`;
}

/** Title of the commit and pull request; conflicts are in the title. */
export function upgradeTitle(prepared: PreparedUpgrade, plan: UpgradePlan) {
  const title = `Upgrade golden path ${prepared.template} ${prepared.fromVersion} → ${prepared.toVersion}`;
  return plan.conflicted.length
    ? `[CONFLICTS] ${title} (${plan.conflicted.length} file(s) to resolve)`
    : title;
}

/**
 * The commit message / pull request body: what changed (changelog), what
 * happened to each file, the conflicts to resolve, and machine-readable
 * trailers (`Golden-Path-Upgrade`, `Golden-Path-Conflicts`,
 * `Golden-Path-Supersedes`) that the fleet view reads.
 */
export function upgradeBody(
  prepared: PreparedUpgrade,
  plan: UpgradePlan,
  superseded: string[],
): string {
  const lines: string[] = [];
  if (plan.conflicted.length) {
    lines.push(
      `This upgrade has CONFLICTS in ${plan.conflicted.length} file(s). Resolve the markers`,
      '(`<<<<<<< your repository` … `>>>>>>> golden path …`) before merging:',
      '',
      ...plan.conflicted.map(file => `- ${file}`),
      '',
    );
  }
  lines.push('What changed:', '');
  for (const release of prepared.changes) {
    for (const change of release.changes) {
      lines.push(`- ${release.version}: ${change.text}`);
    }
  }
  lines.push('', 'Files:', '');
  for (const file of plan.files) {
    if (file.action === 'untouched') continue;
    lines.push(`- ${file.action}: ${file.path} (${file.reason})`);
  }
  if (superseded.length) {
    lines.push('', `Supersedes ${superseded.join(', ')}.`);
  }
  lines.push(
    '',
    `Golden-Path-Upgrade: ${prepared.template} ${prepared.fromVersion} -> ${prepared.toVersion}`,
  );
  if (plan.conflicted.length) {
    lines.push(`Golden-Path-Conflicts: ${plan.conflicted.join(' ')}`);
  }
  if (superseded.length) {
    lines.push(`Golden-Path-Supersedes: ${superseded.join(' ')}`);
  }
  return `${lines.join('\n')}\n`;
}
