import {
  readinessLevels,
  levelTitle,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import type { TeamRollup } from '../../teams/teamRollup';
import { useLevelColor } from '../LevelChip';

function LevelBar(props: { rollup: TeamRollup }) {
  const theme = useTheme();
  const colors = {
    none: useLevelColor('none'),
    bronze: useLevelColor('bronze'),
    silver: useLevelColor('silver'),
    gold: useLevelColor('gold'),
  };
  const { levels, models } = props.rollup;
  const parts = (['none', ...readinessLevels] as const).filter(
    l => levels[l] > 0,
  );
  return (
    <Tooltip
      title={parts.map(l => `${levelTitle(l)}: ${levels[l]}`).join(' · ')}
    >
      <Box
        display="flex"
        height={12}
        width={160}
        borderRadius={1}
        overflow="hidden"
        bgcolor={theme.palette.action.hover}
      >
        {parts.map(level => (
          <Box
            key={level}
            width={`${(100 * levels[level]) / models}%`}
            bgcolor={colors[level]}
          />
        ))}
      </Box>
    </Tooltip>
  );
}

/** Readiness rolled up the team tree; choosing a team filters the page to it. */
export function TeamRollupTable(props: {
  rollups: TeamRollup[];
  onSelect(ref: string): void;
}) {
  if (props.rollups.length === 0) {
    return <Typography variant="body2">No teams own graded models.</Typography>;
  }
  return (
    <Table size="small" aria-label="Readiness by team">
      <TableHead>
        <TableRow>
          <TableCell>Team (with child teams)</TableCell>
          <TableCell align="right">Models</TableCell>
          <TableCell align="right">At required level</TableCell>
          <TableCell>Levels</TableCell>
          <TableCell align="right">Failing checks</TableCell>
          <TableCell align="right">Unknown checks</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rollups.map(rollup => (
          <TableRow key={rollup.ref} data-testid="team-row">
            <TableCell sx={{ pl: 2 + 3 * rollup.depth }}>
              <Link
                component="button"
                onClick={() => props.onSelect(rollup.ref)}
                aria-label={`Filter by ${rollup.title}`}
              >
                {rollup.title}
              </Link>
            </TableCell>
            <TableCell align="right">{rollup.models}</TableCell>
            <TableCell align="right">
              {Math.round((100 * rollup.meetingRequired) / rollup.models)}% (
              {rollup.meetingRequired})
            </TableCell>
            <TableCell>
              <LevelBar rollup={rollup} />
            </TableCell>
            <TableCell align="right">{rollup.failingChecks}</TableCell>
            <TableCell align="right">{rollup.unknownChecks}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
