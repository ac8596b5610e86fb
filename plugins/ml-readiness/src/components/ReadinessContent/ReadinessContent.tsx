import { useState } from 'react';
import { Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  levelTitle,
  readinessExemptionCreatePermission,
  type Exemption,
  type ScorecardCheck,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { mlReadinessApiRef } from '../../api/MlReadinessApi';
import { formatAge } from '../formatAge';
import { LevelChip } from '../LevelChip';
import {
  isNotFound,
  MODEL_NOT_FOUND_TEXT,
  ReadinessError,
} from '../ReadinessError';
import { NoFactsNotice } from '../NoFactsNotice';
import { useScorecard } from '../useScorecard';
import { ChecksByCategory } from './ChecksByCategory';
import { ExemptionDialog } from './ExemptionDialog';
import { ExemptionsList } from './ExemptionsList';
import { HistoryChart } from './HistoryChart';

const HISTORY_DAYS = 90;

function ModelHistory(props: { entityRef: string; version: string }) {
  const api = useApi(mlReadinessApiRef);
  const history = useAsync(
    () => api.getModelHistory(props.entityRef, { days: HISTORY_DAYS }),
    [api, props.entityRef, props.version],
  );
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="h6" gutterBottom>
        History (last {HISTORY_DAYS} days)
      </Typography>
      {history.loading && <Progress />}
      {history.error && (
        <ReadinessError error={history.error} what="the grade history" />
      )}
      {history.value && <HistoryChart entries={history.value} />}
    </Paper>
  );
}

/**
 * The Readiness tab of a model: every check grouped by category with state,
 * evidence and fact age, the grade history, the model's exemptions, and an
 * exemption dialog for users allowed to grant one.
 */
export function ReadinessContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { loading, error, scorecard, retry } = useScorecard(entityRef);
  const canExempt = usePermission({
    permission: readinessExemptionCreatePermission,
  });
  const [exempting, setExempting] = useState<ScorecardCheck>();
  const [granted, setGranted] = useState<Exemption>();

  if (loading && !scorecard) {
    return <Progress />;
  }
  if (isNotFound(error)) {
    return <Alert severity="info">{MODEL_NOT_FOUND_TEXT}</Alert>;
  }
  if (error) {
    return <ReadinessError error={error} what="this model's readiness" />;
  }
  if (!scorecard) {
    return null;
  }
  return (
    <Stack spacing={2}>
      <NoFactsNotice scorecard={scorecard} />
      <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap">
        <LevelChip level={scorecard.level} label="Level" />
        <LevelChip level={scorecard.requiredLevel} label="Required" />
        <Typography variant="body2" color="text.secondary">
          Tier {scorecard.tier} · {scorecard.stage} · graded{' '}
          {formatAge(scorecard.gradedAt)} · {scorecard.counts.pass} pass ·{' '}
          {scorecard.counts.fail} fail · {scorecard.counts.unknown} unknown ·{' '}
          {scorecard.counts.exempt} exempt ·{' '}
          {scorecard.counts['not-applicable']} not applicable
        </Typography>
      </Stack>
      {!scorecard.meetsRequiredLevel && (
        <Alert severity="warning">
          {levelTitle(scorecard.level)} is below the{' '}
          {levelTitle(scorecard.requiredLevel)} that tier {scorecard.tier}{' '}
          requires; the production gate refuses promotion until the failing and
          unknown checks below are fixed or exempted.
        </Alert>
      )}
      {granted && (
        <Alert severity="success" onClose={() => setGranted(undefined)}>
          Exemption from {granted.checkId} granted until{' '}
          {granted.expiresAt.slice(0, 10)}.
        </Alert>
      )}
      <ChecksByCategory
        checks={scorecard.checks}
        onExempt={canExempt.allowed ? setExempting : undefined}
      />
      <ModelHistory entityRef={entityRef} version={scorecard.gradedAt} />
      <ExemptionsList
        entityRef={entityRef}
        version={scorecard.gradedAt}
        onChange={retry}
      />
      <ExemptionDialog
        entityRef={entityRef}
        check={exempting}
        onClose={() => setExempting(undefined)}
        onCreated={exemption => {
          setExempting(undefined);
          setGranted(exemption);
          retry();
        }}
      />
    </Stack>
  );
}
