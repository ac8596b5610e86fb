import type { Scorecard } from '@ml-golden-paths/plugin-ml-readiness-common';
import Alert from '@mui/material/Alert';

/** Whether no check of the scorecard has read a single fact yet. */
export function hasNoFacts(scorecard: Scorecard): boolean {
  return scorecard.checks.every(
    check => Object.keys(check.factTimes).length === 0,
  );
}

/**
 * Says that a model is not really graded yet: no facts were collected, so
 * every check that applies is unknown (never counted as passing).
 */
export function NoFactsNotice(props: { scorecard: Scorecard }) {
  if (!hasNoFacts(props.scorecard)) {
    return null;
  }
  return (
    <Alert severity="info" sx={{ mb: 2 }}>
      Not graded yet: no facts have been collected for this model, so every
      check that applies is unknown. The grade fills in once the collectors have
      run.
    </Alert>
  );
}
