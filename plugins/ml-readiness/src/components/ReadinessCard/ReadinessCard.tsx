import { InfoCard, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import {
  levelTitle,
  type Scorecard,
  type ScorecardCheck,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import Alert from '@mui/material/Alert';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { CheckStateChip } from '../CheckStateChip';
import { formatAge } from '../formatAge';
import { LevelChip } from '../LevelChip';
import {
  isNotFound,
  MODEL_NOT_FOUND_TEXT,
  ReadinessError,
} from '../ReadinessError';
import { NoFactsNotice } from '../NoFactsNotice';
import { Remediation } from '../RemediationLink';
import { useScorecard } from '../useScorecard';

function CheckList(props: { title: string; checks: ScorecardCheck[] }) {
  if (props.checks.length === 0) {
    return null;
  }
  return (
    <>
      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        {props.title} ({props.checks.length})
      </Typography>
      <List dense disablePadding aria-label={props.title}>
        {props.checks.map(check => (
          <ListItem
            key={check.id}
            disableGutters
            alignItems="flex-start"
            data-testid="readiness-card-check"
          >
            <ListItemText
              disableTypography
              primary={
                <Stack direction="row" spacing={1} alignItems="center">
                  <CheckStateChip state={check.state} />
                  <Typography variant="body2" fontWeight={600}>
                    {check.title}
                  </Typography>
                  <Typography variant="caption" color="text.secondary">
                    {levelTitle(check.level)}
                  </Typography>
                </Stack>
              }
              secondary={
                <>
                  <Typography variant="body2">{check.reason}</Typography>
                  <Remediation check={check} />
                </>
              }
            />
          </ListItem>
        ))}
      </List>
    </>
  );
}

/** The production gate as the stored grade decides it. */
function GateStatus(props: { scorecard: Scorecard }) {
  const { scorecard } = props;
  if (scorecard.meetsRequiredLevel) {
    return (
      <Alert severity="success" variant="outlined">
        Production gate: open — {levelTitle(scorecard.level)} meets the required{' '}
        {levelTitle(scorecard.requiredLevel)}.
      </Alert>
    );
  }
  return (
    <Alert severity="error" variant="outlined">
      Production gate: blocked — {levelTitle(scorecard.level)} is below the
      required {levelTitle(scorecard.requiredLevel)} for tier {scorecard.tier}.
    </Alert>
  );
}

/** The card body for a loaded scorecard. */
export function ReadinessSummary(props: { scorecard: Scorecard }) {
  const { scorecard } = props;
  const failing = scorecard.checks.filter(c => c.state === 'fail');
  const unknown = scorecard.checks.filter(c => c.state === 'unknown');
  return (
    <>
      <NoFactsNotice scorecard={scorecard} />
      <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap">
        <LevelChip level={scorecard.level} label="Level" />
        <LevelChip level={scorecard.requiredLevel} label="Required" />
        <Typography variant="caption" color="text.secondary">
          Graded {formatAge(scorecard.gradedAt)} · {scorecard.counts.pass}{' '}
          passing · {scorecard.counts.exempt} exempt
        </Typography>
      </Stack>
      <Stack sx={{ mt: 2 }}>
        <GateStatus scorecard={scorecard} />
      </Stack>
      <CheckList title="Failing checks" checks={failing} />
      <CheckList title="Unknown checks" checks={unknown} />
      {failing.length === 0 && unknown.length === 0 && (
        <Typography variant="body2" sx={{ mt: 2 }}>
          No failing or unknown checks.
        </Typography>
      )}
    </>
  );
}

/**
 * Readiness of the model on the current entity page: achieved and required
 * level, whether the production gate is open, and every failing and unknown
 * check with its remediation.
 */
export function ReadinessCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const entityLink = useEntityRefLink()(entity);
  const { loading, error, scorecard } = useScorecard(entityRef);
  let body;
  if (loading) {
    body = <Progress />;
  } else if (isNotFound(error)) {
    body = <Typography variant="body2">{MODEL_NOT_FOUND_TEXT}</Typography>;
  } else if (error) {
    body = <ReadinessError error={error} what="this model's readiness" />;
  } else if (scorecard) {
    body = <ReadinessSummary scorecard={scorecard} />;
  }
  return (
    <InfoCard
      title="Readiness"
      deepLink={{ title: 'All checks', link: `${entityLink}/readiness` }}
    >
      {body}
    </InfoCard>
  );
}
