import type { GradeHistoryEntry } from '@ml-golden-paths/plugin-ml-readiness-common';
import { buildTrend } from './buildTrend';

function entry(
  entityRef: string,
  recordedAt: string,
  level: GradeHistoryEntry['level'],
  requiredLevel: GradeHistoryEntry['requiredLevel'] = 'silver',
): GradeHistoryEntry {
  return {
    entityRef,
    level,
    requiredLevel,
    meetsRequiredLevel: false,
    failing: 0,
    unknown: 0,
    exempt: 0,
    failingChecks: [],
    recordedAt,
  };
}

describe('buildTrend', () => {
  const now = Date.parse('2026-11-29T12:00:00Z');

  it('carries each model latest grade forward day by day', () => {
    const points = buildTrend(
      [
        entry('a', '2026-11-28T10:00:00Z', 'silver'),
        entry('b', '2026-11-26T09:00:00Z', 'bronze'),
        entry('a', '2026-11-27T08:00:00Z', 'bronze'),
        entry('a', '2026-11-27T20:00:00Z', 'none'),
      ],
      { days: 4, now },
    );
    expect(
      points.map(p => [
        p.day,
        p.models,
        p.none,
        p.bronze,
        p.silver,
        p.meetingRequired,
      ]),
    ).toEqual([
      ['2026-11-26', 1, 0, 1, 0, 0],
      ['2026-11-27', 2, 1, 1, 0, 0],
      ['2026-11-28', 2, 0, 1, 1, 1],
      ['2026-11-29', 2, 0, 1, 1, 1],
    ]);
  });

  it('counts entries before the window from the first day', () => {
    const points = buildTrend([entry('a', '2026-10-01T00:00:00Z', 'gold')], {
      days: 2,
      now,
    });
    expect(points.map(p => p.gold)).toEqual([1, 1]);
  });
});
