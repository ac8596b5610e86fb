import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { TrendPoint } from '../../history/buildTrend';
import { useLevelColor } from '../LevelChip';

/** Models per level per day, stacked, with how many met their required level. */
export function TrendChart(props: { points: TrendPoint[] }) {
  const theme = useTheme();
  const colors = {
    none: useLevelColor('none'),
    bronze: useLevelColor('bronze'),
    silver: useLevelColor('silver'),
    gold: useLevelColor('gold'),
  };
  if (!props.points.some(point => point.models > 0)) {
    return (
      <Typography variant="body2">
        No grade history for these models in this window yet.
      </Typography>
    );
  }
  const series = [
    ['none', 'None'],
    ['bronze', 'Bronze'],
    ['silver', 'Silver'],
    ['gold', 'Gold'],
  ] as const;
  return (
    <ResponsiveContainer width="100%" height={280}>
      <AreaChart
        data={props.points}
        margin={{ top: 8, right: 24, left: 0, bottom: 8 }}
      >
        <CartesianGrid stroke={theme.palette.divider} strokeDasharray="3 3" />
        <XAxis dataKey="day" stroke={theme.palette.text.secondary} />
        <YAxis allowDecimals={false} stroke={theme.palette.text.secondary} />
        <Tooltip
          contentStyle={{
            background: theme.palette.background.paper,
            borderColor: theme.palette.divider,
          }}
        />
        <Legend />
        {series.map(([key, name]) => (
          <Area
            key={key}
            type="stepAfter"
            dataKey={key}
            name={name}
            stackId="levels"
            stroke={colors[key]}
            fill={colors[key]}
            fillOpacity={0.5}
          />
        ))}
        <Area
          type="stepAfter"
          dataKey="meetingRequired"
          name="At required level"
          stroke={theme.palette.primary.main}
          fill="none"
          strokeWidth={2}
        />
      </AreaChart>
    </ResponsiveContainer>
  );
}
