import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { ReadinessConfig } from '../config';
import { ReadinessStore } from '../database/ReadinessStore';
import {
  EXEMPTION_REMINDER_DAYS,
  ReadinessNotifier,
} from '../notifications/ReadinessNotifier';
import { MODEL_FILTER, ReadinessEngine } from './ReadinessEngine';

const DAY = 86_400_000;

/**
 * Schedules, in global scope (once per cadence across replicas): one
 * collection task per collector, re-grading from stored facts (stale facts,
 * expiring exemptions, reminders) and the retention job.
 */
export async function scheduleReadinessTasks(options: {
  engine: ReadinessEngine;
  store: ReadinessStore;
  notifier: ReadinessNotifier;
  scheduler: SchedulerService;
  logger: LoggerService;
  config: ReadinessConfig;
}): Promise<void> {
  const { engine, store, notifier, scheduler, logger, config } = options;
  for (const collector of engine.collectors) {
    await scheduler.scheduleTask({
      id: `ml-readiness-collect-${collector.id}`,
      scope: 'global',
      frequency: { minutes: config.collectionFrequencyMinutes },
      timeout: { minutes: config.collectionTimeoutMinutes },
      initialDelay: { seconds: 15 },
      ...collector.schedule,
      fn: async signal => {
        const { models } = await engine.collectAll([collector], signal);
        logger.info(
          `Readiness collector ${collector.id} ran for ${models} models`,
        );
      },
    });
  }

  await scheduler.scheduleTask({
    id: 'ml-readiness-regrade',
    scope: 'global',
    frequency: { minutes: config.regradeFrequencyMinutes },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 30 },
    fn: async () => {
      await regradeAndRemind({ engine, store, notifier });
    },
  });

  await scheduler.scheduleTask({
    id: 'ml-readiness-retention',
    scope: 'global',
    frequency: { hours: 24 },
    timeout: { minutes: 30 },
    initialDelay: { minutes: 5 },
    fn: async () => {
      const result = await applyRetention({ engine, store, config });
      logger.info(
        `Readiness retention removed ${result.removedModels} models no longer in the catalog and ${result.removedHistory} history rows`,
      );
    },
  });
}

/**
 * Re-grades every model from stored facts — every model in the catalog, also
 * those no collector has facts for (they show as unknown, never missing) —
 * and sends exemption reminders.
 */
export async function regradeAndRemind(options: {
  engine: ReadinessEngine;
  store: ReadinessStore;
  notifier: ReadinessNotifier;
}): Promise<void> {
  const { engine, store, notifier } = options;
  const refs = new Set([
    ...(await engine.allModelRefs()),
    ...(await store.listFactEntityRefs()),
  ]);
  await engine.gradeModels([...refs]);
  const now = engine.now();
  const expiring = await store.exemptionsExpiringBetween(
    now,
    new Date(now.getTime() + EXEMPTION_REMINDER_DAYS * DAY),
  );
  if (expiring.length > 0) {
    const grades = await store.getGrades([
      ...new Set(expiring.map(e => e.entityRef)),
    ]);
    await notifier.exemptionsExpiring(
      expiring,
      new Map([...grades].map(([ref, g]) => [ref, g.owner])),
      now,
    );
  }
}

/** Drops data of models gone from the catalog and history past retention. */
export async function applyRetention(options: {
  engine: ReadinessEngine;
  store: ReadinessStore;
  config: Pick<ReadinessConfig, 'historyRetentionDays'>;
}) {
  const refs = await options.engine.allModelRefs();
  return options.store.applyRetention({
    keepEntityRefs: refs,
    historyCutoff: new Date(
      options.engine.now().getTime() -
        options.config.historyRetentionDays * DAY,
    ),
  });
}

export { MODEL_FILTER };
