/**
 * Returns the URL when it is an absolute `http:` or `https:` URL, otherwise
 * `undefined`. Every link built from catalog data goes through this, so a
 * `javascript:` or `data:` value can never become a clickable link.
 */
export function safeHttpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) {
    return undefined;
  }
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:'
      ? url.toString()
      : undefined;
  } catch {
    return undefined;
  }
}
