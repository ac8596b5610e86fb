import { readAdminGroups } from './permissionPolicyModule';

describe('readAdminGroups', () => {
  it('normalises group refs', () => {
    expect(
      readAdminGroups({ adminGroups: ['platform-admins', 'group:ops/SRE'] }),
    ).toEqual(['group:default/platform-admins', 'group:ops/sre']);
  });

  it('defaults to no admin groups', () => {
    expect(readAdminGroups(undefined)).toEqual([]);
  });

  it('names the bad key when the value has the wrong type', () => {
    expect(() => readAdminGroups({ adminGroups: 'platform-admins' })).toThrow(
      /mlGoldenPaths\.permissions\.adminGroups/,
    );
  });

  it('rejects refs to something other than a group', () => {
    expect(() =>
      readAdminGroups({ adminGroups: ['user:default/quinn'] }),
    ).toThrow(/'user:default\/quinn' is not a group reference/);
  });
});
