/*
 * Seeding helpers shared by the readiness benchmarks: deterministic facts per
 * model and bulk history rows inserted straight into the tables of the
 * readiness migration (the store's write path takes one transaction per
 * model, far too slow for millions of history rows).
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import type { Entity } from '@backstage/catalog-model';
import { exemplaryFacts } from '@ml-golden-paths/plugin-ml-readiness-common';
import type { Knex } from 'knex';

/** A deterministic pseudo-random generator (mulberry32). */
export function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The 1-minute load average now, with the 5- and 15-minute ones. */
export function load(): string {
  return loadavg()
    .map(l => l.toFixed(1))
    .join(' / ');
}

/** Facts of model i: the exemplary facts with a few deterministic gaps. */
export function factsFor(i: number, rnd: () => number, entity?: Entity) {
  const facts = exemplaryFacts() as any;
  facts.entity.tier = 1 + (i % 3);
  facts.entity.stage = ['development', 'staging', 'production'][i % 3];
  facts.entity.owner = entity
    ? String(entity.spec?.owner).replace(/^group:/, 'group:default/')
    : `group:default/team-${i % 40}`;
  facts.entity.repository = `acme/model-${i}`;
  const flags: Array<[string, string]> = [
    ['entity', 'hasRunbook'],
    ['entity', 'hasOnCall'],
    ['repository', 'hasTests'],
    ['repository', 'deployment.hasCanary'],
    ['repository', 'ci.runsContainerScan'],
    ['repositorySettings', 'defaultBranch.protected'],
  ];
  for (const [set, path] of flags) {
    if (rnd() < 0.15) {
      const parts = path.split('.');
      let target = facts[set];
      for (const part of parts.slice(0, -1)) target = target[part];
      target[parts[parts.length - 1]] = false;
    }
  }
  return facts;
}

/**
 * Inserts `days` days of history before `now` for every model in `refs`:
 * each day one fact set changes (rotating over the model's current fact
 * sets, with the current values and a new hash) and the grade gets one
 * snapshot (the current grade's columns). Needs the current facts and grades
 * already stored. One transaction per day.
 */
export async function seedHistory(
  knex: Knex,
  refs: string[],
  days: number,
  now: Date,
): Promise<{ factRows: number; gradeRows: number }> {
  const facts = new Map<string, Array<Record<string, unknown>>>();
  for (const row of await knex('readiness_facts')) {
    const list = facts.get(row.entity_ref) ?? [];
    list.push(row);
    facts.set(row.entity_ref, list);
  }
  const grades = new Map<string, Record<string, unknown>>();
  for (const row of await knex('readiness_grades').select(
    'entity_ref',
    'owner',
    'level',
    'required_level',
    'meets_required',
    'failing',
    'unknown',
    'exempt',
    'checks_json',
  )) {
    grades.set(row.entity_ref, {
      ...row,
      failing_checks: (
        JSON.parse(String(row.checks_json)) as Array<{
          checkId: string;
          state: string;
        }>
      )
        .filter(c => c.state === 'fail')
        .map(c => c.checkId)
        .join(','),
    });
  }
  let factRows = 0;
  let gradeRows = 0;
  const chunk = 400;
  for (let d = days; d >= 1; d -= 1) {
    const at = new Date(now.getTime() - d * 86_400_000).toISOString();
    const factBatch: Record<string, unknown>[] = [];
    const gradeBatch: Record<string, unknown>[] = [];
    refs.forEach((ref, i) => {
      const sets = facts.get(ref) ?? [];
      if (sets.length > 0) {
        const f = sets[(i + d) % sets.length];
        factBatch.push({
          entity_ref: ref,
          fact_set: f.fact_set,
          status: f.status,
          values_json: f.values_json,
          reason: f.reason,
          hash: randomBytes(32).toString('hex'),
          observed_at: f.observed_at,
          changed_at: at,
        });
      }
      const g = grades.get(ref);
      if (g) {
        gradeBatch.push({
          entity_ref: ref,
          owner: g.owner,
          level: g.level,
          required_level: g.required_level,
          meets_required: g.meets_required,
          failing: g.failing,
          unknown: g.unknown,
          exempt: g.exempt,
          failing_checks: g.failing_checks,
          recorded_at: at,
        });
      }
    });
    await knex.transaction(async tx => {
      for (let i = 0; i < factBatch.length; i += chunk) {
        await tx('readiness_fact_history').insert(
          factBatch.slice(i, i + chunk),
        );
      }
      for (let i = 0; i < gradeBatch.length; i += chunk) {
        await tx('readiness_grade_history').insert(
          gradeBatch.slice(i, i + chunk),
        );
      }
    });
    factRows += factBatch.length;
    gradeRows += gradeBatch.length;
  }
  return { factRows, gradeRows };
}
