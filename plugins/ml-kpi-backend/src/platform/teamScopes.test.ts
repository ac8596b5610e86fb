import { teamScopes } from './teamScopes';

const node = (name: string, parent?: string) => ({
  ref: `group:default/${name}`,
  title: name,
  ...(parent ? { parentRef: `group:default/${parent}` } : {}),
});

const TREE = new Map(
  [
    node('ml-platform'),
    node('risk-ml', 'ml-platform'),
    node('fraud', 'risk-ml'),
    node('growth-ml', 'ml-platform'),
    node('sales'),
  ].map(n => [n.ref, n]),
);

describe('teamScopes', () => {
  it('lists teams parent first with every group below them', () => {
    const scopes = teamScopes(TREE, ['unowned']);
    expect(
      scopes.map(s => [s.ref.replace('group:default/', ''), s.depth]),
    ).toEqual([
      ['ml-platform', 0],
      ['growth-ml', 1],
      ['risk-ml', 1],
      ['fraud', 2],
      ['sales', 0],
      ['unowned', 0],
    ]);
    expect([...scopes[0].owners].sort()).toEqual([
      'group:default/fraud',
      'group:default/growth-ml',
      'group:default/ml-platform',
      'group:default/risk-ml',
    ]);
    expect([...scopes[2].owners].sort()).toEqual([
      'group:default/fraud',
      'group:default/risk-ml',
    ]);
  });

  it('narrows to one team and the teams below it', () => {
    const scopes = teamScopes(TREE, [], 'group:default/risk-ml');
    expect(scopes.map(s => [s.ref, s.depth, s.parentRef])).toEqual([
      ['group:default/risk-ml', 0, 'group:default/ml-platform'],
      ['group:default/fraud', 1, 'group:default/risk-ml'],
    ]);
  });

  it('survives a childOf cycle', () => {
    const cycle = new Map(
      [node('a', 'b'), node('b', 'a')].map(n => [n.ref, n]),
    );
    const scopes = teamScopes(cycle, []);
    expect(scopes.map(s => s.ref)).toEqual([
      'group:default/a',
      'group:default/b',
    ]);
    expect(scopes[0].owners.size).toBe(2);
  });
});
