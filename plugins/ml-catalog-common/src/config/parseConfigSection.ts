import { InputError } from '@backstage/errors';
import { z } from 'zod';

/**
 * Parses one section of app-config (`value`, read at `key`) with `schema`.
 * A missing section parses as `{}`, so schema defaults apply. On failure it
 * throws an InputError naming the first bad key, e.g.
 * `Invalid config mlGoldenPaths.localGit.root: must not be empty`.
 */
export function parseConfigSection<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  key: string,
): z.output<T> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) {
    return parsed.data;
  }
  const issue = parsed.error.issues[0];
  const field = [key, ...issue.path].join('.');
  throw new InputError(`Invalid config ${field}: ${issue.message}`);
}
