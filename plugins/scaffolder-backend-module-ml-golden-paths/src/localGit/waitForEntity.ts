import { setTimeout as sleep } from 'node:timers/promises';
import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Polls the catalog until the entity exists or the time is up. Returns
 * whether it was found; never throws for a missing entity.
 */
export async function waitForEntity(options: {
  catalog: CatalogService;
  auth: AuthService;
  entityRef: string;
  timeoutMs: number;
  intervalMs?: number;
  signal?: AbortSignal;
}): Promise<boolean> {
  const { catalog, auth, entityRef, timeoutMs, signal } = options;
  const intervalMs = options.intervalMs ?? 1000;
  const deadline = Date.now() + timeoutMs;
  const credentials = await auth.getOwnServiceCredentials();
  for (;;) {
    if (await catalog.getEntityByRef(entityRef, { credentials })) {
      return true;
    }
    if (Date.now() + intervalMs > deadline || signal?.aborted) {
      return false;
    }
    await sleep(intervalMs);
  }
}
