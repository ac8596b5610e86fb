import { parseEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import { hasUrlScheme, isHttpUrl, isSafeRelativePath } from '../helpers/paths';
import { ML_SCHEMA_LIMITS } from './limits';

const tooLong = (max: number) => ({
  message: `must be at most ${max} characters`,
});

/** A non-empty string of bounded length. */
export const boundedString = (max: number = ML_SCHEMA_LIMITS.maxNameLength) =>
  z.string().min(1, { message: 'must not be empty' }).max(max, tooLong(max));

/** An absolute `http:` or `https:` URL; every other scheme is rejected. */
export const httpUrl = () =>
  z
    .string()
    .max(ML_SCHEMA_LIMITS.maxUrlLength, tooLong(ML_SCHEMA_LIMITS.maxUrlLength))
    .superRefine((value, ctx) => {
      if (value.length <= ML_SCHEMA_LIMITS.maxUrlLength && !isHttpUrl(value)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: 'must be an absolute http(s) URL',
        });
      }
    });

/**
 * An absolute `http(s)` URL or a relative path inside the model's repository
 * (no scheme, no leading `//` or `/`, no `..` segments, no backslashes).
 */
export const httpUrlOrRelativePath = () =>
  z
    .string()
    .min(1, { message: 'must not be empty' })
    .max(ML_SCHEMA_LIMITS.maxUrlLength, tooLong(ML_SCHEMA_LIMITS.maxUrlLength))
    .superRefine((value, ctx) => {
      if (value.length > ML_SCHEMA_LIMITS.maxUrlLength) {
        return;
      }
      if (hasUrlScheme(value)) {
        if (!isHttpUrl(value)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: 'must be an absolute http(s) URL or a relative path',
          });
        }
        return;
      }
      if (!isSafeRelativePath(value)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message:
            'must be an absolute http(s) URL or a relative path without "..", a leading "/" or backslashes',
        });
      }
    });

function isEntityRef(value: string): boolean {
  try {
    parseEntityRef(value, { defaultKind: 'x', defaultNamespace: 'default' });
    return /^[\w:/.-]+$/.test(value);
  } catch {
    return false;
  }
}

/** An entity reference such as `group:risk-ml` or `resource:default/card-transactions`. */
export const entityRef = () =>
  boundedString(253).refine(isEntityRef, {
    message: 'must be an entity reference such as kind:namespace/name',
  });

/** A list of entity references. */
export const entityRefList = () =>
  z.array(entityRef()).max(ML_SCHEMA_LIMITS.maxListLength, {
    message: `must list at most ${ML_SCHEMA_LIMITS.maxListLength} entries`,
  });

/** An ISO 8601 timestamp with a time zone, e.g. `2026-10-02T09:00:00Z`. */
export const timestamp = () =>
  z.string().max(64, tooLong(64)).datetime({
    offset: true,
    message: 'must be an ISO 8601 timestamp such as 2026-10-02T09:00:00Z',
  });

/** A positive finite number. */
export const positiveNumber = () =>
  z
    .number({ invalid_type_error: 'expected a number' })
    .finite()
    .positive({ message: 'must be greater than 0' });
