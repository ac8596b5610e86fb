import { ReactNode } from 'react';
import { Link } from '@backstage/core-components';
import { safeHttpUrl } from './safeHttpUrl';

/** Props of {@link ExternalLink}. */
export interface ExternalLinkProps {
  /** The target; rendered as a link only when it is an http(s) URL. */
  href: string | undefined;
  children?: ReactNode;
}

/**
 * A link to an external http(s) page. Any other value renders as plain text
 * (React escapes it), never as a link.
 */
export function ExternalLink(props: ExternalLinkProps) {
  const url = safeHttpUrl(props.href);
  const label = props.children ?? props.href;
  if (!url) {
    return <span>{label}</span>;
  }
  return (
    <Link to={url} target="_blank" rel="noopener noreferrer">
      {label}
    </Link>
  );
}
