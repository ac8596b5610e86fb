import { describeMalformedPayload } from './githubPayloads';

describe('describeMalformedPayload', () => {
  const repository = {
    full_name: 'acme/fraud-scoring',
    default_branch: 'main',
  };

  it('accepts a well-formed deployment_status and ignores unknown fields', () => {
    expect(
      describeMalformedPayload('deployment_status', {
        repository,
        extra: true,
        deployment_status: {
          state: 'success',
          created_at: '2026-11-04T10:00:00Z',
          environment: 'production',
        },
        deployment: {
          id: 1,
          sha: 'a'.repeat(40),
          environment: 'production',
          created_at: '2026-11-04T09:00:00Z',
        },
      }),
    ).toBeUndefined();
  });

  it('names the event and the offending field', () => {
    expect(
      describeMalformedPayload('push', {
        repository,
        ref: 'refs/heads/main',
        before: 'a'.repeat(40),
        after: 'b'.repeat(40),
        commits: [{ id: 'c'.repeat(40), timestamp: 'yesterday' }],
      }),
    ).toMatch(/^Malformed push payload: commits\.0\.timestamp: /);
    expect(describeMalformedPayload('issues', [])).toMatch(
      /Malformed issues payload: \(body\)/,
    );
    expect(
      describeMalformedPayload('workflow_run', {
        repository: { full_name: 'x' },
      }),
    ).toMatch(/repository\.full_name: must be owner\/name/);
  });

  it('does not judge events the KPIs do not read', () => {
    expect(describeMalformedPayload('ping', { zen: 'hi' })).toBeUndefined();
  });
});
