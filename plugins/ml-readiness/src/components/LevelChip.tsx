import {
  AchievedLevel,
  levelTitle,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import Chip from '@mui/material/Chip';
import { alpha, useTheme } from '@mui/material/styles';

/** Theme-derived colour of a level (gold, silver, bronze, none). */
export function useLevelColor(level: AchievedLevel): string {
  const theme = useTheme();
  switch (level) {
    case 'gold':
      return theme.palette.warning.main;
    case 'silver':
      return theme.palette.grey[500];
    case 'bronze':
      return theme.palette.mode === 'dark' ? '#c98b5a' : '#a0642f';
    default:
      return theme.palette.error.main;
  }
}

/** A readiness level as a small chip, e.g. `Gold`, with an optional prefix. */
export function LevelChip(props: { level: AchievedLevel; label?: string }) {
  const color = useLevelColor(props.level);
  const text = levelTitle(props.level);
  return (
    <Chip
      size="small"
      variant="outlined"
      label={props.label ? `${props.label}: ${text}` : text}
      sx={{
        borderColor: color,
        backgroundColor: alpha(color, 0.12),
        fontWeight: 600,
      }}
    />
  );
}
