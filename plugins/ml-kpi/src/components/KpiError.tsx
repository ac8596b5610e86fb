import { ResponseErrorPanel } from '@backstage/core-components';

/** The HTTP status of a ResponseError, if any. */
export function statusOf(error: Error | undefined): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * A KPI request that failed, with the backend's status and message (e.g.
 * 401 when signed out, 503 when the readiness backend is unreachable).
 */
export function KpiError(props: { error: Error; what: string }) {
  return (
    <ResponseErrorPanel
      error={props.error}
      title={`Could not load ${props.what}`}
    />
  );
}
