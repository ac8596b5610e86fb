/**
 * Formats an ISO 8601 timestamp as `YYYY-MM-DD HH:mm UTC`, the same for every
 * viewer; unparseable values are returned unchanged.
 */
export function formatTimestamp(value: string | undefined): string {
  if (!value) {
    return '';
  }
  const millis = Date.parse(value);
  if (Number.isNaN(millis)) {
    return value;
  }
  const iso = new Date(millis).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
