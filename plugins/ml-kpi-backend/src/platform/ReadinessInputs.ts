import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import { z } from 'zod';
import { ReadinessModel, readinessModelSchema } from './platformRollups';

const responseSchema = z.object({ items: z.array(readinessModelSchema) });

/**
 * Reads the platform roll-up inputs from the readiness backend
 * (`GET /api/ml-readiness/platform/models`) with this plugin's service
 * credentials, so it sees every model; callers filter by what the user may
 * see. One answer is reused for `ttlMs` and shared by concurrent requests.
 */
export class ReadinessInputs {
  private cached?: { expiresAt: number; models: Promise<ReadinessModel[]> };

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
    private readonly options: {
      ttlMs?: number;
      now?: () => number;
      fetch?: typeof fetch;
    } = {},
  ) {}

  /** Every graded model with its check states and documentation ages. */
  models(): Promise<ReadinessModel[]> {
    const now = (this.options.now ?? Date.now)();
    if (this.cached && this.cached.expiresAt > now) {
      return this.cached.models;
    }
    const entry = {
      expiresAt: now + (this.options.ttlMs ?? 30_000),
      models: this.load(),
    };
    this.cached = entry;
    entry.models.catch(() => {
      if (this.cached === entry) this.cached = undefined;
    });
    return entry.models;
  }

  private async load(): Promise<ReadinessModel[]> {
    const baseUrl = await this.discovery.getBaseUrl('ml-readiness');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'ml-readiness',
    });
    const doFetch = this.options.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}/platform/models`, {
        headers: { authorization: `Bearer ${token}` },
      });
    } catch (error) {
      throw new ServiceUnavailableError(
        `The readiness backend could not be reached: ${(error as Error).message}`,
      );
    }
    if (!response.ok) {
      throw new ServiceUnavailableError(
        `The readiness backend answered ${response.status} for its platform models`,
      );
    }
    const parsed = responseSchema.safeParse(await response.json());
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ServiceUnavailableError(
        `The readiness backend sent malformed platform models: ${issue.path.join('.')}: ${issue.message}`,
      );
    }
    return parsed.data.items;
  }
}
