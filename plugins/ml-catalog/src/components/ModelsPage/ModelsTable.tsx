import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { ModelsTableColumn } from '../../columns/ModelsTableColumnBlueprint';
import { ModelSortField } from '../../filters/modelFilters';
import { PagedModels } from '../../models/usePagedModels';
import { ModelSummary } from '../../models/summarizeModel';
import { ownerRefOf } from '../../owners/ownerNames';
import { formatTimestamp } from '../formatTimestamp';
import { StageChip } from '../StageChip';
import { TierChip } from '../TierChip';

/** Page sizes offered below the table. */
export const PAGE_SIZES = [25, 50, 100];

/** Props of {@link ModelsTable}. */
export interface ModelsTableProps {
  page: PagedModels;
  pageSize: number;
  onPageSizeChange(size: number): void;
  sort: ModelSortField;
  order: 'asc' | 'desc';
  onSort(field: ModelSortField): void;
  /** Display names of owners by full ref; owners without one show their ref. */
  ownerNames?: ReadonlyMap<string, string>;
  /** Extra columns contributed by other plugins, right after the tier. */
  columns?: ReadonlyArray<ModelsTableColumn>;
}

function SortableHeader(props: {
  field: ModelSortField;
  label: string;
  table: ModelsTableProps;
}) {
  const { field, label, table } = props;
  const active = table.sort === field;
  return (
    <TableCell sortDirection={active ? table.order : false}>
      <TableSortLabel
        active={active}
        direction={active ? table.order : 'asc'}
        onClick={() => table.onSort(field)}
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );
}

function OwnerCell(props: {
  model: ModelSummary;
  names?: ReadonlyMap<string, string>;
}) {
  const { owner, entityRef } = props.model;
  if (!owner) {
    return <>—</>;
  }
  const ref = ownerRefOf(owner, parseEntityRef(entityRef).namespace);
  if (!ref) {
    return <>{owner}</>;
  }
  const name = props.names?.get(ref);
  return (
    <EntityRefLink entityRef={ref} hideIcon disableTooltip={!name}>
      {name ?? owner}
    </EntityRefLink>
  );
}

function ModelRow(props: {
  model: ModelSummary;
  ownerNames?: ReadonlyMap<string, string>;
  columns?: ReadonlyArray<ModelsTableColumn>;
}) {
  const { model } = props;
  const mlops = model.mlops;
  return (
    <TableRow hover data-testid="model-row">
      <TableCell title={model.description}>
        <EntityRefLink entityRef={model.entityRef} hideIcon>
          {model.title ?? model.name}
        </EntityRefLink>
        {model.issues.length > 0 && (
          <Tooltip
            title={model.issues.map(i => `${i.path}: ${i.message}`).join('; ')}
          >
            <Typography variant="body2" color="error">
              Invalid ML metadata ({model.issues[0].path})
            </Typography>
          </Tooltip>
        )}
      </TableCell>
      <TableCell>
        <OwnerCell model={model} names={props.ownerNames} />
      </TableCell>
      <TableCell>{mlops && <TierChip tier={mlops.tier} />}</TableCell>
      {props.columns?.map(column => (
        <TableCell key={column.title}>
          <column.Cell entityRef={model.entityRef} />
        </TableCell>
      ))}
      <TableCell>{model.productionVersion?.version ?? '—'}</TableCell>
      <TableCell>
        <Stack direction="row" spacing={0.5}>
          {model.stages.map(stage => (
            <StageChip key={stage} stage={stage} />
          ))}
        </Stack>
      </TableCell>
      <TableCell>{mlops?.servingPattern}</TableCell>
      <TableCell>{mlops?.framework ?? '—'}</TableCell>
      <TableCell>
        {mlops?.goldenPath ? (
          <>
            {mlops.goldenPath.template}
            <Typography variant="body2" color="text.secondary">
              v{mlops.goldenPath.version}
            </Typography>
          </>
        ) : (
          '—'
        )}
      </TableCell>
      <TableCell>
        {model.lastRegistered ? (
          <>
            <Tooltip title={formatTimestamp(model.lastRegistered.registeredAt)}>
              <span>{model.lastRegistered.registeredAt.slice(0, 10)}</span>
            </Tooltip>
            <Typography variant="body2" color="text.secondary">
              v{model.lastRegistered.version} · {model.lastRegistered.stage}
            </Typography>
          </>
        ) : (
          '—'
        )}
      </TableCell>
    </TableRow>
  );
}

/**
 * One server-side page of models with sortable columns and cursor-based
 * paging (previous / next; the catalog has no random page access).
 */
export function ModelsTable(props: ModelsTableProps) {
  const { page, pageSize } = props;
  return (
    <Box>
      <Box height={4}>{page.loading && <LinearProgress />}</Box>
      <TableContainer>
        <Table
          size="small"
          aria-label="Models"
          sx={{
            '& th': { whiteSpace: 'nowrap' },
            '& td:first-of-type': { minWidth: 180 },
            '& td:nth-of-type(-n+7):not(:first-of-type)': {
              whiteSpace: 'nowrap',
            },
          }}
        >
          <TableHead>
            <TableRow>
              <SortableHeader field="name" label="Model" table={props} />
              <SortableHeader field="owner" label="Owner" table={props} />
              <SortableHeader field="tier" label="Tier" table={props} />
              {props.columns?.map(column => (
                <TableCell key={column.title}>{column.title}</TableCell>
              ))}
              <TableCell>In production</TableCell>
              <TableCell>Stage</TableCell>
              <TableCell>Serving</TableCell>
              <TableCell>Framework</TableCell>
              <TableCell>Golden path</TableCell>
              <TableCell>Last registration</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {page.models.map(model => (
              <ModelRow
                key={model.entityRef}
                model={model}
                ownerNames={props.ownerNames}
                columns={props.columns}
              />
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={page.totalItems}
        page={page.pageIndex}
        rowsPerPage={pageSize}
        rowsPerPageOptions={PAGE_SIZES}
        onRowsPerPageChange={event =>
          props.onPageSizeChange(Number(event.target.value))
        }
        onPageChange={(_event, next) =>
          next > page.pageIndex ? page.next() : page.previous()
        }
        slotProps={{
          actions: {
            nextButton: { disabled: !page.hasNext },
            previousButton: { disabled: !page.hasPrevious },
          },
        }}
      />
    </Box>
  );
}
