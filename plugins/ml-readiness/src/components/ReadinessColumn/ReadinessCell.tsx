import { useApi } from '@backstage/frontend-plugin-api';
import { levelTitle } from '@ml-golden-paths/plugin-ml-readiness-common';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { mlReadinessApiRef } from '../../api/MlReadinessApi';
import { LevelChip } from '../LevelChip';
import { isNotFound } from '../ReadinessError';

/**
 * One model's readiness in a table cell: its level, and the required level
 * when it falls short. "Not graded" before the first grade; "—" with the
 * reason on hover when the grade cannot be read (e.g. not allowed).
 */
export function ReadinessCell(props: { entityRef: string }) {
  const api = useApi(mlReadinessApiRef);
  const { loading, error, value } = useAsync(
    () => api.getScorecard(props.entityRef),
    [api, props.entityRef],
  );
  if (loading) {
    return <Typography variant="body2">…</Typography>;
  }
  if (isNotFound(error)) {
    return (
      <Typography variant="body2" color="text.secondary">
        Not graded
      </Typography>
    );
  }
  if (error || !value) {
    return (
      <Tooltip title={error?.message ?? 'No readiness grade'}>
        <span>—</span>
      </Tooltip>
    );
  }
  return (
    <Stack
      direction="row"
      spacing={0.5}
      alignItems="center"
      data-testid="readiness-cell"
    >
      <LevelChip level={value.level} />
      {!value.meetsRequiredLevel && (
        <Typography variant="caption" color="error">
          needs {levelTitle(value.requiredLevel)}
        </Typography>
      )}
    </Stack>
  );
}
