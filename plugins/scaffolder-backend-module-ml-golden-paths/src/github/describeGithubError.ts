import {
  AuthenticationError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { redactSecrets } from './redactSecrets';

/** What a GitHub call was for, so a failure can say what to fix. */
export type GithubCallDescription = {
  /** Human description, e.g. `protect branch main of acme/fraud`. */
  operation: string;
  /** Permission the token or GitHub App needs, e.g. `Administration: write`. */
  permission: string;
  /** The action input whose value GitHub rejects with a 422, if any. */
  input?: string;
};

type GithubErrorShape = {
  status?: number;
  message?: string;
  response?: {
    headers?: Record<string, string | undefined>;
    data?: {
      message?: string;
      errors?: Array<
        string | { message?: string; field?: string; code?: string }
      >;
    };
  };
};

function detailsOf(error: GithubErrorShape): string {
  const data = error.response?.data;
  const parts = [data?.message ?? error.message ?? 'unknown error'];
  for (const item of data?.errors ?? []) {
    if (typeof item === 'string') {
      parts.push(item);
    } else {
      parts.push(
        [item.field, item.code, item.message].filter(Boolean).join(' '),
      );
    }
  }
  return parts.filter(Boolean).join('; ');
}

/**
 * Turns an error from a GitHub call into a Backstage error that says which
 * permission or input is missing. Secrets are scrubbed from the message and
 * the original error is not attached, so nothing sensitive travels on.
 */
export function describeGithubError(
  error: unknown,
  call: GithubCallDescription,
  secrets: readonly string[],
): Error {
  const shape = (error ?? {}) as GithubErrorShape;
  const status = shape.status;
  const details = detailsOf(shape);
  const accepted = shape.response?.headers?.['x-accepted-github-permissions'];
  const needs = accepted
    ? `${call.permission} (GitHub says: ${accepted})`
    : call.permission;
  let message: string;
  let ErrorClass: new (message: string) => Error;
  switch (status) {
    case 401:
      ErrorClass = AuthenticationError;
      message = `GitHub rejected the configured credentials while trying to ${call.operation} (401): check the token or GitHub App under integrations.github`;
      break;
    case 403:
      ErrorClass = NotAllowedError;
      message = `GitHub refused to ${call.operation} (403: ${details}); the token or GitHub App needs the '${needs}' permission on the repository`;
      break;
    case 404:
      ErrorClass = NotFoundError;
      message = `GitHub could not ${call.operation} (404: ${details}); the target does not exist or the credentials cannot see it — they need the '${needs}' permission`;
      break;
    case 422:
      ErrorClass = InputError;
      message = `GitHub rejected the input to ${call.operation} (422: ${details})${
        call.input ? `; check the '${call.input}' input` : ''
      }`;
      break;
    default:
      ErrorClass = Error;
      message = `GitHub call failed while trying to ${call.operation}${
        status ? ` (${status})` : ''
      }: ${details}`;
  }
  return new ErrorClass(redactSecrets(message, secrets));
}
