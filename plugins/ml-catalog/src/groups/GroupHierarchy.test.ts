import { ORG, group } from '../testing/fixtures';
import { GroupHierarchy } from './GroupHierarchy';

describe('GroupHierarchy', () => {
  it('finds a team and all teams below it', () => {
    const hierarchy = GroupHierarchy.fromEntities(ORG);
    expect(
      hierarchy.descendantsOf('group:default/ml-department').sort(),
    ).toEqual([
      'group:default/growth-ml',
      'group:default/ml-department',
      'group:default/risk-ml',
      'group:default/risk-ml-oncall',
    ]);
    expect(hierarchy.descendantsOf('group:default/growth-ml')).toEqual([
      'group:default/growth-ml',
    ]);
    expect(hierarchy.descendantsOf('group:default/unknown')).toEqual([
      'group:default/unknown',
    ]);
  });

  it('uses relations alone when spec.children is not fetched', () => {
    const parent = {
      ...group('a', { children: ['b'] }),
      spec: { type: 'team' },
    };
    const child = { ...group('b'), spec: { type: 'team' } };
    const hierarchy = GroupHierarchy.fromEntities([parent, child]);
    expect(hierarchy.descendantsOf('group:default/a')).toEqual([
      'group:default/a',
      'group:default/b',
    ]);
  });

  it('uses spec.parent and spec.children without relations', () => {
    const hierarchy = GroupHierarchy.fromEntities([
      { ...group('root', { children: ['mid'] }), relations: [] },
      { ...group('mid', { parent: 'root' }), relations: [] },
      { ...group('leaf', { parent: 'mid' }), relations: [] },
    ]);
    expect(hierarchy.descendantsOf('group:default/root')).toEqual([
      'group:default/root',
      'group:default/mid',
      'group:default/leaf',
    ]);
  });

  it('survives cycles', () => {
    const hierarchy = GroupHierarchy.fromEntities([
      group('a', { children: ['b'] }),
      group('b', { children: ['a'] }),
    ]);
    expect(hierarchy.descendantsOf('group:default/a')).toEqual([
      'group:default/a',
      'group:default/b',
    ]);
    expect(
      hierarchy
        .tree()
        .map(n => n.ref)
        .sort(),
    ).toEqual(['group:default/a', 'group:default/b']);
  });

  it('lists groups in tree order with depth and display names', () => {
    const tree = GroupHierarchy.fromEntities(ORG).tree();
    expect(tree.map(n => [n.title, n.depth])).toEqual([
      ['Machine Learning', 0],
      ['Growth ML', 1],
      ['Risk ML', 1],
      ['risk-ml-oncall', 2],
      ['Vision ML', 0],
    ]);
  });
});
