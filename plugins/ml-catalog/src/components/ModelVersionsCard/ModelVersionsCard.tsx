import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ModelVersion,
  compareModelVersions,
  parseDatasetReference,
} from '@ml-golden-paths/plugin-ml-catalog-common';
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

/** Metrics as `name value` pairs, e.g. "auc 0.93 · f1 0.81". */
export function formatMetrics(metrics: ModelVersion['metrics']): string {
  return Object.entries(metrics ?? {})
    .map(([name, value]) => `${name} ${value}`)
    .join(' · ');
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
        <Typography variant="body2" color="text.secondary" component="span">
          {' '}
          @{dataset.snapshot}
        </Typography>
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
            sx={{ '& td:not(:nth-of-type(4))': { whiteSpace: 'nowrap' } }}
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
                  <TableCell>{formatTimestamp(version.registeredAt)}</TableCell>
                  <TableCell>{formatMetrics(version.metrics) || '—'}</TableCell>
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
