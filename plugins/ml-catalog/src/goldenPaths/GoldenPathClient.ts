import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { z } from 'zod';

const releaseSchema = z.object({
  version: z.string(),
  date: z.string(),
  changes: z.array(
    z.object({ text: z.string(), templates: z.array(z.string()).optional() }),
  ),
});

const repositorySchema = z.object({
  entityRef: z.string(),
  title: z.string(),
  owner: z.string().optional(),
  template: z.string(),
  version: z.string(),
  latestVersion: z.string(),
  releasesBehind: z.number().int().min(0),
  destination: z.enum(['local', 'github', 'unknown']),
});

const fleetSchema = z.object({
  latestVersion: z.string(),
  releases: z.array(releaseSchema),
  repositories: z.array(repositorySchema),
});

const statusSchema = repositorySchema.extend({
  createdFrom: z.string().optional(),
  changes: z.array(releaseSchema),
  openUpgrade: z
    .object({
      location: z.string(),
      toVersion: z.string().optional(),
      conflicts: z.array(z.string()),
    })
    .optional(),
  openUpgradeError: z.string().optional(),
});

/** The golden-path fleet as the scaffolder module serves it. */
export type GoldenPathFleetResponse = z.infer<typeof fleetSchema>;
/** One model's golden path. */
export type GoldenPathStatusResponse = z.infer<typeof statusSchema>;

/** Reads the golden-path fleet routes (`/api/scaffolder/golden-paths/…`). */
export class GoldenPathClient {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  private async get<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    const base = await this.deps.discoveryApi.getBaseUrl('scaffolder');
    const response = await this.deps.fetchApi.fetch(`${base}${path}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const parsed = schema.safeParse(await response.json());
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `Unexpected golden-path response at ${issue.path.join('.')}: ${issue.message}`,
      );
    }
    return parsed.data;
  }

  /** Every model created from a golden path, furthest behind first. */
  getFleet(): Promise<GoldenPathFleetResponse> {
    return this.get('/golden-paths/fleet', fleetSchema);
  }

  /** One model's golden path; a 404 means it has none. */
  getStatus(entity: {
    namespace: string;
    name: string;
  }): Promise<GoldenPathStatusResponse> {
    return this.get(
      `/golden-paths/models/${encodeURIComponent(entity.namespace)}/${encodeURIComponent(entity.name)}`,
      statusSchema,
    );
  }
}

/** API ref of the {@link GoldenPathClient}. */
export const goldenPathApiRef = createApiRef<GoldenPathClient>({
  id: 'plugin.ml-catalog.golden-paths',
});
