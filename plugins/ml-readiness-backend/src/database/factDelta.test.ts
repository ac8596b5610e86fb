import {
  applyFactDelta,
  decodeStored,
  diffFacts,
  encodeStored,
  FactDocument,
} from './factDelta';

describe('factDelta', () => {
  const base: FactDocument = {
    status: 'available',
    values: {
      owner: 'group:default/a',
      ci: { runsTests: true, steps: ['test', 'scan'] },
      'odd/key~name': 1,
      gone: 'x',
    },
  };

  it('stores only the changed paths and rebuilds the other version', () => {
    const next: FactDocument = {
      status: 'available',
      values: {
        owner: 'group:default/a',
        ci: { runsTests: false, steps: ['test'] },
        'odd/key~name': 2,
        added: { deep: [1, { a: null }] },
      },
    };
    const back = diffFacts(next, base);
    expect(back).toEqual(
      expect.arrayContaining([
        ['/v/ci/runsTests', true],
        ['/v/ci/steps', ['test', 'scan']],
        ['/v/odd~1key~0name', 1],
        ['/v/gone', 'x'],
        ['/v/added'],
      ]),
    );
    expect(JSON.stringify(back)).not.toContain('group:default/a');
    expect(applyFactDelta(next, back)).toEqual(base);
    expect(applyFactDelta(base, diffFacts(base, next))).toEqual(next);
    // The base is not modified.
    expect((next.values as any).ci.runsTests).toBe(false);
  });

  it('handles a change of status, values and reason', () => {
    const down: FactDocument = { status: 'unavailable', reason: 'no token' };
    expect(applyFactDelta(base, diffFacts(base, down))).toEqual(down);
    expect(applyFactDelta(down, diffFacts(down, base))).toEqual(base);
    expect(diffFacts(base, base)).toEqual([]);
  });

  it('round-trips the stored text of a row', () => {
    expect(encodeStored({ back: null })).toBeNull();
    expect(decodeStored(null)).toEqual({ back: null });
    const back = diffFacts(base, { ...base, status: 'unavailable' });
    expect(decodeStored(encodeStored({ back }))).toEqual({ back });
    expect(decodeStored(encodeStored({ full: base, back }))).toEqual({
      full: base,
      back,
    });
    expect(() => decodeStored('{"f":{"s":"maybe"}}')).toThrow(
      'not a fact document',
    );
  });
});
