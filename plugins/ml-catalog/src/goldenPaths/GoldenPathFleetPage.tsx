import { useMemo, useState } from 'react';
import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { behindLabel } from './GoldenPathCard';
import { goldenPathApiRef } from './GoldenPathClient';

/**
 * The golden-path fleet: every repository created from each golden path and
 * how far behind the newest release it is (furthest behind first).
 */
export function GoldenPathFleetPage() {
  const client = useApi(goldenPathApiRef);
  const { value, loading, error } = useAsync(() => client.getFleet(), [client]);
  const [template, setTemplate] = useState('');
  const templates = useMemo(
    () => [...new Set(value?.repositories.map(r => r.template))].sort(),
    [value],
  );
  const rows = (value?.repositories ?? []).filter(
    r => !template || r.template === template,
  );
  return (
    <Page themeId="tool">
      <Header
        title="Golden-path fleet"
        subtitle={value ? `Newest release ${value.latestVersion}` : undefined}
      />
      <Content>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && (
          <Stack spacing={2}>
            <Stack direction="row" spacing={2} alignItems="center">
              <TextField
                select
                size="small"
                label="Golden path"
                value={template}
                onChange={e => setTemplate(e.target.value)}
                sx={{ minWidth: 240 }}
              >
                <MenuItem value="">All golden paths</MenuItem>
                {templates.map(name => (
                  <MenuItem key={name} value={name}>
                    {name}
                  </MenuItem>
                ))}
              </TextField>
              <Typography variant="body2" color="text.secondary">
                {rows.filter(r => r.releasesBehind > 0).length} of {rows.length}{' '}
                repositories behind
              </Typography>
            </Stack>
            <TableContainer>
              <Table size="small" aria-label="golden-path fleet">
                <TableHead>
                  <TableRow>
                    <TableCell>Model</TableCell>
                    <TableCell>Owner</TableCell>
                    <TableCell>Golden path</TableCell>
                    <TableCell>Version</TableCell>
                    <TableCell>Status</TableCell>
                    <TableCell>Repository</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {rows.map(r => (
                    <TableRow key={r.entityRef}>
                      <TableCell>
                        <EntityRefLink
                          entityRef={r.entityRef}
                          title={r.title}
                        />
                      </TableCell>
                      <TableCell>
                        {r.owner ? <EntityRefLink entityRef={r.owner} /> : '—'}
                      </TableCell>
                      <TableCell>{r.template}</TableCell>
                      <TableCell>{r.version}</TableCell>
                      <TableCell>
                        <Chip
                          size="small"
                          label={behindLabel(r.releasesBehind)}
                          color={r.releasesBehind === 0 ? 'success' : 'warning'}
                        />
                      </TableCell>
                      <TableCell>{r.destination}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
            <Typography variant="subtitle2">Releases</Typography>
            <ul aria-label="releases">
              {value.releases.map(release => (
                <li key={release.version}>
                  <Typography variant="body2">
                    <strong>{release.version}</strong> ({release.date}):{' '}
                    {release.changes.map(c => c.text).join(' · ')}
                  </Typography>
                </li>
              ))}
            </ul>
          </Stack>
        )}
      </Content>
    </Page>
  );
}
