import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { goldenPathApiRef, GoldenPathStatusResponse } from './GoldenPathClient';

/** "current", "1 release behind", "3 releases behind". */
export function behindLabel(releasesBehind: number) {
  if (releasesBehind === 0) return 'current';
  return `${releasesBehind} release${releasesBehind === 1 ? '' : 's'} behind`;
}

function Upgrade(props: { status: GoldenPathStatusResponse }) {
  const { openUpgrade, openUpgradeError } = props.status;
  if (openUpgradeError) {
    return (
      <Typography variant="body2" color="text.secondary">
        Open upgrade unknown: {openUpgradeError}
      </Typography>
    );
  }
  if (!openUpgrade) {
    return (
      <Typography variant="body2" color="text.secondary">
        No open upgrade.
      </Typography>
    );
  }
  const isUrl = /^https:\/\//.test(openUpgrade.location);
  return (
    <Stack spacing={1}>
      <Typography variant="body2">
        Open upgrade to {openUpgrade.toVersion ?? '?'}:{' '}
        {isUrl ? (
          <a href={openUpgrade.location} target="_blank" rel="noreferrer">
            {openUpgrade.location}
          </a>
        ) : (
          <code>{openUpgrade.location}</code>
        )}
      </Typography>
      {openUpgrade.conflicts.length > 0 && (
        <Alert severity="warning">
          Conflicts to resolve in {openUpgrade.conflicts.join(', ')}
        </Alert>
      )}
    </Stack>
  );
}

/** The golden path of the current model: versions, what changed, the open upgrade. */
export function GoldenPathCard() {
  const { entity } = useEntity();
  const client = useApi(goldenPathApiRef);
  const { value, loading, error } = useAsync(
    () =>
      client.getStatus({
        namespace: entity.metadata.namespace ?? 'default',
        name: entity.metadata.name,
      }),
    [client, entity.metadata.namespace, entity.metadata.name],
  );
  return (
    <InfoCard title="Golden path">
      {loading && <Progress />}
      {error && (
        <WarningPanel severity="info" title="No golden-path status">
          {error.message}
        </WarningPanel>
      )}
      {value && (
        <Stack spacing={2}>
          <Stack
            direction="row"
            spacing={1}
            alignItems="center"
            flexWrap="wrap"
          >
            <Typography variant="subtitle1">{value.template}</Typography>
            <Chip
              size="small"
              label={`at ${value.version}`}
              color={value.releasesBehind === 0 ? 'success' : 'warning'}
            />
            <Chip
              size="small"
              variant="outlined"
              label={`newest ${value.latestVersion}`}
            />
            <Typography variant="body2" color="text.secondary">
              {behindLabel(value.releasesBehind)}
              {value.createdFrom ? ` · created from ${value.createdFrom}` : ''}
            </Typography>
          </Stack>
          {value.changes.length > 0 && (
            <div>
              <Typography variant="subtitle2">
                What changed since {value.version}
              </Typography>
              <ul aria-label="changes">
                {value.changes.flatMap(release =>
                  release.changes.map(change => (
                    <li key={`${release.version}-${change.text}`}>
                      <Typography variant="body2">
                        <strong>{release.version}</strong> {change.text}
                      </Typography>
                    </li>
                  )),
                )}
              </ul>
            </div>
          )}
          <Upgrade status={value} />
        </Stack>
      )}
    </InfoCard>
  );
}
