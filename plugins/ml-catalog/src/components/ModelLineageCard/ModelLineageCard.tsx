import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink, catalogApiRef } from '@backstage/plugin-catalog-react';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Fragment } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { LineageNode, loadModelLineage } from '../../lineage/loadModelLineage';
import { useModelEntity } from '../useModelEntity';

function LineageColumn(props: {
  title: string;
  nodes: LineageNode[];
  empty: string;
}) {
  return (
    <Box flex={1} minWidth={0} component="section" aria-label={props.title}>
      <Typography variant="overline" color="text.secondary" component="h3">
        {props.title}
      </Typography>
      {props.nodes.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {props.empty}
        </Typography>
      ) : (
        <Stack spacing={0.5}>
          {props.nodes.map(node => (
            <Typography key={node.ref} variant="body2" component="div">
              {node.found ? (
                <EntityRefLink entityRef={node.ref} hideIcon>
                  {node.title}
                </EntityRefLink>
              ) : (
                <span title="Named by the model but not in the catalog">
                  {node.ref} (not in catalog)
                </span>
              )}
            </Typography>
          ))}
        </Stack>
      )}
    </Box>
  );
}

/**
 * The model's lineage as a left-to-right flow: datasets → training pipeline →
 * model → serving components → APIs, each entry linking to its entity page.
 */
export function ModelLineageCard() {
  const { entity, mlops } = useModelEntity();
  const catalogApi = useApi(catalogApiRef);
  const { loading, error, value } = useAsync(
    () => loadModelLineage(catalogApi, entity, mlops),
    [catalogApi, entity, mlops],
  );

  const columns = value && [
    { title: 'Datasets', nodes: value.datasets, empty: 'none recorded' },
    {
      title: 'Training pipeline',
      nodes: value.pipelines,
      empty: 'none recorded',
    },
    {
      title: 'Model',
      nodes: [
        {
          ref: stringifyEntityRef(entity),
          title: entity.metadata.title,
          found: true,
        },
      ],
      empty: '',
    },
    { title: 'Serving', nodes: value.servers, empty: 'not served' },
    { title: 'APIs', nodes: value.apis, empty: 'none' },
  ];

  return (
    <InfoCard title="Lineage">
      {loading && <LinearProgress />}
      {error && <ResponseErrorPanel error={error} />}
      {columns && (
        <Stack
          direction={{ xs: 'column', md: 'row' }}
          spacing={1}
          alignItems={{ md: 'flex-start' }}
        >
          {columns.map((column, index) => (
            <Fragment key={column.title}>
              {index > 0 && (
                <ArrowForwardIcon
                  color="action"
                  fontSize="small"
                  sx={{
                    alignSelf: 'center',
                    transform: { xs: 'rotate(90deg)', md: 'none' },
                  }}
                />
              )}
              <LineageColumn {...column} />
            </Fragment>
          ))}
        </Stack>
      )}
    </InfoCard>
  );
}
