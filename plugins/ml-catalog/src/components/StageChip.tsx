import Chip from '@mui/material/Chip';
import type { ModelStage } from '@ml-golden-paths/plugin-ml-catalog-common';

const STAGE_COLORS = {
  production: 'success',
  staging: 'info',
  development: 'default',
  archived: 'default',
} as const;

/** A model version's lifecycle stage as a chip. */
export function StageChip(props: { stage: ModelStage }) {
  return (
    <Chip
      size="small"
      variant={props.stage === 'archived' ? 'outlined' : 'filled'}
      color={STAGE_COLORS[props.stage]}
      label={props.stage}
    />
  );
}
