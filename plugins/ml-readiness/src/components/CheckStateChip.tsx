import type { CheckState } from '@ml-golden-paths/plugin-ml-readiness-common';
import Chip, { ChipProps } from '@mui/material/Chip';

/** Display names of the check states. */
export const checkStateTitles: Record<CheckState, string> = {
  pass: 'Pass',
  fail: 'Fail',
  unknown: 'Unknown',
  exempt: 'Exempt',
  'not-applicable': 'Not applicable',
};

const colors: Record<CheckState, ChipProps['color']> = {
  pass: 'success',
  fail: 'error',
  unknown: 'warning',
  exempt: 'info',
  'not-applicable': 'default',
};

/** A check state as a coloured chip. */
export function CheckStateChip(props: { state: CheckState }) {
  return (
    <Chip
      size="small"
      color={colors[props.state]}
      variant={props.state === 'not-applicable' ? 'outlined' : 'filled'}
      label={checkStateTitles[props.state]}
    />
  );
}
