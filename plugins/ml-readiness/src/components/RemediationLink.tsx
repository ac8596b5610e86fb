import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import type { ScorecardCheck } from '@ml-golden-paths/plugin-ml-readiness-common';
import { safeLink } from './safeLink';

/** A check's remediation text with a link to the golden-path part that fixes it. */
export function Remediation(props: { check: ScorecardCheck }) {
  const { check } = props;
  const href = safeLink(check.goldenPathLink);
  const external = href !== undefined && !href.startsWith('/');
  return (
    <Typography variant="body2" color="text.secondary" component="div">
      {check.remediation}{' '}
      {href && (
        <Link
          href={href}
          aria-label={`How to fix: ${check.title}`}
          {...(external
            ? { target: '_blank', rel: 'noopener noreferrer' }
            : {})}
        >
          How to fix
        </Link>
      )}
    </Typography>
  );
}
