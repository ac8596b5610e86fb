import fs from 'node:fs';
import path from 'node:path';
import { ACCESS_MATRIX, renderAccessMatrix } from './accessMatrix';

const README = path.resolve(__dirname, '../../../../README.md');
const BEGIN = '<!-- access-matrix:begin -->';
const END = '<!-- access-matrix:end -->';

/**
 * The cells of a markdown table, row by row, whitespace-insensitive (so the
 * README may be prettier-formatted); the separator row is dropped.
 */
function tableCells(markdown: string): string[][] {
  return markdown
    .split('\n')
    .map(line => line.trim())
    .filter(line => line.startsWith('|'))
    .map(line =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map(cell => cell.trim()),
    )
    .filter(cells => !cells.every(cell => /^:?-+:?$/.test(cell)));
}

function readmeTable(): string {
  const readme = fs.readFileSync(README, 'utf8');
  const section = readme
    .split(/^## /m)
    .find(s => s.startsWith('Who may do what'));
  if (!section) {
    throw new Error('README.md has no "## Who may do what" section');
  }
  const begin = section.indexOf(BEGIN);
  const end = section.indexOf(END);
  if (begin < 0 || end < begin) {
    throw new Error(
      `"Who may do what" must hold the table between ${BEGIN} and ${END}`,
    );
  }
  return section.slice(begin + BEGIN.length, end);
}

describe('the README access matrix', () => {
  it('is the access matrix of the code (paste renderAccessMatrix() output between the markers)', () => {
    const expected = renderAccessMatrix();
    const actual = readmeTable();
    const same =
      JSON.stringify(tableCells(actual)) ===
      JSON.stringify(tableCells(expected));
    // On a mismatch the failure shows the table to paste into the README.
    expect(
      same ? 'README matches' : `README differs; paste:\n${expected}`,
    ).toBe('README matches');
  });

  it('renders one line per row plus the header', () => {
    const cells = tableCells(renderAccessMatrix());
    expect(cells).toHaveLength(ACCESS_MATRIX.length + 1);
    expect(cells[0]).toEqual([
      'Route',
      'Case',
      'Permission',
      'No credentials',
      'Signed-in user',
      'Admin',
      'Service',
    ]);
  });

  it('has unique row ids', () => {
    const ids = ACCESS_MATRIX.map(row => row.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('escapes pipes inside cells', () => {
    const rendered = renderAccessMatrix([
      {
        id: 'x',
        route: 'GET /a|b',
        case: 'c',
        permission: 'p',
        expect: {
          anonymous: 'unauthenticated',
          member: 'denied',
          admin: 'allowed',
          service: 'allowed',
        },
      },
    ]);
    expect(tableCells(rendered)[1]).toEqual([
      '`GET /a\\|b`',
      'c',
      '`p`',
      '401',
      '403',
      'allowed',
      'allowed',
    ]);
  });
});
