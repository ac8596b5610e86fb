import Box from '@mui/material/Box';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip as ChartTooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { PlatformKpis, PlatformRollup } from '../../api/types';
import { formatTarget, formatValue, meetsTarget } from '../../kpiFormat';
import { NotEnoughDataChip } from '../BandChip';

/** How many teams a tile's bar chart shows at most. */
const MAX_BARS = 8;

function TeamBars(props: {
  rollupId: string;
  target: number;
  teams: PlatformKpis['teams'];
}) {
  const theme = useTheme();
  const data = props.teams.slice(0, MAX_BARS).flatMap(team => {
    const rollup = team.rollups.find(r => r.id === props.rollupId);
    return rollup?.value.state === 'value'
      ? [
          {
            team: team.title,
            percent: Math.round(rollup.value.value * 1000) / 10,
          },
        ]
      : [];
  });
  if (data.length === 0) {
    return null;
  }
  return (
    <ResponsiveContainer width="100%" height={120}>
      <BarChart data={data} margin={{ top: 8, right: 8, left: -24, bottom: 0 }}>
        <CartesianGrid stroke={theme.palette.divider} strokeDasharray="3 3" />
        <XAxis dataKey="team" tick={{ fontSize: 10 }} interval={0} />
        <YAxis domain={[0, 100]} tick={{ fontSize: 10 }} unit="%" />
        <ChartTooltip
          formatter={value => [`${value} %`, 'Share']}
          contentStyle={{
            background: theme.palette.background.paper,
            borderColor: theme.palette.divider,
          }}
        />
        <ReferenceLine
          y={props.target * 100}
          stroke={theme.palette.text.secondary}
          strokeDasharray="4 2"
          label={{ value: 'target', fontSize: 10, position: 'insideTopRight' }}
        />
        <Bar dataKey="percent" fill={theme.palette.primary.main} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** One roll-up: value (or not enough data), target, counts, teams as bars. */
function RollupTile(props: {
  rollup: PlatformRollup;
  teams: PlatformKpis['teams'];
}) {
  const { rollup } = props;
  const { value, target } = rollup;
  const meets = value.state === 'value' && meetsTarget(value.value, target);
  return (
    <Paper
      variant="outlined"
      sx={{ p: 2, height: '100%' }}
      component="section"
      aria-label={rollup.title}
      data-testid={`rollup-${rollup.id}`}
    >
      <Tooltip title={rollup.definition}>
        <Typography variant="subtitle2">{rollup.title}</Typography>
      </Tooltip>
      <Stack direction="row" spacing={1} alignItems="baseline" sx={{ my: 1 }}>
        {value.state === 'value' ? (
          <Typography
            variant="h4"
            component="p"
            color={meets ? 'success.main' : 'error.main'}
          >
            {formatValue(value.value, 'ratio')}
          </Typography>
        ) : (
          <NotEnoughDataChip reason={value.reason} />
        )}
        <Typography variant="body2" color="text.secondary">
          target {formatTarget(target, 'ratio')}
        </Typography>
      </Stack>
      <Typography variant="caption" color="text.secondary" component="p">
        {rollup.meets} of {rollup.meets + rollup.misses} models
        {rollup.unknown > 0 ? ` · ${rollup.unknown} unknown` : ''}
      </Typography>
      <Box sx={{ mt: 1 }}>
        <TeamBars
          rollupId={rollup.id}
          target={target.value}
          teams={props.teams}
        />
      </Box>
    </Paper>
  );
}

/**
 * The platform roll-ups as tiles, each with its target and the teams of the
 * scope as bars against the target line.
 */
export function PlatformRollups(props: { platform: PlatformKpis }) {
  const { platform } = props;
  // The scope's top team (when filtered) is the tile value; bars show the
  // teams one level below the top of the scope.
  const barTeams = platform.teams.filter(t => t.depth === 1).length
    ? platform.teams.filter(t => t.depth === 1)
    : platform.teams.filter(t => t.depth === 0);
  return (
    <Grid container spacing={2}>
      {platform.rollups.map(rollup => (
        <Grid item xs={12} sm={6} lg={4} key={rollup.id}>
          <RollupTile rollup={rollup} teams={barTeams} />
        </Grid>
      ))}
    </Grid>
  );
}
