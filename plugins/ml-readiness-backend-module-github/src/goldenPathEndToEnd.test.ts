import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import catalogModuleMlCatalog from '@ml-golden-paths/plugin-catalog-backend-module-ml-catalog';
// The test runs this module inside the real readiness plugin (test-only).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import mlReadinessPlugin from '@ml-golden-paths/plugin-ml-readiness-backend';
import mlReadinessModuleCatalog from '@ml-golden-paths/plugin-ml-readiness-backend-module-catalog';
import {
  GOLDEN_PATH_TEMPLATES,
  renderGoldenPath,
} from '@ml-golden-paths/plugin-ml-readiness-repository-facts/testUtils';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { CANARY_TOKEN, fakeGithubRepository } from './__testUtils__/fakeGithub';
import { mlReadinessModuleGithub } from './module';

jest.setTimeout(240_000);

const MODEL = 'resource:default/fraud-scoring';
const USER = mockCredentials.user('user:default/dana');
const auth = `Bearer ${mockCredentials.user.token(USER.principal.userEntityRef)}`;

const repoRoot = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'examples', 'org.yaml'))) {
    dir = path.dirname(dir);
  }
  return dir;
})();

/** The dataset the sample answers name, as its owner would register it. */
const DATASET = `
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: card-transactions
spec:
  type: dataset
  owner: group:default/risk-ml
  system: fraud-platform
  dataset:
    format: parquet
    location: s3://acme-lake/payments/card_transactions/
`;

/**
 * What the production gate still asks of a model created today, by
 * template. Most of it only a registered version can bring (its approver,
 * dataset snapshot, evaluation metrics and training commit), and a serving
 * model needs the training pipeline that produces it in its lineage. One is
 * a gap of the golden paths themselves: they ship Prometheus alert rules
 * but no dashboard link (`spec.mlops.monitoring.dashboard`), since they
 * cannot know the organisation's dashboard URL.
 */
const RELEASE = [
  'evaluation-evidence',
  'production-version-approved',
  'version-commit-recorded',
  'version-dataset-recorded',
];
const GOLDEN_PATH_GAPS = ['dashboard-linked'];
const RELEASE_CHECKS: Record<string, string[]> = {
  'online-inference': [...RELEASE, ...GOLDEN_PATH_GAPS, 'lineage-pipeline'],
  'batch-scoring': [...RELEASE, ...GOLDEN_PATH_GAPS, 'lineage-pipeline'],
  'training-pipeline': [...RELEASE, ...GOLDEN_PATH_GAPS],
};

/**
 * The whole path of a model created from a golden path on GitHub, with no
 * hand edits: the template rendered by the scaffolder's own `fetch:template`
 * with the sample answers, its `catalog-info.yaml` ingested and processed by
 * the real catalog (with the ML catalog module), its repository served by a
 * GitHub API double with recorded response shapes and the settings the
 * guardrails step leaves, facts collected by the real catalog and GitHub
 * collectors through the readiness plugin's refresh endpoint, and graded by
 * the default policy.
 */
describe.each(GOLDEN_PATH_TEMPLATES)(
  'a %s repository created from its golden path on GitHub',
  template => {
    const server = setupServer();
    let outDir: string;
    let backend: Awaited<ReturnType<typeof startTestBackend>>;

    beforeAll(async () => {
      server.listen({ onUnhandledRequest: 'bypass' });
      outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-e2e-'));
      const dir = await renderGoldenPath({
        template,
        destination: 'github',
        outDir,
      });
      const datasetFile = path.join(outDir, 'dataset.yaml');
      fs.writeFileSync(datasetFile, DATASET);
      const fake = fakeGithubRepository({
        owner: 'acme',
        repo: 'fraud-scoring',
        dir,
        changedAt: new Date().toISOString(),
        settings: { protection: 'guardrails', production: 'guardrails' },
      });
      server.use(...fake.handlers);

      backend = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleScaffolderEntityModel,
          catalogModuleMlCatalog,
          mlReadinessPlugin,
          mlReadinessModuleCatalog,
          mlReadinessModuleGithub,
          mockServices.rootConfig.factory({
            data: {
              integrations: {
                github: [{ host: 'github.com', token: CANARY_TOKEN }],
              },
              catalog: {
                rules: [
                  {
                    allow: [
                      'Component',
                      'System',
                      'API',
                      'Resource',
                      'Group',
                      'User',
                      'Domain',
                      'Template',
                      'Location',
                    ],
                  },
                ],
                locations: [
                  path.join(repoRoot, 'examples', 'org.yaml'),
                  path.join(repoRoot, 'examples', 'systems.yaml'),
                  // The golden-path templates, as the portal registers them:
                  // their versions say which release is the newest.
                  path.join(repoRoot, 'templates', 'all.yaml'),
                  datasetFile,
                  path.join(dir, 'catalog-info.yaml'),
                ].map(target => ({ type: 'file', target })),
              },
            },
          }),
        ],
      });

      // Wait until the catalog has processed the model and stitched its
      // relations (owner, dataset), and holds the template it came from.
      const deadline = Date.now() + 120_000;
      for (;;) {
        const templateEntity = await request(backend.server)
          .get(`/api/catalog/entities/by-name/template/default/${template}`)
          .set('authorization', auth);
        const res = await request(backend.server)
          .get('/api/catalog/entities/by-name/resource/default/fraud-scoring')
          .set('authorization', auth);
        const relations: Array<{ type: string }> = res.body?.relations ?? [];
        if (
          templateEntity.status === 200 &&
          res.status === 200 &&
          relations.some(r => r.type === 'ownedBy') &&
          relations.some(r => r.type === 'dependsOn')
        ) {
          break;
        }
        if (Date.now() > deadline) {
          throw new Error(
            `the catalog did not process ${MODEL}: ${res.status} ${JSON.stringify(res.body)}`,
          );
        }
        await new Promise(resolve => setTimeout(resolve, 500));
      }
    });

    afterAll(async () => {
      await backend?.stop();
      server.close();
      fs.rmSync(outDir, { recursive: true, force: true });
    });

    it('reaches the level its tier requires once its facts are in, and the production gate asks only for what a released version brings', async () => {
      const refreshed = await request(backend.server)
        .post('/api/ml-readiness/scorecards/default/fraud-scoring/refresh')
        .set('authorization', auth);
      expect([refreshed.status, refreshed.body?.error]).toEqual([
        200,
        undefined,
      ]);
      const scorecard = refreshed.body;

      // The sample answers ask for tier 1; a new model has no version yet,
      // so it is graded at the development stage.
      expect(scorecard.tier).toBe(1);
      expect(scorecard.requiredLevel).toBe('gold');
      const notPassing = scorecard.checks
        .filter((c: any) => c.state === 'fail' || c.state === 'unknown')
        .map((c: any) => `${c.id}: ${c.state} (${c.reason})`);
      expect(notPassing).toStrictEqual([]);
      expect(scorecard.level).toBe('gold');
      expect(scorecard.meetsRequiredLevel).toBe(true);

      // The CD workflow asks the gate before promoting its first version to
      // production: what stands in the way is exactly what only a
      // registered, approved and evaluated version can provide.
      const gate = await request(backend.server)
        .post('/api/ml-readiness/gate')
        .set('authorization', auth)
        .send({ entityRef: MODEL, version: '1', stage: 'production' });
      expect(gate.status).toBe(200);
      const blocking: string[] = gate.body.checks
        .map((c: { checkId: string }) => c.checkId)
        .sort();
      expect(gate.body.allowed).toBe(false);
      expect(blocking.length).toBeGreaterThan(0);
      // One reason per blocking check, plus that version 1 is not registered.
      expect(gate.body.reasons).toHaveLength(blocking.length + 1);
      expect(gate.body.reasons[0]).toContain('version 1 is not registered');
      expect(blocking).toStrictEqual([...RELEASE_CHECKS[template]].sort());
    });
  },
);
