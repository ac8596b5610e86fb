import { EmptyState, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink, catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  MODEL_STAGES,
  MODEL_TIERS,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { loadGroupHierarchy } from '../../groups/loadGroupHierarchy';
import { loadOwnershipSummary } from '../../ownership/loadOwnershipSummary';
import { CountLink } from '../CountLink';
import { useModelsLink } from '../useModelsLink';

/**
 * Models grouped by owning team, rolled up the team tree, with counts by tier
 * and stage; every count links to the matching Models page view.
 */
export function OwnershipPage() {
  const catalogApi = useApi(catalogApiRef);
  const modelsLink = useModelsLink();
  const { loading, error, value } = useAsync(async () => {
    const hierarchy = await loadGroupHierarchy(catalogApi);
    return loadOwnershipSummary(catalogApi, hierarchy);
  }, [catalogApi]);

  if (loading) {
    return <LinearProgress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value || value.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No models registered yet"
        description="Once ai-model entities are in the catalog, their owning teams appear here."
      />
    );
  }
  return (
    <Stack spacing={2} sx={{ p: 3 }}>
      <Typography variant="body1" color="text.secondary">
        Models per team; a team's numbers include its child teams. A model
        counts in every stage that holds one of its versions.
      </Typography>
      <TableContainer>
        <Table size="small" aria-label="Models by owner">
          <TableHead>
            <TableRow>
              <TableCell>Team</TableCell>
              <TableCell align="right">Models</TableCell>
              <TableCell align="right">Owned directly</TableCell>
              {MODEL_TIERS.map(tier => (
                <TableCell key={tier} align="right">
                  Tier {tier}
                </TableCell>
              ))}
              {MODEL_STAGES.map(stage => (
                <TableCell key={stage} align="right">
                  {stage}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {value.map(row => (
              <TableRow key={row.ref} hover data-testid="ownership-row">
                <TableCell sx={{ pl: 2 + row.depth * 3 }}>
                  <EntityRefLink entityRef={row.ref} hideIcon>
                    {row.title}
                  </EntityRefLink>
                </TableCell>
                <TableCell align="right">
                  <CountLink
                    count={row.counts.total}
                    href={modelsLink?.({ owner: row.ref })}
                    label={`${row.title}: all models`}
                  />
                </TableCell>
                <TableCell align="right">{row.direct}</TableCell>
                {MODEL_TIERS.map(tier => (
                  <TableCell key={tier} align="right">
                    <CountLink
                      count={row.counts.tiers[tier]}
                      href={modelsLink?.({ owner: row.ref, tier: [tier] })}
                      label={`${row.title}: tier ${tier}`}
                    />
                  </TableCell>
                ))}
                {MODEL_STAGES.map(stage => (
                  <TableCell key={stage} align="right">
                    <CountLink
                      count={row.counts.stages[stage]}
                      href={modelsLink?.({ owner: row.ref, stage: [stage] })}
                      label={`${row.title}: ${stage}`}
                    />
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Stack>
  );
}
