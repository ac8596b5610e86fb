import { useState } from 'react';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  readinessExemptionRevokePermission,
  type Exemption,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlReadinessApiRef } from '../../api/MlReadinessApi';
import { ReadinessError } from '../ReadinessError';

function RevokeDialog(props: {
  exemption?: Exemption;
  onClose(): void;
  onRevoked(): void;
}) {
  const api = useApi(mlReadinessApiRef);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const submit = async () => {
    if (!props.exemption) {
      return;
    }
    if (reason.trim().length < 5) {
      setError('Reason must say why, in at least 5 characters');
      return;
    }
    try {
      await api.revokeExemption(props.exemption.id, reason.trim());
      setReason('');
      setError(undefined);
      props.onRevoked();
    } catch (e) {
      setError(`Could not revoke: ${(e as Error).message}`);
    }
  };
  return (
    <Dialog open={Boolean(props.exemption)} onClose={props.onClose} fullWidth>
      <DialogTitle>Revoke exemption</DialogTitle>
      <DialogContent>
        <TextField
          label="Reason"
          fullWidth
          sx={{ mt: 1 }}
          value={reason}
          onChange={event => setReason(event.target.value)}
          error={Boolean(error)}
          helperText={error}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button color="error" variant="contained" onClick={submit}>
          Revoke
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** A model's exemptions (active, expired, revoked) with revoke for permitted users. */
export function ExemptionsList(props: {
  entityRef: string;
  /** Changes when the scorecard changes, to reload the list. */
  version: string;
  onChange(): void;
}) {
  const api = useApi(mlReadinessApiRef);
  const canRevoke = usePermission({
    permission: readinessExemptionRevokePermission,
  });
  const [revoking, setRevoking] = useState<Exemption>();
  const list = useAsyncRetry(
    () => api.listExemptions({ entityRef: props.entityRef }),
    [api, props.entityRef, props.version],
  );
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="h6" gutterBottom>
        Exemptions
      </Typography>
      {list.loading && <Progress />}
      {list.error && (
        <ReadinessError error={list.error} what="the exemptions" />
      )}
      {list.value?.length === 0 && (
        <Typography variant="body2">No exemptions for this model.</Typography>
      )}
      {list.value && list.value.length > 0 && (
        <Table size="small" aria-label="Exemptions">
          <TableHead>
            <TableRow>
              <TableCell>Check</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Reason</TableCell>
              <TableCell>Compensating control</TableCell>
              <TableCell>Approver</TableCell>
              <TableCell>Expires</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {list.value.map(exemption => (
              <TableRow key={exemption.id}>
                <TableCell>{exemption.checkId}</TableCell>
                <TableCell>{exemption.status}</TableCell>
                <TableCell>{exemption.reason}</TableCell>
                <TableCell>{exemption.compensatingControl}</TableCell>
                <TableCell>{exemption.approver}</TableCell>
                <TableCell>{exemption.expiresAt.slice(0, 10)}</TableCell>
                <TableCell>
                  {canRevoke.allowed && exemption.status === 'active' && (
                    <Button size="small" onClick={() => setRevoking(exemption)}>
                      Revoke
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {list.value &&
        list.value.some(e => e.status === 'active') &&
        !canRevoke.allowed && (
          <Alert severity="info" sx={{ mt: 1 }}>
            Only users allowed to revoke exemptions can end one early.
          </Alert>
        )}
      <RevokeDialog
        exemption={revoking}
        onClose={() => setRevoking(undefined)}
        onRevoked={() => {
          setRevoking(undefined);
          list.retry();
          props.onChange();
        }}
      />
    </Paper>
  );
}
