/**
 * A remediation link safe to render: an http(s) URL or a portal path
 * starting with a single `/`. Anything else (javascript:, data:, //host)
 * yields undefined.
 */
export function safeLink(link: string | undefined): string | undefined {
  if (!link) {
    return undefined;
  }
  if (link.startsWith('/') && !link.startsWith('//')) {
    return link;
  }
  try {
    const url = new URL(link);
    return url.protocol === 'https:' || url.protocol === 'http:'
      ? url.toString()
      : undefined;
  } catch {
    return undefined;
  }
}
