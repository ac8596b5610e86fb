import type { GradeHistoryEntry } from '@ml-golden-paths/plugin-ml-readiness-common';
import {
  levelRank,
  levelTitle,
  readinessLevels,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
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

const LEVEL_TICKS = [0, 1, 2, 3];

/** A model's history as chart points: level rank and failing/unknown counts. */
export function historyPoints(entries: GradeHistoryEntry[]) {
  return entries.map(entry => ({
    time: Date.parse(entry.recordedAt),
    level: levelRank(entry.level),
    required: levelRank(entry.requiredLevel),
    failing: entry.failing,
    unknown: entry.unknown,
  }));
}

function rankTitle(rank: number): string {
  return rank === 0 ? 'None' : levelTitle(readinessLevels[rank - 1]);
}

/** A model's level (and failing/unknown counts) over time, one point per grade change. */
export function HistoryChart(props: { entries: GradeHistoryEntry[] }) {
  const theme = useTheme();
  if (props.entries.length === 0) {
    return (
      <Typography variant="body2">No grade changes recorded yet.</Typography>
    );
  }
  const data = historyPoints(props.entries);
  const formatDate = (time: number) =>
    new Date(time).toISOString().slice(0, 10);
  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart data={data} margin={{ top: 8, right: 24, left: 8, bottom: 8 }}>
        <CartesianGrid stroke={theme.palette.divider} strokeDasharray="3 3" />
        <XAxis
          dataKey="time"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          tickFormatter={formatDate}
          stroke={theme.palette.text.secondary}
        />
        <YAxis
          yAxisId="level"
          ticks={LEVEL_TICKS}
          domain={[0, 3]}
          tickFormatter={rankTitle}
          stroke={theme.palette.text.secondary}
        />
        <YAxis
          yAxisId="count"
          orientation="right"
          allowDecimals={false}
          stroke={theme.palette.text.secondary}
        />
        <Tooltip
          labelFormatter={label => formatDate(Number(label))}
          formatter={(value, name) =>
            name === 'Level' || name === 'Required'
              ? rankTitle(Number(value))
              : value
          }
          contentStyle={{
            background: theme.palette.background.paper,
            borderColor: theme.palette.divider,
          }}
        />
        <Legend />
        <Line
          yAxisId="level"
          type="stepAfter"
          dataKey="level"
          name="Level"
          stroke={theme.palette.primary.main}
          strokeWidth={2}
          dot={false}
        />
        <Line
          yAxisId="level"
          type="stepAfter"
          dataKey="required"
          name="Required"
          stroke={theme.palette.text.secondary}
          strokeDasharray="6 4"
          dot={false}
        />
        <Line
          yAxisId="count"
          type="stepAfter"
          dataKey="failing"
          name="Failing"
          stroke={theme.palette.error.main}
          dot={false}
        />
        <Line
          yAxisId="count"
          type="stepAfter"
          dataKey="unknown"
          name="Unknown"
          stroke={theme.palette.warning.main}
          dot={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
