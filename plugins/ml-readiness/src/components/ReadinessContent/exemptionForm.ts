import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  MAX_EXEMPTION_DAYS,
  type ExemptionCreateRequest,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import { z } from 'zod';

const DAY_MS = 86_400_000;

/** What the exemption dialog's fields hold. */
export interface ExemptionFormValues {
  reason: string;
  compensatingControl: string;
  approver: string;
  /** `YYYY-MM-DD`, the last day the exemption counts. */
  expiresOn: string;
}

/** `YYYY-MM-DD` of a time plus some days (UTC). */
export function dateInDays(days: number, now: number = Date.now()): string {
  return new Date(now + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Checks the dialog's values and turns them into a create request; the
 * error names the field. The backend checks again, this only saves a round trip.
 */
export function toExemptionRequest(
  entityRef: string,
  checkId: string,
  values: ExemptionFormValues,
  now: number = Date.now(),
):
  | { success: true; request: ExemptionCreateRequest }
  | { success: false; field: keyof ExemptionFormValues; message: string } {
  const schema = z.object({
    reason: z
      .string()
      .trim()
      .min(10, 'must say why, in at least 10 characters'),
    compensatingControl: z
      .string()
      .trim()
      .min(5, 'must name the control that covers the risk meanwhile'),
    approver: z
      .string()
      .trim()
      .min(1, 'is required')
      .transform((value, ctx) => {
        try {
          const ref = parseEntityRef(value, { defaultKind: 'user' });
          if (ref.kind.toLocaleLowerCase('en-US') !== 'user') {
            ctx.addIssue({
              code: 'custom',
              message: 'must be a user, e.g. user:dana',
            });
            return z.NEVER;
          }
          return stringifyEntityRef(ref);
        } catch {
          ctx.addIssue({
            code: 'custom',
            message: 'must be a user, e.g. user:dana',
          });
          return z.NEVER;
        }
      }),
    expiresOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date')
      .refine(
        value => Date.parse(`${value}T23:59:59Z`) > now,
        'must be in the future',
      )
      .refine(
        value => value <= dateInDays(MAX_EXEMPTION_DAYS, now),
        `must be at most ${MAX_EXEMPTION_DAYS} days ahead`,
      ),
  });
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      success: false,
      field: issue.path[0] as keyof ExemptionFormValues,
      message: issue.message,
    };
  }
  const expiresAt = Math.min(
    Date.parse(`${parsed.data.expiresOn}T23:59:59Z`),
    now + MAX_EXEMPTION_DAYS * DAY_MS,
  );
  return {
    success: true,
    request: {
      entityRef,
      checkId,
      reason: parsed.data.reason,
      compensatingControl: parsed.data.compensatingControl,
      approver: parsed.data.approver,
      expiresAt: new Date(expiresAt).toISOString(),
    },
  };
}
