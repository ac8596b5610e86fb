import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  checkCategories,
  checkCategoryTitles,
  type CheckCategory,
  type CheckState,
  type OverviewRow,
  type Scorecard,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { alpha, useTheme } from '@mui/material/styles';
import { LevelChip } from '../LevelChip';

/** One heat map cell: a model's checks in one category. */
export interface HeatCell {
  /** The worst state: fail, then unknown, exempt, pass; undefined when nothing applies. */
  state?: CheckState;
  pass: number;
  /** Checks that apply (not `not-applicable`). */
  applicable: number;
  failing: string[];
  unknown: string[];
}

const SEVERITY: CheckState[] = ['fail', 'unknown', 'exempt', 'pass'];

/** A scorecard summarised per category. */
export function heatCells(
  scorecard: Scorecard,
): Record<CheckCategory, HeatCell> {
  const cells = {} as Record<CheckCategory, HeatCell>;
  for (const category of checkCategories) {
    const checks = scorecard.checks.filter(
      c => c.category === category && c.state !== 'not-applicable',
    );
    cells[category] = {
      state: SEVERITY.find(state => checks.some(c => c.state === state)),
      pass: checks.filter(c => c.state === 'pass' || c.state === 'exempt')
        .length,
      applicable: checks.length,
      failing: checks.filter(c => c.state === 'fail').map(c => c.title),
      unknown: checks.filter(c => c.state === 'unknown').map(c => c.title),
    };
  }
  return cells;
}

function Cell(props: { cell?: HeatCell; category: CheckCategory }) {
  const theme = useTheme();
  const { cell } = props;
  if (!cell) {
    return <TableCell align="center">…</TableCell>;
  }
  const colors: Record<CheckState, string> = {
    fail: theme.palette.error.main,
    unknown: theme.palette.warning.main,
    exempt: theme.palette.info.main,
    pass: theme.palette.success.main,
    'not-applicable': theme.palette.action.disabled,
  };
  const color = cell.state ? colors[cell.state] : colors['not-applicable'];
  const detail = [
    cell.failing.length ? `Failing: ${cell.failing.join(', ')}` : '',
    cell.unknown.length ? `Unknown: ${cell.unknown.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Tooltip title={detail || checkCategoryTitles[props.category]}>
      <TableCell
        align="center"
        data-state={cell.state ?? 'not-applicable'}
        sx={{
          backgroundColor: alpha(color, cell.state ? 0.28 : 0.08),
          borderLeft: `1px solid ${theme.palette.background.paper}`,
          fontVariantNumeric: 'tabular-nums',
        }}
      >
        {cell.applicable ? `${cell.pass}/${cell.applicable}` : '—'}
      </TableCell>
    </Tooltip>
  );
}

/** Props of {@link ReadinessHeatMap}. */
export interface ReadinessHeatMapProps {
  rows: OverviewRow[];
  /** Scorecards (or why one could not be read) by entity ref; missing ones show as loading. */
  scorecards: Map<string, Scorecard | Error>;
}

/**
 * Models × checklist categories. Each cell shows passing (or exempt) checks
 * out of those that apply, coloured by the worst state in it: fail, unknown,
 * exempt, pass.
 */
export function ReadinessHeatMap(props: ReadinessHeatMapProps) {
  if (props.rows.length === 0) {
    return (
      <Typography variant="body2">No models match these filters.</Typography>
    );
  }
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Readiness heat map">
        <TableHead>
          <TableRow>
            <TableCell>Model</TableCell>
            <TableCell>Level</TableCell>
            {checkCategories.map(category => (
              <TableCell key={category} align="center" sx={{ minWidth: 90 }}>
                {checkCategoryTitles[category]}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {props.rows.map(row => {
            const scorecard = props.scorecards.get(row.entityRef);
            const cells =
              scorecard && !(scorecard instanceof Error)
                ? heatCells(scorecard)
                : undefined;
            return (
              <TableRow key={row.entityRef} data-testid="heatmap-row">
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <EntityRefLink entityRef={row.entityRef} hideIcon>
                    {row.title ?? row.entityRef}
                  </EntityRefLink>
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <LevelChip level={row.level} />{' '}
                  <Typography variant="caption" color="text.secondary">
                    of {row.requiredLevel}
                  </Typography>
                </TableCell>
                {scorecard instanceof Error ? (
                  <TableCell colSpan={checkCategories.length}>
                    <Typography variant="body2" color="error">
                      Scorecard could not be read: {scorecard.message}
                    </Typography>
                  </TableCell>
                ) : (
                  checkCategories.map(category => (
                    <Cell
                      key={category}
                      category={category}
                      cell={cells?.[category]}
                    />
                  ))
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}
