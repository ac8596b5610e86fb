import { servingFactsSchema } from './servingFacts';

const fact = { enoughData: true, value: 1 };
const valid = {
  windowDays: 30,
  availabilityObjective: 0.999,
  latencyP99ObjectiveMs: null,
  requestCount: fact,
  sloAvailabilityAttainment: fact,
  latencySloAttainment: { enoughData: false, value: 0 },
  costPer1kInferences: fact,
  driftAlertMinutes: fact,
  dataQualityAlertMinutes: fact,
};

describe('servingFactsSchema', () => {
  it('accepts serving facts with "not enough data" as its own state', () => {
    expect(servingFactsSchema.parse(valid)).toEqual(valid);
  });

  it.each([
    ['a missing KPI', { ...valid, requestCount: undefined }],
    ['a bare number instead of a fact', { ...valid, driftAlertMinutes: 3 }],
    ['an objective above 1', { ...valid, availabilityObjective: 99.9 }],
  ])('rejects %s', (_, values) => {
    expect(servingFactsSchema.safeParse(values).success).toBe(false);
  });
});
