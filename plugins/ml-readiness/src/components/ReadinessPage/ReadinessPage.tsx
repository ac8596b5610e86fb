import { useMemo, useState } from 'react';
import { EmptyState, Progress } from '@backstage/core-components';
import { useApi, useAppSearchParams } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type {
  GradeHistoryEntry,
  Scorecard,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import DownloadIcon from '@mui/icons-material/Download';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TablePagination from '@mui/material/TablePagination';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { mlReadinessApiRef } from '../../api/MlReadinessApi';
import {
  ReadinessFilters,
  parseReadinessFilters,
  serializeReadinessFilters,
  toOverviewQuery,
} from '../../filters/readinessFilters';
import { buildTrend } from '../../history/buildTrend';
import { rollUpByTeam, teamTree } from '../../teams/teamRollup';
import { ReadinessError } from '../ReadinessError';
import { loadOverviewRows } from './loadOverviewRows';
import { ReadinessFiltersBar } from './ReadinessFiltersBar';
import { ReadinessHeatMap } from './ReadinessHeatMap';
import { TeamRollupTable } from './TeamRollupTable';
import { TrendChart } from './TrendChart';

const HEATMAP_PAGE_SIZE = 20;
const TREND_DAYS = 30;
const GROUP_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.profile.displayName',
  'spec.parent',
  'relations',
];

function Section(props: { title: string; children: React.ReactNode }) {
  return (
    <Paper
      variant="outlined"
      sx={{ p: 2 }}
      component="section"
      aria-label={props.title}
    >
      <Typography variant="h6" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Paper>
  );
}

/**
 * Loads scorecards for the heat map's visible rows, at most 4 at a time. A
 * model whose scorecard cannot be read keeps its error, shown in its row.
 */
function useScorecards(entityRefs: string[]) {
  const api = useApi(mlReadinessApiRef);
  const key = entityRefs.join('\n');
  return useAsync(async () => {
    const result = new Map<string, Scorecard | Error>();
    const queue = key ? key.split('\n') : [];
    const worker = async () => {
      for (let ref = queue.shift(); ref; ref = queue.shift()) {
        try {
          result.set(ref, await api.getScorecard(ref));
        } catch (error) {
          result.set(ref, error as Error);
        }
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    return result;
  }, [api, key]);
}

/**
 * The Readiness page for architects: every model × checklist category as a
 * heat map, readiness rolled up the team tree, the trend over the last 30
 * days and a CSV export, all filtered by owner (with child teams), tier,
 * level, failing check and stage. The filters live in the URL.
 */
export function ReadinessPage() {
  const api = useApi(mlReadinessApiRef);
  const catalogApi = useApi(catalogApiRef);
  const [params, setParams] = useAppSearchParams();
  const search = params.toString();
  const { filters, issues } = useMemo(
    () => parseReadinessFilters(new URLSearchParams(search)),
    [search],
  );
  const query = useMemo(() => toOverviewQuery(filters), [filters]);
  const [heatPage, setHeatPage] = useState(0);
  const [exportError, setExportError] = useState<Error>();

  const setFilters = (next: ReadinessFilters) => {
    setHeatPage(0);
    setParams(previous => serializeReadinessFilters(next, previous));
  };

  const overview = useAsync(() => loadOverviewRows(api, query), [api, query]);
  const groups = useAsync(
    async () =>
      (
        await catalogApi.getEntities({
          filter: { kind: 'group' },
          fields: GROUP_FIELDS,
        })
      ).items,
    [catalogApi],
  );
  const rows = useMemo(() => overview.value?.rows ?? [], [overview.value]);
  const rollups = useMemo(
    () => rollUpByTeam(rows, groups.value ?? [], filters.owner),
    [rows, groups.value, filters.owner],
  );
  const teamOptions = useMemo(
    () => teamTree(groups.value ?? []),
    [groups.value],
  );
  const policy = useAsync(() => api.getPolicy(), [api]);
  const checkOptions = useMemo(() => {
    const titles = new Map(
      (policy.value?.checks ?? []).map(check => [check.id, check.title]),
    );
    for (const id of rows.flatMap(row => row.failingChecks)) {
      if (!titles.has(id)) titles.set(id, id);
    }
    return [...titles].map(([id, title]) => ({ id, title }));
  }, [policy.value, rows]);
  const heatRows = rows.slice(
    heatPage * HEATMAP_PAGE_SIZE,
    (heatPage + 1) * HEATMAP_PAGE_SIZE,
  );
  const scorecards = useScorecards(heatRows.map(row => row.entityRef));

  const trendOwners = useMemo(
    () =>
      filters.owner
        ? [filters.owner]
        : rollups.filter(r => r.depth === 0).map(r => r.ref),
    [filters.owner, rollups],
  );
  const trend = useAsync(async () => {
    const shown = new Set(rows.map(row => row.entityRef));
    const entries: GradeHistoryEntry[] = [];
    for (const owner of trendOwners) {
      entries.push(...(await api.getTeamHistory(owner, { days: TREND_DAYS })));
    }
    return buildTrend(
      entries.filter(entry => shown.has(entry.entityRef)),
      { days: TREND_DAYS },
    );
  }, [api, trendOwners, rows]);

  const exportCsv = async () => {
    setExportError(undefined);
    try {
      const blob = await api.exportOverviewCsv(query);
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = 'readiness.csv';
      anchor.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setExportError(error as Error);
    }
  };

  let body;
  if (overview.loading && !overview.value) {
    body = <Progress />;
  } else if (overview.error) {
    body = (
      <ReadinessError error={overview.error} what="the readiness overview" />
    );
  } else if (rows.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title={
          issues.length || Object.keys(filters).length
            ? 'No graded models match these filters'
            : 'No graded models yet'
        }
        description="Models appear here once the readiness backend has collected their facts and graded them."
      />
    );
  } else {
    body = (
      <Stack spacing={2}>
        {overview.value?.truncated && (
          <Alert severity="info">
            Showing the first {rows.length} of {overview.value.totalItems}{' '}
            models; narrow the filters to see the rest.
          </Alert>
        )}
        <Section title="Models × categories">
          <ReadinessHeatMap
            rows={heatRows}
            scorecards={scorecards.value ?? new Map()}
          />
          {rows.length > HEATMAP_PAGE_SIZE && (
            <TablePagination
              component="div"
              count={rows.length}
              page={heatPage}
              rowsPerPage={HEATMAP_PAGE_SIZE}
              rowsPerPageOptions={[HEATMAP_PAGE_SIZE]}
              onPageChange={(_event, next) => setHeatPage(next)}
            />
          )}
        </Section>
        <Section title="By team">
          {groups.error && (
            <Alert severity="warning">
              Teams could not be read from the catalog ({groups.error.message});
              models are grouped by their direct owner only.
            </Alert>
          )}
          <TeamRollupTable
            rollups={rollups}
            onSelect={owner => setFilters({ ...filters, owner })}
          />
        </Section>
        <Section title={`Trend (last ${TREND_DAYS} days)`}>
          {trend.loading && <Progress />}
          {trend.error && (
            <ReadinessError error={trend.error} what="the grade history" />
          )}
          {trend.value && <TrendChart points={trend.value} />}
        </Section>
      </Stack>
    );
  }

  return (
    <Stack spacing={2} sx={{ p: 3 }}>
      <Typography variant="body1" color="text.secondary">
        Every model graded against the production-readiness checklist: which
        categories hold each model back, how each team is doing and where the
        trend is going.
      </Typography>
      <Stack
        direction="row"
        spacing={2}
        alignItems="center"
        justifyContent="space-between"
        flexWrap="wrap"
        useFlexGap
      >
        <ReadinessFiltersBar
          filters={filters}
          teams={teamOptions}
          checks={checkOptions}
          onChange={setFilters}
        />
        <Button
          variant="outlined"
          startIcon={<DownloadIcon />}
          onClick={exportCsv}
        >
          Export CSV
        </Button>
      </Stack>
      {issues.length > 0 && (
        <Alert severity="warning">
          Ignored filters from the link: {issues.join('; ')}.
        </Alert>
      )}
      {exportError && (
        <ReadinessError error={exportError} what="the CSV export" />
      )}
      {body}
    </Stack>
  );
}
