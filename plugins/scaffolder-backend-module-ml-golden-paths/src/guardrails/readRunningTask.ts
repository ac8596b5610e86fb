import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ScaffolderService } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';

/** What the scaffolder API says about the running task. */
export type RunningTask = {
  /** When the task was created (set by the scaffolder, not the template). */
  createdAt?: string;
  /** The answers the task was started with. */
  parameters?: JsonObject;
};

/**
 * Reads the running task through the scaffolder API with the initiator's
 * credentials, for the "created by this task" checks of
 * {@link checkCreatedByTask}. A task that cannot be read answers an empty
 * object, which those checks treat as "cannot tell" (a refusal).
 */
export async function readRunningTask(
  tasks: Pick<ScaffolderService, 'getTask'>,
  taskId: string,
  credentials: BackstageCredentials,
): Promise<RunningTask> {
  try {
    const task = await tasks.getTask({ taskId }, { credentials });
    return { createdAt: task.createdAt, parameters: task.spec?.parameters };
  } catch {
    return {};
  }
}
