import {
  formatWindow,
  renderTemplate,
  toLabelValue,
  validateTemplate,
} from './templates';

describe('PromQL templates', () => {
  it('fills the placeholders', () => {
    expect(
      renderTemplate(
        'sum(increase(x{job="{{model}}",ns="{{ namespace }}"}[{{window}}]))',
        {
          model: 'fraud-scorer',
          namespace: 'default',
          window: '30d',
        },
      ),
    ).toBe('sum(increase(x{job="fraud-scorer",ns="default"}[30d]))');
  });

  it('formats windows as PromQL durations', () => {
    expect(formatWindow(43200)).toBe('30d');
    expect(formatWindow(120)).toBe('2h');
    expect(formatWindow(90)).toBe('90m');
    expect(() => formatWindow(0)).toThrow(/positive whole number/);
  });

  it('accepts entity names', () => {
    expect(toLabelValue('metadata.name', 'Fraud_scorer.v2-eu')).toBe(
      'Fraud_scorer.v2-eu',
    );
  });

  it.each([
    'x"} or vector(1) or up{a="',
    'a\\"b',
    'a b',
    'a\nb',
    '-leading-dash',
    '',
    'x'.repeat(64),
    'model{a="1"}',
    'né',
  ])('refuses %j as a label value', value => {
    expect(() => toLabelValue('metadata.name', value)).toThrow(
      /metadata.name .* cannot be used in a PromQL label matcher/,
    );
  });

  it('refuses unknown placeholders', () => {
    expect(() => validateTemplate('k', 'up{job="{{owner}}"}')).toThrow(
      'k uses unknown placeholder {{owner}}; allowed: {{model}}, {{namespace}}, {{window}}',
    );
    expect(() => validateTemplate('k', 'up{job="{{model}}"}')).not.toThrow();
  });
});
