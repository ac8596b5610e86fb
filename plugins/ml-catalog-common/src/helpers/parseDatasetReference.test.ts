import { parseDatasetReference } from './parseDatasetReference';

describe('parseDatasetReference', () => {
  it.each([
    [
      'card-transactions@2026-09-30',
      { kind: 'resource', namespace: 'default', name: 'card-transactions' },
      '2026-09-30',
    ],
    [
      'card-transactions',
      { kind: 'resource', namespace: 'default', name: 'card-transactions' },
      undefined,
    ],
    [
      'resource:data/clicks@v3',
      { kind: 'resource', namespace: 'data', name: 'clicks' },
      'v3',
    ],
  ])('parses %s', (value, ref, snapshot) => {
    expect(parseDatasetReference(value)).toEqual(
      snapshot ? { ref, snapshot } : { ref },
    );
  });

  it('returns undefined for invalid references', () => {
    expect(parseDatasetReference('a:b:c:d')).toBeUndefined();
  });
});
