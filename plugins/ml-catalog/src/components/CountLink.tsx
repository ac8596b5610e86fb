import { Link } from '@backstage/core-components';

/**
 * A count that links to the matching models; zero and unlinkable counts are
 * plain text.
 */
export function CountLink(props: {
  count: number;
  href: string | undefined;
  label: string;
}) {
  if (props.count === 0 || !props.href) {
    return <span aria-label={props.label}>{props.count}</span>;
  }
  return (
    <Link to={props.href} aria-label={props.label}>
      {props.count}
    </Link>
  );
}
