import {
  levelRank,
  type AchievedLevel,
  type GradeHistoryEntry,
} from '@ml-golden-paths/plugin-ml-readiness-common';

/** Readiness of a set of models at the end of one day. */
export interface TrendPoint {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  /** Models graded by then. */
  models: number;
  meetingRequired: number;
  none: number;
  bronze: number;
  silver: number;
  gold: number;
}

const DAY_MS = 86_400_000;

/**
 * Turns grade-change history (one entry per change, oldest first or not)
 * into a daily series: for each day, every model counts with its latest
 * grade recorded up to the end of that day. A model's earlier grades before
 * the window are not known, so it starts counting at its first entry.
 */
export function buildTrend(
  entries: GradeHistoryEntry[],
  options: { days: number; now?: number },
): TrendPoint[] {
  const now = options.now ?? Date.now();
  const sorted = [...entries].sort(
    (a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt),
  );
  const latest = new Map<string, { level: AchievedLevel; meets: boolean }>();
  const points: TrendPoint[] = [];
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  let next = 0;
  for (let i = options.days - 1; i >= 0; i--) {
    const dayStart = today - i * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    while (
      next < sorted.length &&
      Date.parse(sorted[next].recordedAt) < dayEnd
    ) {
      const entry = sorted[next++];
      latest.set(entry.entityRef, {
        level: entry.level,
        meets: levelRank(entry.level) >= levelRank(entry.requiredLevel),
      });
    }
    const point: TrendPoint = {
      day: new Date(dayStart).toISOString().slice(0, 10),
      models: latest.size,
      meetingRequired: 0,
      none: 0,
      bronze: 0,
      silver: 0,
      gold: 0,
    };
    for (const grade of latest.values()) {
      point[grade.level] += 1;
      point.meetingRequired += grade.meets ? 1 : 0;
    }
    points.push(point);
  }
  return points;
}
