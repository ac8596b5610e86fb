import { InfoCard, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { KpiValue } from '@ml-golden-paths/plugin-ml-kpi-common';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { mlKpiApiRef } from '../../api/MlKpiApi';
import type { KpiTarget, ModelKpis } from '../../api/types';
import {
  formatTarget,
  formatValue,
  KPI_TITLES,
  meetsTarget,
} from '../../kpiFormat';
import { BandChip, NotEnoughDataChip } from '../BandChip';
import { KpiError, statusOf } from '../KpiError';
import { Sparkline } from '../Sparkline';

const TREND_DAYS = 90;

/** The value cell: value with unit and band, or the neutral "not enough data". */
export function KpiValueCell(props: { value: KpiValue }) {
  const { value } = props;
  if (value.state !== 'value') {
    return <NotEnoughDataChip reason={value.reason} />;
  }
  return (
    <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap">
      <Typography variant="body2" fontWeight={600}>
        {formatValue(value.value, value.unit)}
      </Typography>
      {value.band && <BandChip band={value.band} />}
    </Stack>
  );
}

function TargetCell(props: { value: KpiValue; target?: KpiTarget }) {
  const { value, target } = props;
  if (!target) {
    return (
      <Typography variant="body2" color="text.secondary">
        —
      </Typography>
    );
  }
  const text = formatTarget(target, value.unit);
  if (value.state !== 'value') {
    return <Typography variant="body2">{text}</Typography>;
  }
  const meets = meetsTarget(value.value, target);
  return (
    <Typography variant="body2">
      {text}{' '}
      <Typography
        component="span"
        variant="caption"
        fontWeight={600}
        color={meets ? 'success.main' : 'error.main'}
      >
        {meets ? 'met' : 'missed'}
      </Typography>
    </Typography>
  );
}

/** The card body for loaded KPIs. */
export function KpiSummary(props: { data: ModelKpis }) {
  const { data } = props;
  if (!data.kpis) {
    return (
      <Typography variant="body2">
        No KPIs yet: no deployment, workflow run or incident of this model's
        repository has been received. They appear with the first webhook
        delivery (or backfill).
      </Typography>
    );
  }
  const kpis = data.kpis;
  const rows = KPI_TITLES.filter(([key]) => kpis[key]);
  return (
    <>
      <Table size="small" aria-label="Model KPIs">
        <TableHead>
          <TableRow>
            <TableCell>KPI</TableCell>
            <TableCell>Value</TableCell>
            <TableCell>
              {data.tier ? `Target (tier ${data.tier})` : 'Target'}
            </TableCell>
            <TableCell>Trend ({TREND_DAYS} d)</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(([key, title]) => (
            <TableRow key={key} data-testid={`kpi-${key}`}>
              <TableCell>{title}</TableCell>
              <TableCell>
                <KpiValueCell value={kpis[key]} />
              </TableCell>
              <TableCell>
                <TargetCell value={kpis[key]} target={data.targets[key]} />
              </TableCell>
              <TableCell>
                <Sparkline
                  label={title}
                  points={data.daily.map(d => {
                    const v = d.kpis[key];
                    return {
                      day: d.day,
                      value: v?.state === 'value' ? v.value : null,
                    };
                  })}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography
        variant="caption"
        color="text.secondary"
        component="p"
        sx={{ mt: 1 }}
      >
        {data.windowDays
          ? `Trailing ${data.windowDays}-day window`
          : 'Trailing window'}
        {data.computedAt
          ? `, computed ${new Date(data.computedAt).toLocaleString()}`
          : ''}
        . Bands: DORA 2024. Not enough data is its own state, never a bad grade.
      </Typography>
    </>
  );
}

/**
 * KPIs of the model on the current entity page: each KPI's value with its
 * unit, the target of the model's tier, its DORA 2024 band where one exists,
 * a trend of the daily values, and "not enough data" as a neutral state.
 */
export function KpiCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(mlKpiApiRef);
  const state = useAsync(
    () => api.getModelKpis(entityRef, { days: TREND_DAYS }),
    [api, entityRef],
  );
  let body;
  if (state.loading) {
    body = <Progress />;
  } else if (statusOf(state.error) === 404) {
    body = (
      <Typography variant="body2">
        No KPIs: the KPI backend cannot find this model. It may not be in the
        catalog yet, or you may not be allowed to see it.
      </Typography>
    );
  } else if (state.error) {
    body = <KpiError error={state.error} what="this model's KPIs" />;
  } else if (state.value) {
    body = <KpiSummary data={state.value} />;
  }
  return <InfoCard title="Delivery KPIs">{body}</InfoCard>;
}
