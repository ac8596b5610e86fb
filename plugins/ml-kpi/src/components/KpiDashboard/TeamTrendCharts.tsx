import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import type { KpiUnit } from '@ml-golden-paths/plugin-ml-kpi-common';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { TeamTrends } from '../../api/types';
import { DORA_KEYS, formatValue, kpiTitle } from '../../kpiFormat';

/** At most this many teams get a line per chart. */
const MAX_LINES = 6;

const UNITS: Record<(typeof DORA_KEYS)[number], KpiUnit> = {
  deploymentFrequency: 'per-week',
  leadTime: 'hours',
  changeFailureRate: 'ratio',
  timeToRestore: 'hours',
};

/**
 * One line chart per DORA key: a line per team (the top of the scope and the
 * teams one level below), a point per month; months without enough data
 * leave a gap.
 */
export function TeamTrendCharts(props: { trends: TeamTrends }) {
  const theme = useTheme();
  const colors = [
    theme.palette.primary.main,
    theme.palette.secondary.main,
    theme.palette.success.main,
    theme.palette.warning.main,
    theme.palette.info.main,
    theme.palette.error.main,
  ];
  const teams = props.trends.items
    .filter(t => t.depth <= 1)
    .slice(0, MAX_LINES);
  return (
    <Grid container spacing={2}>
      {DORA_KEYS.map(key => {
        const data = props.trends.months.map(month => {
          const row: Record<string, string | number | null> = { month };
          for (const team of teams) {
            const value = team.points.find(p => p.month === month)?.kpis[key];
            row[team.ownerRef] = value?.state === 'value' ? value.value : null;
          }
          return row;
        });
        const points = data.filter(row =>
          teams.some(t => row[t.ownerRef] !== null),
        ).length;
        return (
          <Grid item xs={12} md={6} key={key}>
            <Typography variant="subtitle2">{kpiTitle(key)}</Typography>
            {points === 0 ? (
              <Typography variant="body2" color="text.secondary">
                Not enough data in these months.
              </Typography>
            ) : (
              <ResponsiveContainer width="100%" height={220}>
                <LineChart
                  data={data}
                  margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
                >
                  <CartesianGrid
                    stroke={theme.palette.divider}
                    strokeDasharray="3 3"
                  />
                  <XAxis dataKey="month" tick={{ fontSize: 11 }} />
                  <YAxis
                    tick={{ fontSize: 11 }}
                    tickFormatter={v => formatValue(Number(v), UNITS[key])}
                    width={72}
                  />
                  <Tooltip
                    formatter={v => formatValue(Number(v), UNITS[key])}
                    contentStyle={{
                      background: theme.palette.background.paper,
                      borderColor: theme.palette.divider,
                    }}
                  />
                  <Legend />
                  {teams.map((team, i) => (
                    <Line
                      key={team.ownerRef}
                      dataKey={team.ownerRef}
                      name={team.title}
                      stroke={colors[i % colors.length]}
                      connectNulls={false}
                      isAnimationActive={false}
                    />
                  ))}
                </LineChart>
              </ResponsiveContainer>
            )}
          </Grid>
        );
      })}
    </Grid>
  );
}
