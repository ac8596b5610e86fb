import { ResponseError } from '@backstage/errors';
import type { z } from 'zod';
import { formatIssuePath } from '../validation/formatIssuePath';

/**
 * The body of a backend's answer, checked against its schema: a non-2xx
 * answer throws the backend's error (`ResponseError`), and a body that does
 * not match throws an error naming the backend, the field (as
 * `items[0].entityRef`) and the problem.
 * For the plugins' API clients.
 *
 * @public
 */
export async function readValidatedJson<T>(
  response: Response,
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  backend: string,
): Promise<T> {
  if (!response.ok) {
    throw await ResponseError.fromResponse(response);
  }
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Unexpected response from the ${backend} backend: ${
        formatIssuePath(issue.path) || 'body'
      } ${issue.message}`,
    );
  }
  return parsed.data;
}
