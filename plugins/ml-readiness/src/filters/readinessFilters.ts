import {
  modelStages,
  readinessLevels,
  type AchievedLevel,
  type ModelStage,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import type { OverviewQuery } from '../api/MlReadinessApi';

/** The Readiness page's filters, as kept in the URL. */
export interface ReadinessFilters {
  /** Group entity ref; the roll-up and the backend include child teams. */
  owner?: string;
  tier?: 1 | 2 | 3;
  level?: AchievedLevel;
  /** A check id: only models failing it. */
  check?: string;
  stage?: ModelStage;
}

/** URL query parameter of each filter. */
export const FILTER_PARAMS = [
  'owner',
  'tier',
  'level',
  'check',
  'stage',
] as const;

const LEVELS: readonly string[] = [...readinessLevels, 'none'];
const CHECK_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const ENTITY_REF = /^[a-z0-9._-]+:([a-z0-9._-]+\/)?[a-z0-9._-]+$/i;

/**
 * Reads the filters from the URL. A value that is not valid is dropped and
 * reported (by parameter name), so a hand-edited link never sends garbage
 * to the backend and the page can say what it ignored.
 */
export function parseReadinessFilters(params: URLSearchParams): {
  filters: ReadinessFilters;
  issues: string[];
} {
  const filters: ReadinessFilters = {};
  const issues: string[] = [];
  const owner = params.get('owner');
  if (owner) {
    if (ENTITY_REF.test(owner)) filters.owner = owner;
    else
      issues.push(
        `owner '${owner}' is not an entity ref like group:default/risk-ml`,
      );
  }
  const tier = params.get('tier');
  if (tier) {
    if (tier === '1' || tier === '2' || tier === '3') {
      filters.tier = Number(tier) as 1 | 2 | 3;
    } else issues.push(`tier '${tier}' must be 1, 2 or 3`);
  }
  const level = params.get('level');
  if (level) {
    if (LEVELS.includes(level)) filters.level = level as AchievedLevel;
    else issues.push(`level '${level}' must be one of ${LEVELS.join(', ')}`);
  }
  const check = params.get('check');
  if (check) {
    if (CHECK_ID.test(check)) filters.check = check;
    else issues.push(`check '${check}' is not a check id like runbook-linked`);
  }
  const stage = params.get('stage');
  if (stage) {
    if ((modelStages as readonly string[]).includes(stage)) {
      filters.stage = stage as ModelStage;
    } else
      issues.push(`stage '${stage}' must be one of ${modelStages.join(', ')}`);
  }
  return { filters, issues };
}

/**
 * Writes the filters into URL parameters, keeping parameters that are not
 * filters (e.g. paging) untouched.
 */
export function serializeReadinessFilters(
  filters: ReadinessFilters,
  previous: URLSearchParams = new URLSearchParams(),
): URLSearchParams {
  const next = new URLSearchParams(previous);
  for (const name of FILTER_PARAMS) {
    const value = filters[name];
    if (value === undefined || value === '') next.delete(name);
    else next.set(name, String(value));
  }
  return next;
}

/** The overview request for the filters. */
export function toOverviewQuery(filters: ReadinessFilters): OverviewQuery {
  return {
    owner: filters.owner,
    tier: filters.tier,
    level: filters.level,
    stage: filters.stage,
    failingCheck: filters.check,
  };
}
