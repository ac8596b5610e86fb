import { DELIVERY_KPI_NAMES } from '@ml-golden-paths/plugin-ml-kpi-common';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { TeamKpis } from '../../api/types';
import { kpiTitle } from '../../kpiFormat';
import { KpiValueCell } from '../KpiCard/KpiCard';

const COLUMNS = DELIVERY_KPI_NAMES;

/** The delivery KPIs per team, child teams indented under their parent. */
export function TeamKpiTable(props: { teams: TeamKpis[] }) {
  return (
    <Table size="small" aria-label="DORA keys by team">
      <TableHead>
        <TableRow>
          <TableCell>Team</TableCell>
          <TableCell align="right">Models</TableCell>
          {COLUMNS.map(key => (
            <TableCell key={key}>{kpiTitle(key)}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {props.teams.map(team => (
          <TableRow key={team.ownerRef} data-testid="team-row">
            <TableCell sx={{ pl: 2 + team.depth * 2 }}>{team.title}</TableCell>
            <TableCell align="right">{team.models}</TableCell>
            {COLUMNS.map(key => (
              <TableCell key={key}>
                {team.kpis[key] ? <KpiValueCell value={team.kpis[key]} /> : '—'}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
