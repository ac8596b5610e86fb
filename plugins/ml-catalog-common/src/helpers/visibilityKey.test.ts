import { visibilityKey } from './visibilityKey';

describe('visibilityKey', () => {
  it('keys a user by their entity ref and a service by its subject', () => {
    expect(
      visibilityKey({
        principal: { type: 'user', userEntityRef: 'user:default/dana' },
      }),
    ).toBe('user:user:default/dana');
    expect(
      visibilityKey({
        principal: { type: 'service', subject: 'plugin:ml-kpi' },
      }),
    ).toBe('service:plugin:ml-kpi');
  });

  it('never gives a user and a service the same key', () => {
    expect(
      visibilityKey({ principal: { type: 'user', userEntityRef: 'x' } }),
    ).not.toBe(visibilityKey({ principal: { type: 'service', subject: 'x' } }));
  });
});
