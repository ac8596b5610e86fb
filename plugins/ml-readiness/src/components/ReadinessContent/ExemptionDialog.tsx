import { useEffect, useState } from 'react';
import { coreApis, useApi } from '@backstage/frontend-plugin-api';
import {
  MAX_EXEMPTION_DAYS,
  type Exemption,
  type ScorecardCheck,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { mlReadinessApiRef } from '../../api/MlReadinessApi';
import {
  ExemptionFormValues,
  dateInDays,
  toExemptionRequest,
} from './exemptionForm';

/** Props of {@link ExemptionDialog}. */
export interface ExemptionDialogProps {
  entityRef: string;
  /** The check to exempt; the dialog is open while set. */
  check?: ScorecardCheck;
  onClose(): void;
  onCreated(exemption: Exemption): void;
}

const EMPTY: ExemptionFormValues = {
  reason: '',
  compensatingControl: '',
  approver: '',
  expiresOn: '',
};

/**
 * Grants a time-boxed exemption from one check: reason, compensating
 * control, approver and expiry (at most 90 days). Shown only to users with
 * `ml-readiness.exemption.create`; the backend enforces it again.
 */
export function ExemptionDialog(props: ExemptionDialogProps) {
  const api = useApi(mlReadinessApiRef);
  const identityApi = useApi(coreApis.identity);
  const [values, setValues] = useState<ExemptionFormValues>(EMPTY);
  const [fieldError, setFieldError] = useState<{
    field: keyof ExemptionFormValues;
    message: string;
  }>();
  const [submitError, setSubmitError] = useState<Error>();
  const [submitting, setSubmitting] = useState(false);
  const checkId = props.check?.id;

  useEffect(() => {
    if (!checkId) {
      return undefined;
    }
    setValues({ ...EMPTY, expiresOn: dateInDays(30) });
    setFieldError(undefined);
    setSubmitError(undefined);
    let cancelled = false;
    identityApi.getBackstageIdentity().then(
      identity => {
        if (!cancelled) {
          setValues(v =>
            v.approver ? v : { ...v, approver: identity.userEntityRef },
          );
        }
      },
      // Without an identity the approver stays empty and must be typed in.
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [checkId, identityApi]);

  const field = (name: keyof ExemptionFormValues) => ({
    value: values[name],
    onChange: (event: { target: { value: string } }) =>
      setValues(v => ({ ...v, [name]: event.target.value })),
    error: fieldError?.field === name,
    helperText: fieldError?.field === name ? fieldError.message : undefined,
  });

  const submit = async () => {
    if (!props.check) {
      return;
    }
    const result = toExemptionRequest(props.entityRef, props.check.id, values);
    if (!result.success) {
      setFieldError({ field: result.field, message: result.message });
      return;
    }
    setFieldError(undefined);
    setSubmitError(undefined);
    setSubmitting(true);
    try {
      const exemption = await api.createExemption(result.request);
      props.onCreated(exemption);
    } catch (error) {
      setSubmitError(error as Error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open={Boolean(props.check)}
      onClose={props.onClose}
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle>Grant an exemption</DialogTitle>
      <DialogContent>
        {props.check && (
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Typography variant="body2">
              Exempt <strong>{props.check.title}</strong> ({props.check.id}) for{' '}
              {props.entityRef}. The check counts as met until the exemption
              expires or is revoked; every change is audited.
            </Typography>
            <TextField
              label="Reason"
              multiline
              minRows={2}
              required
              {...field('reason')}
            />
            <TextField
              label="Compensating control"
              required
              {...field('compensatingControl')}
            />
            <TextField label="Approver" required {...field('approver')} />
            <TextField
              label="Expires on"
              type="date"
              required
              InputLabelProps={{ shrink: true }}
              inputProps={{
                min: dateInDays(1),
                max: dateInDays(MAX_EXEMPTION_DAYS),
              }}
              {...field('expiresOn')}
            />
            {submitError && (
              <Alert severity="error">
                Could not grant the exemption: {submitError.message}
              </Alert>
            )}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button variant="contained" onClick={submit} disabled={submitting}>
          Grant exemption
        </Button>
      </DialogActions>
    </Dialog>
  );
}
