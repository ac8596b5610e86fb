import { VisibilityCache } from './VisibilityCache';

describe('VisibilityCache', () => {
  let now = 0;
  const cache = () =>
    new VisibilityCache({ ttlMs: 1000, maxEntries: 2, now: () => now });

  beforeEach(() => {
    now = 0;
  });

  it('reuses a caller’s refs until they expire, per caller', async () => {
    const c = cache();
    const load = jest.fn(async () => ['a']);
    await c.get('user:x', load);
    now = 999;
    expect([...(await c.get('user:x', load))]).toEqual(['a']);
    expect(load).toHaveBeenCalledTimes(1);
    const other = jest.fn(async () => ['b']);
    expect([...(await c.get('user:y', other))]).toEqual(['b']);
    now = 1000;
    load.mockResolvedValueOnce(['a', 'c']);
    expect([...(await c.get('user:x', load))]).toEqual(['a', 'c']);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('shares one load between concurrent lookups and forgets failures', async () => {
    const c = cache();
    let release: (refs: string[]) => void = () => {};
    const load = jest.fn(
      () => new Promise<string[]>(resolve => (release = resolve)),
    );
    const first = c.get('user:x', load);
    const second = c.get('user:x', load);
    release(['a']);
    expect(await first).toBe(await second);
    expect(load).toHaveBeenCalledTimes(1);

    const failing = jest.fn(async () => {
      throw new Error('catalog down');
    });
    await expect(c.get('user:z', failing)).rejects.toThrow('catalog down');
    await expect(c.get('user:z', async () => ['z'])).resolves.toEqual(
      new Set(['z']),
    );
  });

  it('keeps at most maxEntries callers, dropping the oldest', async () => {
    const c = cache();
    await c.get('user:1', async () => ['1']);
    await c.get('user:2', async () => ['2']);
    await c.get('user:3', async () => ['3']);
    const reload = jest.fn(async () => ['1 again']);
    expect([...(await c.get('user:1', reload))]).toEqual(['1 again']);
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
