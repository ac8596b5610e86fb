import { ResponseErrorPanel } from '@backstage/core-components';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';

function statusOf(error: Error): number | undefined {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Whether an error is the backend's 404 (for a scorecard: no grade yet). */
export function isNotFound(error: Error | undefined): boolean {
  return error !== undefined && statusOf(error) === 404;
}

/**
 * A readiness request that failed: 401 and 403 say in words that the user is
 * not signed in or not allowed; anything else shows the backend's message.
 */
export function ReadinessError(props: { error: Error; what: string }) {
  const status = statusOf(props.error);
  if (status === 401) {
    return (
      <Alert severity="warning">
        <AlertTitle>Not signed in</AlertTitle>
        Sign in again to see {props.what}.
      </Alert>
    );
  }
  if (status === 403) {
    return (
      <Alert severity="warning">
        <AlertTitle>Not allowed</AlertTitle>
        You do not have permission to see {props.what}.
      </Alert>
    );
  }
  return (
    <ResponseErrorPanel
      error={props.error}
      title={`Could not load ${props.what}`}
    />
  );
}

/** Said when the backend answers 404 for a model's scorecard. */
export const MODEL_NOT_FOUND_TEXT =
  'No readiness grade: the readiness backend cannot find this model. It may not be in the catalog yet, or you may not be allowed to see it.';
