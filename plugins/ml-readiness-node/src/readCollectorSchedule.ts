import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';

/**
 * Reads a collector's optional schedule from
 * `mlGoldenPaths.readinessCollectors.<collectorKey>.schedule`. Absent means
 * the readiness engine's default cadence; an invalid schedule throws an
 * InputError naming the key, so a bad config stops startup.
 *
 * @public
 */
export function readCollectorSchedule(
  config: RootConfigService,
  collectorKey: string,
): SchedulerServiceTaskScheduleDefinition | undefined {
  const key = `mlGoldenPaths.readinessCollectors.${collectorKey}.schedule`;
  if (!config.has(key)) {
    return undefined;
  }
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(
      config.getConfig(key),
    );
  } catch (error) {
    throw new InputError(`Invalid config ${key}: ${(error as Error).message}`);
  }
}
