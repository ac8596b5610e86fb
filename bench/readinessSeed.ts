/*
 * Seeding helpers shared by the readiness benchmarks: deterministic facts per
 * model and bulk history rows in the store's compact history format.
 */
import { loadavg } from 'node:os';
import type { Entity } from '@backstage/catalog-model';
import {
  builtInFactSets,
  exemplaryFacts,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import type { Knex } from 'knex';
import { mockServices } from '@backstage/backend-test-utils';
import { ReadinessStore } from '../plugins/ml-readiness-backend/src/database/ReadinessStore';
import {
  factDocumentOf,
  GradeSnapshot,
  HistoryStore,
} from '../plugins/ml-readiness-backend/src/database/HistoryStore';
import type { FactDocument } from '../plugins/ml-readiness-backend/src/database/factDelta';
import {
  canonicalJson,
  hashOf,
} from '../plugins/ml-readiness-backend/src/database/util';

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

/** The entity ref of bench model i. */
export function benchModelRef(i: number): string {
  return `resource:default/model-${String(i).padStart(5, '0')}`;
}

/**
 * Writes a model's built-in fact sets (facts from {@link factsFor}) through
 * the store, as a collector would, collected at `at`.
 */
export async function writeBenchFacts(
  store: ReadinessStore,
  ref: string,
  facts: Record<string, unknown>,
  at: Date,
): Promise<void> {
  await store.writeFacts(
    ref,
    builtInFactSets.map(set => ({
      factSet: set.id,
      collector: 'bench',
      schemaVersion: set.version,
      status: 'available' as const,
      values: facts[set.id] as Record<string, unknown>,
    })),
    at,
  );
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
 * The realistic daily change of one fact set: one value a collector sees
 * change without changing the grade (a new commit, a measured latency
 * objective, the number of required reviews).
 */
function changeOneValue(
  doc: FactDocument,
  factSet: string,
  day: number,
  rnd: () => number,
): FactDocument {
  const values = structuredClone(doc.values) as any;
  if (factSet === 'repository') {
    values.commit = Math.floor(rnd() * 0xfffffff)
      .toString(16)
      .padStart(7, '0');
  } else if (factSet === 'entity') {
    values.slo.latencyP99Ms = 100 + (day % 97);
  } else {
    values.defaultBranch.requiredApprovingReviews = 1 + (day % 2);
  }
  return { ...doc, values };
}

/**
 * Writes `days` days of history before `now` for every model in `refs`, in
 * the store's format, as bulk inserts (the store's write path takes one
 * transaction per model, far too slow for millions of history rows): each
 * day one value of one fact set changes (rotating over the model's fact
 * sets) and the grade gets one snapshot (the current grade). The rows come
 * from the same functions the store's write path uses
 * (HistoryStore.factChangeRow / gradeRows), so they are identical to what
 * the store writes. The versions first stored with the current facts are
 * moved before the window, and the last version of each fact set becomes
 * its current row. Needs the current facts and grades already stored. One
 * transaction per day.
 */
export async function seedHistory(
  knex: Knex,
  refs: string[],
  days: number,
  now: Date,
): Promise<{ factRows: number; gradeRows: number }> {
  const history = new HistoryStore(knex);
  const docs = new Map<string, Map<string, FactDocument>>();
  for (const row of await knex('readiness_facts').select(
    'entity_ref',
    'fact_set',
    'status',
    'values_json',
    'reason',
  )) {
    const sets = docs.get(row.entity_ref) ?? new Map();
    sets.set(row.fact_set, factDocumentOf(row));
    docs.set(row.entity_ref, sets);
  }
  const store = await ReadinessStore.create({
    database: mockServices.database({ knex, migrations: { skip: true } }),
  });
  const grades = await store.getGrades(refs);
  const modelIds = await history.models.ids(refs);
  const setIds = await history.factSets.ids([
    ...new Set([...docs.values()].flatMap(m => [...m.keys()])),
  ]);
  const graded: GradeSnapshot[] = refs.flatMap(r => {
    const g = grades.get(r);
    return g ? [g] : [];
  });
  const gradeIds = await history.prepareGrades(graded);
  const DAY = 86_400_000;
  // The versions stored with the current facts were collected before the
  // window.
  await knex('readiness_fact_history').update({
    changed_at: now.getTime() - (days + 1) * DAY,
  });
  const rnd = random(99);
  const lastChange = new Map<string, number>();
  let factRows = 0;
  let gradeRows = 0;
  // SQLite inserts many rows as one compound select: at most 500 terms.
  const chunk = 400;
  for (let d = days; d >= 1; d -= 1) {
    const at = now.getTime() - d * DAY;
    const factBatch: Array<ReturnType<typeof HistoryStore.factChangeRow>> = [];
    refs.forEach((ref, i) => {
      const sets = docs.get(ref);
      if (!sets || sets.size === 0) return;
      const names = [...sets.keys()].sort();
      const name = names[(i + d) % names.length];
      const previous = sets.get(name)!;
      const next = changeOneValue(previous, name, d, rnd);
      sets.set(name, next);
      lastChange.set(`${ref}\u0000${name}`, at);
      factBatch.push(
        HistoryStore.factChangeRow({
          modelId: modelIds.get(ref)!,
          factSetId: setIds.get(name)!,
          previous,
          next,
          changedAt: at,
        }),
      );
    });
    const gradeBatch = HistoryStore.gradeRows(graded, gradeIds, at);
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
  // The newest version of each fact set is its current row.
  await knex.transaction(async tx => {
    for (const [ref, sets] of docs) {
      for (const [name, doc] of sets) {
        const at = lastChange.get(`${ref}\u0000${name}`);
        if (at === undefined) continue;
        await tx('readiness_facts')
          .where({ entity_ref: ref, fact_set: name })
          .update({
            values_json: canonicalJson(doc.values),
            hash: hashOf({
              status: doc.status,
              values: doc.values ?? null,
              reason: doc.reason ?? null,
            }),
            changed_at: new Date(at).toISOString(),
          });
      }
    }
  });
  return { factRows, gradeRows };
}
