import { mockApis } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { MlCatalogClient } from './MlCatalogClient';

const discoveryApi = mockApis.discovery({ baseUrl: 'http://backend' });

function clientReturning(response: Response) {
  const fetch = jest.fn().mockResolvedValue(response);
  return {
    fetch,
    client: MlCatalogClient.create({ discoveryApi, fetchApi: { fetch } }),
  };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

describe('MlCatalogClient', () => {
  it('asks the backend for the document and parses the answer', async () => {
    const body = {
      format: 'markdown',
      content: '# Card',
      path: 'docs/model-card.md',
    };
    const { fetch, client } = clientReturning(json(body));
    await expect(
      client.getDocument('resource:default/fraud-scoring', 'model-card'),
    ).resolves.toEqual(body);
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/ml-catalog/v1/entities/default/resource/fraud-scoring/documents/model-card',
    );
  });

  it('accepts an entity and encodes the path parts', async () => {
    const { fetch, client } = clientReturning(
      json({ format: 'markdown', content: '', path: 'x.md' }),
    );
    await client.getDocument(
      { kind: 'Resource', namespace: 'team a', name: 'm' },
      'runbook',
    );
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/ml-catalog/v1/entities/team%20a/Resource/m/documents/runbook',
    );
  });

  it('rejects with a ResponseError carrying the backend message', async () => {
    const { client } = clientReturning(
      json(
        {
          error: {
            name: 'NotFoundError',
            message: 'The entity has no spec.mlops.runbook',
          },
          request: { method: 'GET', url: '/' },
          response: { statusCode: 404 },
        },
        404,
      ),
    );
    const error = await client
      .getDocument('resource:default/m', 'runbook')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.body.error.message).toBe(
      'The entity has no spec.mlops.runbook',
    );
  });

  it('rejects an answer that does not match the contract, naming the field', async () => {
    const { client } = clientReturning(
      json({ format: 'html', content: '<p>', path: 'x' }),
    );
    await expect(
      client.getDocument('resource:default/m', 'model-card'),
    ).rejects.toThrow(
      /Unexpected response from the ml-catalog backend: format/,
    );
  });

  it('asks the catalog backend for invalid ML entities, by owner, and checks the answer', async () => {
    const body = {
      items: [
        {
          entityRef: 'resource:default/fraud-scoring',
          kind: 'Resource',
          type: 'ai-model',
          owner: 'group:default/risk-ml',
          issues: [{ field: 'spec.mlops.tier', message: 'expected 1, 2 or 3' }],
          errors: [{ name: 'InputError', message: 'Invalid ai-model entity' }],
        },
      ],
      truncated: false,
    };
    const { fetch, client } = clientReturning(json(body));
    await expect(
      client.getInvalidEntities({
        owners: ['group:default/risk-ml', 'group:default/risk-ml-oncall'],
      }),
    ).resolves.toEqual(body);
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/catalog/ml/invalid-entities?owner=group%3Adefault%2Frisk-ml&owner=group%3Adefault%2Frisk-ml-oncall',
    );
    const all = clientReturning(json({ items: [], truncated: false }));
    await all.client.getInvalidEntities();
    expect(all.fetch).toHaveBeenCalledWith(
      'http://backend/api/catalog/ml/invalid-entities',
    );
    await expect(
      clientReturning(
        json({ items: [{}], truncated: false }),
      ).client.getInvalidEntities(),
    ).rejects.toThrow(
      'Unexpected response from the catalog backend: items[0].entityRef Required',
    );
  });
});
