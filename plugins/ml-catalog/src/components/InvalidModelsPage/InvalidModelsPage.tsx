import { useMemo } from 'react';
import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import {
  useAppSearchParams,
  useRouteRef,
} from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { InvalidMlEntity } from '@ml-golden-paths/plugin-ml-catalog-common';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { GroupNode } from '../../groups/GroupHierarchy';
import { useGroupHierarchy } from '../../groups/useGroupHierarchy';
import { useInvalidEntities } from '../../invalid/useInvalidEntities';
import { ownerRefOf } from '../../owners/ownerNames';
import { useOwnerNames } from '../../owners/useOwnerNames';
import { modelsRouteRef } from '../../routes';
import { ExternalLink } from '../ExternalLink';

/** Where the entity came from: a link for url: locations, text otherwise. */
function LocationCell(props: { location?: string }) {
  const { location } = props;
  if (!location) {
    return <>—</>;
  }
  const target = location.startsWith('url:') ? location.slice(4) : undefined;
  return (
    <Box sx={{ wordBreak: 'break-all' }}>
      {target ? (
        <ExternalLink href={target}>{target}</ExternalLink>
      ) : (
        <code>{location}</code>
      )}
    </Box>
  );
}

function ProblemsCell(props: { entity: InvalidMlEntity }) {
  const { issues, errors } = props.entity;
  const lines =
    issues.length > 0
      ? issues.map(issue => ({
          key: issue.field,
          field: issue.field,
          text: issue.message,
        }))
      : errors.map((error, i) => ({
          key: String(i),
          field: undefined,
          text: error.message,
        }));
  return (
    <Box
      component="ul"
      aria-label={`Problems of ${props.entity.entityRef}`}
      sx={{ m: 0, pl: 2 }}
    >
      {lines.map(line => (
        <li key={line.key}>
          {line.field && (
            <>
              <code>{line.field}</code>:{' '}
            </>
          )}
          {line.text}
        </li>
      ))}
    </Box>
  );
}

function OwnerPicker(props: {
  owner?: string;
  groups: GroupNode[];
  title(ref: string): string;
  onChange(owner: string | undefined): void;
}) {
  const selected =
    props.groups.find(group => group.ref === props.owner) ??
    (props.owner
      ? { ref: props.owner, title: props.title(props.owner), depth: 0 }
      : null);
  return (
    <Autocomplete
      sx={{ maxWidth: 360 }}
      size="small"
      options={props.groups}
      value={selected}
      getOptionLabel={group => group.title}
      isOptionEqualToValue={(a, b) => a.ref === b.ref}
      onChange={(_event, group) => props.onChange(group?.ref)}
      renderOption={(optionProps, group) => (
        <li {...optionProps} key={group.ref}>
          <Box sx={{ pl: group.depth * 2 }}>{group.title}</Box>
        </li>
      )}
      renderInput={params => (
        <TextField {...params} label="Owner (with child teams)" />
      )}
    />
  );
}

/**
 * The ai-model, dataset, ml-pipeline and model-server entities the catalog
 * could not process, with the fields that fail, where each came from and
 * its owner, filtered by owner (`?owner=group:default/risk-ml`, child teams
 * included). These entities are not in the catalog, so this is the only
 * place their owners see them.
 */
export function InvalidModelsPage() {
  const [params, setParams] = useAppSearchParams();
  const rawOwner = params.get('owner') ?? undefined;
  const owner = ownerRefOf(rawOwner);
  const hierarchy = useGroupHierarchy();
  const invalid = useInvalidEntities(owner, hierarchy);
  const modelsRoute = useRouteRef(modelsRouteRef);
  const items = useMemo(() => invalid.value?.items ?? [], [invalid.value]);
  const ownerRefs = useMemo(
    () => items.flatMap(item => (item.owner ? [item.owner] : [])),
    [items],
  );
  const ownerNames = useOwnerNames(ownerRefs, hierarchy);
  const groups = useMemo(
    () => hierarchy.value?.tree() ?? [],
    [hierarchy.value],
  );
  const setOwner = (next: string | undefined) =>
    setParams(
      next ? new URLSearchParams({ owner: next }) : new URLSearchParams(),
    );

  return (
    <Stack spacing={2} sx={{ p: 3 }}>
      <Typography variant="body1" color="text.secondary">
        Models, datasets and pipelines whose <code>catalog-info.yaml</code>{' '}
        fails validation never reach the catalog. Fix the fields below in the
        file the entity came from; it appears in the catalog on the next refresh
        and leaves this list.
        {modelsRoute && (
          <>
            {' '}
            <Link to={modelsRoute()}>Back to the models</Link>
          </>
        )}
      </Typography>
      {rawOwner && !owner && (
        <WarningPanel
          title="The owner in the link was ignored"
          message={`owner: "${rawOwner}" is not an entity reference such as group:default/risk-ml`}
        />
      )}
      <OwnerPicker
        owner={owner}
        groups={groups}
        title={ref => hierarchy.value?.title(ref) ?? ref}
        onChange={setOwner}
      />
      {invalid.loading && <Progress />}
      {invalid.error && <ResponseErrorPanel error={invalid.error} />}
      {invalid.value?.truncated && (
        <WarningPanel title="Only the first entities are shown">
          More entities failed than one answer holds; filter by owner to see the
          rest.
        </WarningPanel>
      )}
      {!invalid.loading && !invalid.error && items.length === 0 && (
        <EmptyState
          missing="data"
          title={
            owner
              ? 'Every model of this team has valid metadata'
              : 'Every model has valid metadata'
          }
        />
      )}
      {items.length > 0 && (
        <TableContainer>
          <Table size="small" aria-label="Entities with invalid metadata">
            <TableHead>
              <TableRow>
                <TableCell>Entity</TableCell>
                <TableCell>Type</TableCell>
                <TableCell>Owner</TableCell>
                <TableCell>Problems</TableCell>
                <TableCell>Where it came from</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map(item => (
                <TableRow
                  key={item.entityRef}
                  data-testid="invalid-row"
                  sx={{ verticalAlign: 'top' }}
                >
                  <TableCell>
                    {item.title ?? item.entityRef}
                    {item.title && (
                      <Typography variant="body2" color="text.secondary">
                        {item.entityRef}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {item.type}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {item.owner ? (
                      <EntityRefLink entityRef={item.owner} hideIcon>
                        {ownerNames.get(item.owner) ?? item.owner}
                      </EntityRefLink>
                    ) : (
                      '—'
                    )}
                  </TableCell>
                  <TableCell>
                    <ProblemsCell entity={item} />
                  </TableCell>
                  <TableCell>
                    <LocationCell location={item.location} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Stack>
  );
}
