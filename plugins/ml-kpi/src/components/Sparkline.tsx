import Box from '@mui/material/Box';
import { useTheme } from '@mui/material/styles';
import { Line, LineChart } from 'recharts';

/**
 * A small trend line without axes. Days without a value (not enough data)
 * leave a gap. Fewer than two values draw nothing.
 */
export function Sparkline(props: {
  label: string;
  points: Array<{ day: string; value: number | null }>;
}) {
  const theme = useTheme();
  const values = props.points.filter(p => p.value !== null).length;
  if (values < 2) {
    return null;
  }
  return (
    <Box
      role="img"
      aria-label={`${props.label}: trend of ${values} daily values`}
      sx={{ lineHeight: 0 }}
    >
      <LineChart
        width={120}
        height={32}
        data={props.points}
        margin={{ top: 4, right: 2, bottom: 4, left: 2 }}
      >
        <Line
          type="monotone"
          dataKey="value"
          stroke={theme.palette.primary.main}
          strokeWidth={1.5}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </Box>
  );
}
