import { LoggerService } from '@backstage/backend-plugin-api';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { validateAiModelEntity } from '@ml-golden-paths/plugin-ml-catalog-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { MlflowEntityProvider } from './MlflowEntityProvider';
import modelsPage1 from './__fixtures__/registered-models-page-1.json';
import modelsPage2 from './__fixtures__/registered-models-page-2.json';
import fraudVersions1 from './__fixtures__/model-versions-fraud-scoring-page-1.json';
import fraudVersions2 from './__fixtures__/model-versions-fraud-scoring-page-2.json';
import forecastVersions from './__fixtures__/model-versions-demand-forecast.json';

const BASE = 'https://mlflow.example.com';
const TOKEN = 'mlflow-secret-token-123';

function captureLogger() {
  const lines: Array<{ level: string; message: string }> = [];
  const logger: LoggerService = {
    error: message => void lines.push({ level: 'error', message }),
    warn: message => void lines.push({ level: 'warn', message }),
    info: message => void lines.push({ level: 'info', message }),
    debug: message => void lines.push({ level: 'debug', message }),
    child: () => logger,
  };
  return { logger, lines };
}

function captureConnection() {
  const mutations: EntityProviderMutation[] = [];
  const connection: EntityProviderConnection = {
    applyMutation: async mutation => void mutations.push(mutation),
    refresh: async () => {},
  };
  return { connection, mutations };
}

const server = setupServer();
registerMswTestHooks(server);

/** Serves the recorded responses; `models` limits which registered models exist. */
function serveRegistry(options: { models?: string[] } = {}) {
  const requests: Request[] = [];
  const keep = (list: Array<{ name: string }>) =>
    options.models ? list.filter(m => options.models!.includes(m.name)) : list;
  server.use(
    http.get(
      `${BASE}/api/2.0/mlflow/registered-models/search`,
      ({ request }) => {
        requests.push(request);
        const token = new URL(request.url).searchParams.get('page_token');
        if (!token) {
          return HttpResponse.json({
            ...modelsPage1,
            registered_models: keep(modelsPage1.registered_models),
          });
        }
        if (token === modelsPage1.next_page_token) {
          return HttpResponse.json({
            ...modelsPage2,
            registered_models: keep(modelsPage2.registered_models),
          });
        }
        return HttpResponse.json(
          { error_code: 'INVALID_PARAMETER_VALUE' },
          { status: 400 },
        );
      },
    ),
    http.get(`${BASE}/api/2.0/mlflow/model-versions/search`, ({ request }) => {
      requests.push(request);
      const params = new URL(request.url).searchParams;
      const filter = params.get('filter');
      if (filter === "name='fraud-scoring'") {
        return HttpResponse.json(
          params.get('page_token') === fraudVersions1.next_page_token
            ? fraudVersions2
            : fraudVersions1,
        );
      }
      if (filter === "name='demand-forecast'") {
        return HttpResponse.json(forecastVersions);
      }
      return HttpResponse.json({});
    }),
  );
  return requests;
}

function createProvider(extra: Record<string, unknown> = {}) {
  const { logger, lines } = captureLogger();
  const provider = MlflowEntityProvider.fromConfig(
    new ConfigReader({
      catalog: {
        providers: {
          mlflow: {
            baseUrl: BASE,
            token: TOKEN,
            defaultOwner: 'group:ml-platform',
            defaultTier: 3,
            defaultServingPattern: 'batch',
            pageSize: 2,
            ...extra,
          },
        },
      },
    }),
    { logger },
  )!;
  return { provider, lines };
}

describe('MlflowEntityProvider', () => {
  it('is off without config', () => {
    const { logger } = captureLogger();
    expect(
      MlflowEntityProvider.fromConfig(new ConfigReader({}), { logger }),
    ).toBeUndefined();
  });

  it('reads every page of models and versions and applies one full mutation', async () => {
    const requests = serveRegistry();
    const { provider, lines } = createProvider();
    const { connection, mutations } = captureConnection();
    await provider.connect(connection);

    await expect(provider.refresh()).resolves.toEqual({
      ok: true,
      entities: 3,
    });

    expect(mutations).toHaveLength(1);
    const mutation = mutations[0];
    expect(mutation.type).toBe('full');
    const entities = mutation.type === 'full' ? mutation.entities : [];
    expect(entities.map(e => e.entity.metadata.name)).toEqual([
      'fraud-scoring',
      expect.stringMatching(/^churn-propensity-eu-[0-9a-f]{8}$/),
      'demand-forecast',
    ]);
    for (const { entity, locationKey } of entities) {
      expect(locationKey).toBe(`mlflow-provider:${BASE}`);
      expect(validateAiModelEntity(entity).success).toBe(true);
    }
    const fraud = entities[0].entity.spec as any;
    expect(fraud.mlops.versions.map((v: any) => [v.version, v.stage])).toEqual([
      ['11', 'archived'],
      ['12', 'production'],
      ['13', 'staging'],
    ]);
    expect(entities[1].entity.spec).toMatchObject({
      owner: 'group:growth-ml',
      mlops: { tier: 3, servingPattern: 'batch', versions: [] },
    });

    // Pagination: two model pages, two version pages for fraud-scoring.
    const modelSearches = requests.filter(r =>
      r.url.includes('registered-models'),
    );
    expect(
      modelSearches.map(r => new URL(r.url).searchParams.get('page_token')),
    ).toEqual([null, modelsPage1.next_page_token]);
    expect(modelSearches[0].url).toContain('max_results=2');
    expect(requests.filter(r => r.url.includes('fraud-scoring')).length).toBe(
      2,
    );
    // Every request carries the bearer token; no log line does.
    expect(
      requests.every(r => r.headers.get('authorization') === `Bearer ${TOKEN}`),
    ).toBe(true);
    expect(lines.some(l => l.message.includes(TOKEN))).toBe(false);
  });

  it('removes models deleted from the registry through the next full mutation', async () => {
    serveRegistry();
    const { provider } = createProvider();
    const { connection, mutations } = captureConnection();
    await provider.connect(connection);
    await provider.refresh();

    server.resetHandlers();
    serveRegistry({ models: ['demand-forecast'] });
    await expect(provider.refresh()).resolves.toEqual({
      ok: true,
      entities: 1,
    });

    const last = mutations[1];
    expect(
      last.type === 'full' && last.entities.map(e => e.entity.metadata.name),
    ).toEqual(['demand-forecast']);
  });

  it('keeps the previous entities and logs once when the registry is down', async () => {
    serveRegistry();
    const { provider, lines } = createProvider();
    const { connection, mutations } = captureConnection();
    await provider.connect(connection);
    await provider.refresh();
    expect(mutations).toHaveLength(1);

    server.use(
      http.get(`${BASE}/api/2.0/mlflow/*`, () =>
        HttpResponse.json(
          {
            error_code: 'TEMPORARILY_UNAVAILABLE',
            message: `token ${TOKEN} rejected`,
          },
          { status: 503 },
        ),
      ),
    );
    const result = await provider.refresh();

    expect(result.ok).toBe(false);
    expect(mutations).toHaveLength(1);
    const errors = lines.filter(l => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain(
      `Could not read the MLflow registry at ${BASE}; keeping the previous models.`,
    );
    expect(errors[0].message).toContain('503');
    expect(errors[0].message).not.toContain(TOKEN);
  });

  it('treats a network failure and a malformed response as the registry being down', async () => {
    const { provider, lines } = createProvider();
    const { connection, mutations } = captureConnection();
    await provider.connect(connection);

    server.use(
      http.get(`${BASE}/api/2.0/mlflow/registered-models/search`, () =>
        HttpResponse.error(),
      ),
    );
    expect((await provider.refresh()).ok).toBe(false);

    server.use(
      http.get(`${BASE}/api/2.0/mlflow/registered-models/search`, () =>
        HttpResponse.json({ registered_models: [{ name: 42 }] }),
      ),
    );
    expect((await provider.refresh()).ok).toBe(false);

    expect(mutations).toHaveLength(0);
    expect(lines.filter(l => l.level === 'error')).toHaveLength(2);
  });

  it('stops when the registry repeats a page token', async () => {
    server.use(
      http.get(`${BASE}/api/2.0/mlflow/registered-models/search`, () =>
        HttpResponse.json({ registered_models: [], next_page_token: 'again' }),
      ),
    );
    const { provider } = createProvider();
    const { connection, mutations } = captureConnection();
    await provider.connect(connection);
    const result = await provider.refresh();
    expect(result).toEqual({
      ok: false,
      error: expect.stringContaining('same page token twice'),
    });
    expect(mutations).toHaveLength(0);
  });

  it('schedules a global task when given a scheduler', async () => {
    const { logger } = captureLogger();
    const scheduleTask = jest.fn(async () => {});
    const provider = MlflowEntityProvider.fromConfig(
      new ConfigReader({
        catalog: {
          providers: {
            mlflow: { baseUrl: BASE, defaultOwner: 'group:ml-platform' },
          },
        },
      }),
      { logger, scheduler: { scheduleTask } as any },
    )!;
    await provider.connect(captureConnection().connection);
    expect(scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'MlflowEntityProvider:refresh',
        scope: 'global',
        frequency: { minutes: 30 },
      }),
    );
  });
});
