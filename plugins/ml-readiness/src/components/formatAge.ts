/**
 * How long ago an ISO 8601 time was, in the largest whole unit:
 * `just now`, `12 min ago`, `5 h ago`, `3 d ago`. Unparseable input is
 * returned unchanged so it is never hidden.
 */
export function formatAge(iso: string, now: number = Date.now()): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) {
    return iso;
  }
  const minutes = Math.floor((now - time) / 60_000);
  if (minutes < 1) {
    return 'just now';
  }
  if (minutes < 60) {
    return `${minutes} min ago`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return `${hours} h ago`;
  }
  return `${Math.floor(hours / 24)} d ago`;
}

/** The oldest of a check's fact times (ISO 8601), or undefined when it read none. */
export function oldestFactTime(
  factTimes: Record<string, string>,
): string | undefined {
  let oldest: string | undefined;
  let oldestMs = Infinity;
  for (const value of Object.values(factTimes)) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms) && ms < oldestMs) {
      oldest = value;
      oldestMs = ms;
    }
  }
  return oldest;
}
