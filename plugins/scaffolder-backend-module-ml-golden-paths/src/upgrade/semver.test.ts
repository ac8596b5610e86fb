import { compareVersions, parseSemanticVersion, sortVersions } from './semver';

describe('compareVersions', () => {
  it('compares numerically, part by part', () => {
    expect(compareVersions('1.9.0', '1.10.0')).toBe(-1);
    expect(compareVersions('1.10.0', '1.9.0')).toBe(1);
    expect(compareVersions('2.0.0', '1.99.99')).toBe(1);
    expect(compareVersions('1.0.10', '1.0.9')).toBe(1);
    expect(compareVersions('1.2.3', '1.2.3')).toBe(0);
  });

  it('sorts a pre-release before its release', () => {
    expect(compareVersions('1.1.0-rc.1', '1.1.0')).toBe(-1);
    expect(compareVersions('1.1.0-rc.2', '1.1.0-rc.10')).toBe(-1);
    expect(compareVersions('1.1.0-alpha', '1.1.0-alpha.1')).toBe(-1);
  });

  it('sorts versions as numbers, not text', () => {
    expect(sortVersions(['1.10.0', '1.2.0', '1.9.0', '1.0.0'])).toEqual([
      '1.0.0',
      '1.2.0',
      '1.9.0',
      '1.10.0',
    ]);
  });

  it('refuses anything but a semantic version, naming the field', () => {
    expect(() => parseSemanticVersion('1.2', 'targetVersion')).toThrow(
      "targetVersion: '1.2' is not a semantic version",
    );
    expect(() => compareVersions('01.0.0', '1.0.0')).toThrow(/01.0.0/);
    expect(() => compareVersions('latest', '1.0.0')).toThrow(/latest/);
  });
});
