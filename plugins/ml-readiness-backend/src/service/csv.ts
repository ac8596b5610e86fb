import { OverviewRow } from '@ml-golden-paths/plugin-ml-readiness-common';

const columns: Array<keyof OverviewRow> = [
  'entityRef',
  'title',
  'owner',
  'tier',
  'stage',
  'level',
  'requiredLevel',
  'meetsRequiredLevel',
  'failing',
  'unknown',
  'exempt',
  'failingChecks',
  'gradedAt',
];

/**
 * One CSV cell: quoted when needed, and a leading =, +, -, @, tab or CR is
 * neutralised with a quote so spreadsheets do not run it as a formula.
 */
export function csvCell(value: unknown): string {
  let text = '';
  if (Array.isArray(value)) {
    text = value.join(' ');
  } else if (value !== undefined && value !== null) {
    text = String(value);
  }
  if (/^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV header line. */
export function csvHeader(): string {
  return `${columns.join(',')}\n`;
}

/** CSV lines of overview rows. */
export function csvRows(rows: OverviewRow[]): string {
  return rows
    .map(row => `${columns.map(c => csvCell(row[c])).join(',')}\n`)
    .join('');
}
