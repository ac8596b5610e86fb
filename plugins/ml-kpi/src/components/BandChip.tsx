import type { PerformanceBand } from '@ml-golden-paths/plugin-ml-kpi-common';
import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import { alpha, useTheme } from '@mui/material/styles';

const TITLES: Record<PerformanceBand, string> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** A DORA 2024 performance band as a small chip, e.g. `DORA: High`. */
export function BandChip(props: { band: PerformanceBand }) {
  const theme = useTheme();
  const color = {
    elite: theme.palette.success.main,
    high: theme.palette.info.main,
    medium: theme.palette.warning.main,
    low: theme.palette.error.main,
  }[props.band];
  return (
    <Tooltip title="DORA 2024 performance band">
      <Chip
        size="small"
        variant="outlined"
        label={`DORA: ${TITLES[props.band]}`}
        sx={{
          borderColor: color,
          backgroundColor: alpha(color, 0.12),
          fontWeight: 600,
        }}
      />
    </Tooltip>
  );
}

/**
 * Too little data for a value: its own, neutral state (never a bad grade),
 * with the reason on hover.
 */
export function NotEnoughDataChip(props: { reason?: string }) {
  const chip = <Chip size="small" variant="outlined" label="Not enough data" />;
  return props.reason ? <Tooltip title={props.reason}>{chip}</Tooltip> : chip;
}
