import { CachedDocument, DocumentCache } from './DocumentCache';

const doc = (content: string): CachedDocument => ({
  type: 'document',
  document: { format: 'markdown', content, path: 'docs/x.md' },
  sourceEtag: '"e"',
});

describe('DocumentCache', () => {
  it('serves an entry as fresh for the fresh period, then as stale', () => {
    let now = 1000;
    const cache = new DocumentCache({ freshMillis: 60_000, now: () => now });
    cache.set('a', doc('A'));
    expect(cache.get('a')).toEqual({ value: doc('A'), fresh: true });
    now += 60_000;
    expect(cache.get('a')).toEqual({ value: doc('A'), fresh: false });
    cache.set('a', doc('A'));
    expect(cache.get('a')?.fresh).toBe(true);
  });

  it('evicts the least recently used entry beyond maxEntries', () => {
    const cache = new DocumentCache({ freshMillis: 1000, maxEntries: 2 });
    cache.set('a', doc('A'));
    cache.set('b', doc('B'));
    cache.get('a');
    cache.set('c', doc('C'));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.size).toBe(2);
  });

  it('keeps the total size under maxBytes and skips documents larger than it', () => {
    const cache = new DocumentCache({ freshMillis: 1000, maxBytes: 10 });
    cache.set('a', doc('123456'));
    cache.set('b', doc('123456'));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeDefined();
    cache.set('huge', doc('x'.repeat(11)));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('b')).toBeDefined();
  });

  it('stores nothing when caching is off', () => {
    const cache = new DocumentCache({ freshMillis: 0 });
    cache.set('a', doc('A'));
    expect(cache.size).toBe(0);
  });
});
