import { CheckDefinition } from './CheckDefinition';

const KPI = '2d';
const link = '/ml-kpi';

/**
 * KPI checks over the `delivery` fact set, with the targets of the KPI table
 * (reference section 7): change failure rate under 15 % (tiers 1–2), time to
 * restore under 4 h and time to detect under 60 min (tier 1), pipeline success
 * over 95 % (tiers 1–2). Production models only; too little data passes
 * (it is its own state, never a bad grade). Not part of `defaultPolicy`:
 * add them (from config or a policy document) where the KPI plugin's
 * `delivery` collector is installed, otherwise they are `unknown`.
 *
 * @public
 */
export const deliveryKpiChecks: readonly CheckDefinition[] = [
  {
    id: 'kpi-change-failure-rate',
    title: 'Change failure rate under 15 %',
    category: 'delivery',
    level: 'gold',
    tiers: [1, 2],
    stages: ['production'],
    facts: ['delivery'],
    rule: '!delivery.changeFailureRate.enoughData || delivery.changeFailureRate.value < 0.15',
    description:
      'Production deployments in the last 30 days that failed or were followed by an incident stay under 15 %.',
    freshness: KPI,
    remediation:
      'Look at the failed deployments and their incidents; tighten the evaluation gate and progressive rollout.',
    goldenPathLink: link,
  },
  {
    id: 'kpi-time-to-restore',
    title: 'Time to restore under 4 hours',
    category: 'delivery',
    level: 'gold',
    tiers: [1],
    stages: ['production'],
    facts: ['delivery'],
    rule: '!delivery.timeToRestoreHours.enoughData || delivery.timeToRestoreHours.value < 4.0',
    description:
      'The median time from incident (or failed deployment) to restore is under 4 hours.',
    freshness: KPI,
    remediation:
      'Practise the rollback runbook; make the previous version one command away.',
    goldenPathLink: link,
  },
  {
    id: 'kpi-time-to-detect',
    title: 'Time to detect under 60 minutes',
    category: 'delivery',
    level: 'gold',
    tiers: [1],
    stages: ['production'],
    facts: ['delivery'],
    rule: '!delivery.timeToDetectMinutes.enoughData || delivery.timeToDetectMinutes.value < 60.0',
    description:
      'The median time from impact start to the incident being opened is under 60 minutes.',
    freshness: KPI,
    remediation:
      'Alert on drift, data quality and SLO burn rate and route the alerts to the on-call group.',
    goldenPathLink: link,
  },
  {
    id: 'kpi-pipeline-success-rate',
    title: 'Pipeline success rate over 95 %',
    category: 'delivery',
    level: 'silver',
    tiers: [1, 2],
    stages: ['production'],
    facts: ['delivery'],
    rule: '!delivery.pipelineSuccessRate.enoughData || delivery.pipelineSuccessRate.value > 0.95',
    description:
      'Over 95 % of completed workflow runs on the default branch (cancelled and skipped aside) succeed.',
    freshness: KPI,
    remediation:
      'Fix flaky tests and pipelines; quarantine a flaky step rather than re-running it.',
    goldenPathLink: link,
  },
];
