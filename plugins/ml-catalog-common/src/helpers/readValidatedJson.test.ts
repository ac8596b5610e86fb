import { z } from 'zod';
import { readValidatedJson } from './readValidatedJson';

const schema = z.object({ level: z.enum(['bronze', 'silver', 'gold']) });

describe('readValidatedJson', () => {
  it('returns a body that matches the schema', async () => {
    const res = new Response(JSON.stringify({ level: 'gold' }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
    await expect(readValidatedJson(res, schema, 'ml-test')).resolves.toEqual({
      level: 'gold',
    });
  });

  it('names the backend, the field and the problem of a body that does not match', async () => {
    const res = new Response(JSON.stringify({ level: 'platinum' }), {
      status: 200,
    });
    await expect(readValidatedJson(res, schema, 'ml-test')).rejects.toThrow(
      /^Unexpected response from the ml-test backend: level Invalid enum value/,
    );
  });

  it("throws the backend's own error for a non-2xx answer", async () => {
    const res = new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message: 'No such model' },
        request: { method: 'GET', url: '/x' },
        response: { statusCode: 404 },
      }),
      { status: 404, headers: { 'content-type': 'application/json' } },
    );
    await expect(
      readValidatedJson(res, schema, 'ml-test'),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 404 });
  });
});
