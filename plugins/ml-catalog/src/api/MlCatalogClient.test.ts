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
});
