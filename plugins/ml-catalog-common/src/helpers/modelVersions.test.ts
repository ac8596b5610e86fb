import type { ModelVersion } from '../types';
import {
  isInProduction,
  lastRegisteredVersion,
  latestVersionInStage,
  latestVersionPerStage,
  productionVersion,
} from './modelVersions';

const v = (
  version: string,
  stage: ModelVersion['stage'],
  registeredAt: string,
): ModelVersion => ({ version, stage, registeredAt });

const versions = [
  v('9', 'production', '2026-01-01T00:00:00Z'),
  v('10', 'production', '2026-02-01T00:00:00Z'),
  v('11', 'staging', '2026-03-01T00:00:00Z'),
  v('12', 'staging', '2026-03-01T00:00:00Z'),
  v('8', 'archived', '2025-12-01T00:00:00Z'),
];

describe('model version helpers', () => {
  it('finds the latest version per stage, breaking ties by version label', () => {
    expect(latestVersionInStage({ versions }, 'production')?.version).toBe(
      '10',
    );
    expect(latestVersionInStage({ versions }, 'staging')?.version).toBe('12');
    expect(latestVersionInStage({ versions }, 'development')).toBeUndefined();
    expect(latestVersionPerStage({ versions })).toEqual({
      production: versions[1],
      staging: versions[3],
      archived: versions[4],
    });
  });

  it('answers production questions', () => {
    expect(productionVersion({ versions })?.version).toBe('10');
    expect(isInProduction({ versions })).toBe(true);
    expect(isInProduction({ versions: versions.slice(2) })).toBe(false);
    expect(isInProduction(undefined)).toBe(false);
    expect(productionVersion({})).toBeUndefined();
  });

  it('finds the last registration', () => {
    expect(lastRegisteredVersion({ versions })?.version).toBe('12');
    expect(lastRegisteredVersion({ versions: [] })).toBeUndefined();
  });
});
