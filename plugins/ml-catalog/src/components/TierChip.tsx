import Chip from '@mui/material/Chip';
import type { ModelTier } from '@ml-golden-paths/plugin-ml-catalog-common';

/** What each risk tier means, as shown next to the number. */
export const TIER_LABELS: Record<ModelTier, string> = {
  1: 'critical',
  2: 'important',
  3: 'low risk',
};

const TIER_COLORS = {
  1: 'error',
  2: 'warning',
  3: 'default',
} as const;

/** A model's risk tier as a coloured chip, e.g. "Tier 1 · critical". */
export function TierChip(props: { tier: ModelTier }) {
  return (
    <Chip
      size="small"
      color={TIER_COLORS[props.tier]}
      label={`Tier ${props.tier} · ${TIER_LABELS[props.tier]}`}
    />
  );
}
