import { useMemo } from 'react';
import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { useApi, useAppSearchParams } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { mlKpiApiRef } from '../../api/MlKpiApi';
import type { TeamPlace } from '../../api/types';
import { KpiError } from '../KpiError';
import { PlatformRollups } from './PlatformRollups';
import { TeamKpiTable } from './TeamKpiTable';
import { TeamTrendCharts } from './TeamTrendCharts';

const TREND_MONTHS = 6;
const OWNER_REF = /^[a-z]+:[a-zA-Z0-9._-]+\/[a-zA-Z0-9._-]+$/;

/** A titled dashboard section, a landmark named by its title. */
function Section(props: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={props.title}>
      <InfoCard title={props.title}>{props.children}</InfoCard>
    </section>
  );
}

/** Reads the team filter from the URL; a malformed one is ignored and said. */
export function parseOwner(params: URLSearchParams): {
  owner?: string;
  issue?: string;
} {
  const owner = params.get('owner') ?? undefined;
  if (owner === undefined || owner === '') return {};
  return OWNER_REF.test(owner)
    ? { owner }
    : {
        issue: `team '${owner}' is not an entity ref like group:default/risk-ml`,
      };
}

/**
 * The KPI dashboard: the platform roll-ups from readiness facts as tiles with
 * their targets and the teams as bars, the DORA keys by team (through nested
 * groups) as a table, and their monthly trends as line charts. The team
 * filter lives in the URL (`?owner=group:default/x`).
 */
export function KpiDashboardPage() {
  const api = useApi(mlKpiApiRef);
  const [params, setParams] = useAppSearchParams();
  const search = params.toString();
  const { owner, issue } = useMemo(
    () => parseOwner(new URLSearchParams(search)),
    [search],
  );

  // Teams to choose from: those with graded models (the backend lists them
  // in tree order), then any other team with delivery KPIs; a failing source
  // leaves the other's teams.
  const options = useAsync(async () => {
    const [graded, withKpis] = await Promise.allSettled([
      api.getPlatform(),
      api.getTeams(),
    ]);
    const teams = new Map<string, TeamPlace>();
    for (const team of graded.status === 'fulfilled'
      ? graded.value.teams
      : []) {
      teams.set(team.ownerRef, team);
    }
    for (const team of withKpis.status === 'fulfilled' ? withKpis.value : []) {
      if (!teams.has(team.ownerRef)) teams.set(team.ownerRef, team);
    }
    return [...teams.values()];
  }, [api]);
  const platform = useAsync(() => api.getPlatform(owner), [api, owner]);
  const teams = useAsync(() => api.getTeams(owner), [api, owner]);
  const trends = useAsync(
    () => api.getTeamTrends(owner, TREND_MONTHS),
    [api, owner],
  );

  const setOwner = (next: string) =>
    setParams(previous => {
      const updated = new URLSearchParams(previous);
      if (next) updated.set('owner', next);
      else updated.delete('owner');
      return updated;
    });

  const teamOptions = options.value ?? [];
  const known = !owner || teamOptions.some(t => t.ownerRef === owner);

  return (
    <Stack spacing={2} sx={{ p: 3 }}>
      <Typography variant="body1" color="text.secondary">
        Whether the platform is working and models are run right: adoption and
        coverage derived from readiness facts, and the DORA keys of every team
        (its models and those of the teams below it), over the models you may
        see.
      </Typography>
      <FormControl size="small" sx={{ minWidth: 260, alignSelf: 'flex-start' }}>
        <InputLabel id="kpi-team-label">Team</InputLabel>
        <Select
          labelId="kpi-team-label"
          label="Team"
          value={known ? (owner ?? '') : ''}
          onChange={event => setOwner(String(event.target.value))}
        >
          <MenuItem value="">All teams</MenuItem>
          {teamOptions.map(team => (
            <MenuItem key={team.ownerRef} value={team.ownerRef}>
              <span style={{ paddingLeft: team.depth * 16 }}>{team.title}</span>
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {issue && (
        <Alert severity="warning">Ignored filter from the link: {issue}.</Alert>
      )}

      <Section title="Platform roll-ups">
        {platform.loading && <Progress />}
        {platform.error && (
          <KpiError error={platform.error} what="the platform roll-ups" />
        )}
        {platform.value &&
          (platform.value.models === 0 ? (
            <EmptyState
              missing="data"
              title="No graded models"
              description="Roll-ups appear once the readiness backend has graded models you may see."
            />
          ) : (
            <>
              <Typography
                variant="caption"
                color="text.secondary"
                component="p"
                sx={{ mb: 1 }}
              >
                Over {platform.value.models} graded model(s). Hover a title for
                its definition.
              </Typography>
              <PlatformRollups platform={platform.value} />
            </>
          ))}
      </Section>

      <Section title="DORA keys by team">
        {teams.loading && <Progress />}
        {teams.error && (
          <KpiError error={teams.error} what="the KPIs by team" />
        )}
        {teams.value &&
          (teams.value.length === 0 ? (
            <EmptyState
              missing="data"
              title="No delivery KPIs yet"
              description="KPIs appear once GitHub deliveries (deployments, workflow runs, incidents) of a model's repository have been received."
            />
          ) : (
            <TeamKpiTable teams={teams.value} />
          ))}
      </Section>

      <Section title={`Monthly trends (last ${TREND_MONTHS} months)`}>
        {trends.loading && <Progress />}
        {trends.error && (
          <KpiError error={trends.error} what="the monthly trends" />
        )}
        {trends.value &&
          (trends.value.items.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              No daily KPI rows in these months yet.
            </Typography>
          ) : (
            <TeamTrendCharts trends={trends.value} />
          ))}
      </Section>
    </Stack>
  );
}
