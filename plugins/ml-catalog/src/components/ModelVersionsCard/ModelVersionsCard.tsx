import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ModelVersion,
  compareModelVersions,
  parseDatasetReference,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { ExternalLink } from '../ExternalLink';
import { formatTimestamp } from '../formatTimestamp';
import { InvalidMlopsCard } from '../InvalidMlopsCard';
import { StageChip } from '../StageChip';
import { useModelEntity } from '../useModelEntity';

const GITHUB_SLUG = /^[\w.-]+\/[\w.-]+$/;

const SMALL_METRIC = new Intl.NumberFormat('en-US', {
  maximumSignificantDigits: 4,
});
const LARGE_METRIC = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 2,
});

/**
 * A metric value for the list: four significant digits below 1
 * (0.93127 → "0.9313"), two decimals above (1234.567 → "1,234.57").
 */
export function formatMetricValue(value: number): string {
  if (!Number.isFinite(value)) {
    return String(value);
  }
  return Math.abs(value) < 1
    ? SMALL_METRIC.format(value)
    : LARGE_METRIC.format(value);
}

/**
 * A version's metrics as a compact list, one `name value` pair per line, so
 * the column never squeezes a metric to one character per line.
 */
export function MetricsList(props: {
  version: string;
  metrics: ModelVersion['metrics'];
}) {
  const entries = Object.entries(props.metrics ?? {});
  if (entries.length === 0) {
    return <>—</>;
  }
  return (
    <Box
      component="ul"
      aria-label={`Metrics of version ${props.version}`}
      sx={{
        listStyle: 'none',
        m: 0,
        p: 0,
        display: 'grid',
        gridTemplateColumns: 'max-content max-content',
        columnGap: 1,
      }}
    >
      {entries.map(([name, value]) => (
        <Box component="li" key={name} sx={{ display: 'contents' }}>
          <Typography
            component="span"
            variant="body2"
            color="text.secondary"
            sx={{ whiteSpace: 'nowrap' }}
          >
            {name}
          </Typography>
          <Typography
            component="span"
            variant="body2"
            sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}
          >
            {formatMetricValue(value)}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

/** The registration date, with the time (UTC) on a second, quieter line. */
function RegisteredAt(props: { value?: string }) {
  const formatted = formatTimestamp(props.value);
  const space = formatted.indexOf(' ');
  if (space < 0) {
    return <>{formatted || '—'}</>;
  }
  return (
    <>
      {formatted.slice(0, space)}
      <Typography variant="body2" color="text.secondary">
        {formatted.slice(space + 1)}
      </Typography>
    </>
  );
}

function DatasetCell(props: { value?: string; namespace: string }) {
  if (!props.value) {
    return <>—</>;
  }
  const dataset = parseDatasetReference(props.value, props.namespace);
  if (!dataset) {
    return <>{props.value}</>;
  }
  return (
    <>
      <EntityRefLink entityRef={dataset.ref} hideIcon />
      {dataset.snapshot && (
        <>
          {' '}
          <Typography
            variant="body2"
            color="text.secondary"
            component="span"
            sx={{ whiteSpace: 'nowrap' }}
          >
            @{dataset.snapshot}
          </Typography>
        </>
      )}
    </>
  );
}

function CommitCell(props: { commit?: string; slug?: string }) {
  if (!props.commit) {
    return <>—</>;
  }
  const short = props.commit.slice(0, 7);
  if (props.slug && GITHUB_SLUG.test(props.slug)) {
    return (
      <ExternalLink
        href={`https://github.com/${props.slug}/commit/${props.commit}`}
      >
        <code>{short}</code>
      </ExternalLink>
    );
  }
  return <code>{short}</code>;
}

/**
 * Every registered version of the model, newest first: stage, registration
 * time, metrics, training dataset, code commit and approver.
 */
export function ModelVersionsCard() {
  const { entity, mlops, issues } = useModelEntity();
  if (!mlops) {
    return <InvalidMlopsCard title="Versions" issues={issues} />;
  }
  const versions = [...mlops.versions].sort(compareModelVersions).reverse();
  const namespace = entity.metadata.namespace ?? 'default';
  const slug = entity.metadata.annotations?.['github.com/project-slug'];
  return (
    <InfoCard title="Versions" noPadding>
      {versions.length === 0 ? (
        <Typography sx={{ p: 2 }}>No versions registered yet.</Typography>
      ) : (
        <TableContainer>
          <Table
            size="small"
            aria-label="Model versions"
            sx={{
              width: '100%',
              '& td, & th': { verticalAlign: 'top', px: 1 },
              '& td:first-of-type, & th:first-of-type': { pl: 2 },
              '& td:last-of-type, & th:last-of-type': { pr: 2 },
              '& th': { whiteSpace: 'nowrap' },
              // Short values stay on one line; the dataset (a ref plus a
              // snapshot) is the one column that may wrap, between words.
              '& td:not(:nth-of-type(5))': { whiteSpace: 'nowrap' },
            }}
          >
            <TableHead>
              <TableRow>
                <TableCell>Version</TableCell>
                <TableCell>Stage</TableCell>
                <TableCell>Registered</TableCell>
                <TableCell>Metrics</TableCell>
                <TableCell>Dataset</TableCell>
                <TableCell>Commit</TableCell>
                <TableCell>Approved by</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {versions.map(version => (
                <TableRow key={version.version} data-testid="version-row">
                  <TableCell>{version.version}</TableCell>
                  <TableCell>
                    <StageChip stage={version.stage} />
                  </TableCell>
                  <TableCell>
                    <RegisteredAt value={version.registeredAt} />
                  </TableCell>
                  <TableCell>
                    <MetricsList
                      version={version.version}
                      metrics={version.metrics}
                    />
                  </TableCell>
                  <TableCell>
                    <DatasetCell
                      value={version.dataset}
                      namespace={namespace}
                    />
                  </TableCell>
                  <TableCell>
                    <CommitCell commit={version.codeCommit} slug={slug} />
                  </TableCell>
                  <TableCell>
                    {version.approvedBy ? (
                      <EntityRefLink
                        entityRef={version.approvedBy}
                        defaultKind="user"
                        hideIcon
                      />
                    ) : (
                      '—'
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </InfoCard>
  );
}
