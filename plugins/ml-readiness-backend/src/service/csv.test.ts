import { csvCell, csvHeader, csvRows } from './csv';

describe('csv', () => {
  it('quotes separators and neutralises formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(
      `"'=HYPERLINK(""http://evil"")"`,
    );
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@sum')).toBe("'@sum");
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(['a', 'b'])).toBe('a b');
  });

  it('writes a header and one line per row', () => {
    expect(csvHeader().split(',')[0]).toBe('entityRef');
    const text = csvRows([
      {
        entityRef: 'resource:default/m',
        title: '-evil',
        tier: 1,
        stage: 'production',
        level: 'gold',
        requiredLevel: 'gold',
        meetsRequiredLevel: true,
        failing: 0,
        unknown: 0,
        exempt: 0,
        failingChecks: [],
        gradedAt: '2026-11-29T00:00:00.000Z',
      },
    ]);
    expect(text).toBe(
      "resource:default/m,'-evil,,1,production,gold,gold,true,0,0,0,,2026-11-29T00:00:00.000Z\n",
    );
  });
});
