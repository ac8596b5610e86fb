import { CheckDefinition, checkCategoryTitles } from './CheckDefinition';
import { levelTitle } from './levels';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/**
 * Renders checks as a Markdown table (id, level, category, applies to, rule
 * in words, remediation), the form the plugin README shows the default
 * policy in.
 *
 * @public
 */
export function renderChecksTable(checks: readonly CheckDefinition[]): string {
  const lines = [
    '| Id | Level | Category | Applies to | Rule | Remediation |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const check of checks) {
    const applies = `tiers ${check.tiers.join(', ')}; ${check.stages.join(
      ', ',
    )}`;
    lines.push(
      `| \`${check.id}\` | ${levelTitle(check.level)} | ${
        checkCategoryTitles[check.category]
      } | ${applies} | ${cell(check.description)} | ${cell(
        check.remediation,
      )} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
