/**
 * The interpolated median of the values: the 50th percentile with linear
 * interpolation between order statistics at rank (n − 1) / 2. For an odd
 * count that is the middle value; for an even count the mean of the two
 * middle values. Undefined for no values.
 *
 * @public
 */
export function interpolatedMedian(
  values: readonly number[],
): number | undefined {
  if (values.length === 0) {
    return undefined;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) / 2;
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
}
