import { useApi } from '@backstage/frontend-plugin-api';
import type { Scorecard } from '@ml-golden-paths/plugin-ml-readiness-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlReadinessApiRef } from '../api/MlReadinessApi';

/** State of {@link useScorecard}. */
export interface ScorecardState {
  loading: boolean;
  error?: Error;
  scorecard?: Scorecard;
  retry(): void;
}

/** Loads a model's stored scorecard; `retry` reloads it (e.g. after an exemption). */
export function useScorecard(entityRef: string): ScorecardState {
  const api = useApi(mlReadinessApiRef);
  const state = useAsyncRetry(
    () => api.getScorecard(entityRef),
    [api, entityRef],
  );
  return {
    loading: state.loading,
    error: state.error,
    scorecard: state.value,
    retry: state.retry,
  };
}
