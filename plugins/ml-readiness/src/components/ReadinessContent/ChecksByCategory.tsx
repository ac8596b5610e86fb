import {
  checkCategories,
  checkCategoryTitles,
  levelTitle,
  type CheckCategory,
  type ScorecardCheck,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { CheckStateChip } from '../CheckStateChip';
import { formatAge, oldestFactTime } from '../formatAge';
import { Remediation } from '../RemediationLink';

/** Checks grouped by category, categories in checklist order, empty ones left out. */
export function groupByCategory(
  checks: ScorecardCheck[],
): Array<{ category: CheckCategory; checks: ScorecardCheck[] }> {
  return checkCategories
    .map(category => ({
      category,
      checks: checks.filter(check => check.category === category),
    }))
    .filter(group => group.checks.length > 0);
}

function FactAge(props: { factTimes: Record<string, string> }) {
  const oldest = oldestFactTime(props.factTimes);
  if (!oldest) {
    return <>no facts</>;
  }
  const detail = Object.entries(props.factTimes)
    .map(([factSet, time]) => `${factSet}: ${time}`)
    .join('\n');
  return (
    <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{detail}</span>}>
      <span>{formatAge(oldest)}</span>
    </Tooltip>
  );
}

/** Props of {@link ChecksByCategory}. */
export interface ChecksByCategoryProps {
  checks: ScorecardCheck[];
  /** When set, failing and unknown checks get an "Exempt…" button. */
  onExempt?: (check: ScorecardCheck) => void;
}

/**
 * Every check of a scorecard in one table per checklist category: state,
 * level, the evidence (why it is in that state), the age of the facts it
 * read, and the remediation.
 */
export function ChecksByCategory(props: ChecksByCategoryProps) {
  return (
    <>
      {groupByCategory(props.checks).map(group => (
        <Paper
          key={group.category}
          variant="outlined"
          sx={{ mb: 2 }}
          component="section"
          aria-label={checkCategoryTitles[group.category]}
          data-testid="check-category"
        >
          <Typography variant="h6" sx={{ px: 2, pt: 1.5 }}>
            {checkCategoryTitles[group.category]}
          </Typography>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Check</TableCell>
                <TableCell>Level</TableCell>
                <TableCell>State</TableCell>
                <TableCell>Evidence</TableCell>
                <TableCell>Facts</TableCell>
                <TableCell>Remediation</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {group.checks.map(check => (
                <TableRow key={check.id} data-testid="check-row">
                  <TableCell>
                    <Typography variant="body2" fontWeight={600}>
                      {check.title}
                    </Typography>
                    <Typography variant="caption" color="text.secondary">
                      {check.id}
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {levelTitle(check.level)}
                  </TableCell>
                  <TableCell>
                    <CheckStateChip state={check.state} />
                  </TableCell>
                  <TableCell>{check.reason}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <FactAge factTimes={check.factTimes} />
                  </TableCell>
                  <TableCell>
                    {check.state === 'pass' ||
                    check.state === 'not-applicable' ? (
                      '—'
                    ) : (
                      <Remediation check={check} />
                    )}
                    {props.onExempt &&
                      (check.state === 'fail' || check.state === 'unknown') && (
                        <Button
                          size="small"
                          onClick={() => props.onExempt!(check)}
                          aria-label={`Grant an exemption from ${check.title}`}
                        >
                          Exempt…
                        </Button>
                      )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      ))}
    </>
  );
}
