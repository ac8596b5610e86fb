import { createHmac } from 'node:crypto';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { guardrailsOverridePermission } from '@ml-golden-paths/plugin-scaffolder-backend-module-ml-golden-paths';
import request from 'supertest';
import {
  ACCESS_MATRIX,
  AccessRow,
  CALLERS,
  Caller,
  Outcome,
} from './accessMatrix';
import {
  GATE_SERVICE_TOKEN,
  Identity,
  PortalTestBackend,
  READ_ONLY_SERVICE_TOKEN,
  REGISTER_TEMPLATE,
  startPortalTestBackend,
  TEMPLATE,
  USERS,
  WEBHOOK_SECRET,
} from './__testUtils__/portalTestBackend';

/**
 * Permissions that no route of their own exposes, asked through the
 * access-probe plugin (the real permissions service, as the plugin that checks
 * them does). `ml-golden-paths.guardrails.override` is defined and checked by
 * the scaffolder module's `mlgp:github:guardrails` action.
 */
const PROBED_PERMISSIONS = [guardrailsOverridePermission];

/** The graded model of the test catalog, and its readiness routes. */
const MODEL_REF = 'resource:default/fraud-scoring';
const READINESS = '/api/ml-readiness';
const SCORECARD = `${READINESS}/scorecards/default/fraud-scoring`;

/** An exemption request body (expires in 30 days). */
const exemptionBody = (checkId: string, caller: string) => ({
  entityRef: MODEL_REF,
  checkId,
  reason: `accepted risk (${caller})`,
  compensatingControl: 'weekly manual review by the model owner',
  approver: USERS.admin,
  expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
});

/** Creates an exemption as the admin; returns its id. */
async function adminExemption(
  p: PortalTestBackend,
  checkId: string,
): Promise<string> {
  const res = await request(p.server)
    .post(`${READINESS}/exemptions`)
    .set(await p.headers({ user: USERS.admin }))
    .send(exemptionBody(checkId, 'fixture'));
  if (res.status !== 201) {
    throw new Error(
      `Could not create an exemption from ${checkId}: ${res.status} ${res.text}`,
    );
  }
  return res.body.id as string;
}

/** One exemption every caller reads the audit of (created once). */
let auditedExemption: Promise<string> | undefined;
/** An active exemption to revoke; replaced once the admin revoked it. */
let revocableExemption: Promise<string> | undefined;

/** Who each caller is. */
const IDENTITIES: Record<Caller, Identity> = {
  anonymous: 'anonymous',
  member: { user: USERS.member },
  admin: { user: USERS.admin },
  service: 'service',
};

/** A user who started a task "the caller started" / "someone else started". */
const ownTaskStarter = (caller: Caller) =>
  caller === 'admin' ? USERS.admin : USERS.member;
const otherTaskStarter = (caller: Caller) =>
  caller === 'member' ? USERS.admin : USERS.member;

type Send = (
  portal: PortalTestBackend,
  caller: Caller,
  auth: Record<string, string>,
) => Promise<request.Response>;

/** The request each matrix row sends, by row id. */
const REQUESTS: Record<string, Send> = {
  'catalog.entities.list': (p, _caller, auth) =>
    request(p.server).get('/api/catalog/entities').set(auth),
  'catalog.entities.by-refs': (p, _caller, auth) =>
    request(p.server)
      .post('/api/catalog/entities/by-refs')
      .set(auth)
      .send({ entityRefs: ['resource:default/fraud-scoring'] }),
  'catalog.locations.create': (p, caller, auth) =>
    request(p.server)
      .post('/api/catalog/locations')
      .set(auth)
      .send({
        type: 'url',
        target: `https://git.example.com/acme/by-${caller}/blob/main/catalog-info.yaml`,
      }),
  'catalog.locations.delete': async (p, _caller, auth) =>
    request(p.server)
      .delete(`/api/catalog/locations/${await p.createLocation()}`)
      .set(auth),
  'catalog.refresh.own': (p, _caller, auth) =>
    request(p.server)
      .post('/api/catalog/refresh')
      .set(auth)
      .send({ entityRef: 'resource:default/fraud-scoring' }),
  'catalog.refresh.other': (p, _caller, auth) =>
    request(p.server)
      .post('/api/catalog/refresh')
      .set(auth)
      .send({ entityRef: 'component:default/platform-portal' }),
  'catalog.delete.own-component': async (p, _caller, auth) =>
    request(p.server)
      .delete(
        `/api/catalog/entities/by-uid/${await p.uid(
          p.takeFromPool('risk-ml-component'),
        )}`,
      )
      .set(auth),
  'catalog.delete.other-component': async (p, _caller, auth) =>
    request(p.server)
      .delete(
        `/api/catalog/entities/by-uid/${await p.uid(
          p.takeFromPool('platform-component'),
        )}`,
      )
      .set(auth),
  'catalog.delete.own-template': async (p, _caller, auth) =>
    request(p.server)
      .delete(
        `/api/catalog/entities/by-uid/${await p.uid(
          p.takeFromPool('risk-ml-template'),
        )}`,
      )
      .set(auth),
  'scaffolder.tasks.create': (p, caller, auth) =>
    request(p.server)
      .post('/api/scaffolder/v2/tasks')
      .set(auth)
      .send({
        templateRef: stringifyEntityRef(TEMPLATE),
        values: { greeting: `hello from ${caller}` },
      }),
  'scaffolder.tasks.list': (p, _caller, auth) =>
    request(p.server).get('/api/scaffolder/v2/tasks').set(auth),
  'scaffolder.tasks.read.own': async (p, caller, auth) =>
    request(p.server)
      .get(
        `/api/scaffolder/v2/tasks/${await p.startTask(ownTaskStarter(caller))}`,
      )
      .set(auth),
  'scaffolder.tasks.read.other': async (p, caller, auth) =>
    request(p.server)
      .get(
        `/api/scaffolder/v2/tasks/${await p.startTask(otherTaskStarter(caller))}`,
      )
      .set(auth),
  'scaffolder.tasks.cancel.own': async (p, caller, auth) =>
    request(p.server)
      .post(
        `/api/scaffolder/v2/tasks/${await p.startTask(
          ownTaskStarter(caller),
        )}/cancel`,
      )
      .set(auth),
  'scaffolder.tasks.cancel.other': async (p, caller, auth) =>
    request(p.server)
      .post(
        `/api/scaffolder/v2/tasks/${await p.startTask(
          otherTaskStarter(caller),
        )}/cancel`,
      )
      .set(auth),
  'scaffolder.dry-run': (p, _caller, auth) =>
    request(p.server)
      .post('/api/scaffolder/v2/dry-run')
      .set(auth)
      .send({
        template: TEMPLATE,
        values: { greeting: 'dry' },
        directoryContents: [],
      }),
  'ml-golden-paths.guardrails.override': (p, _caller, auth) =>
    request(p.server)
      .post('/api/access-probe/authorize/ml-golden-paths.guardrails.override')
      .set(auth),
  'catalog.ml.invalid-entities': (p, _caller, auth) =>
    request(p.server).get('/api/catalog/ml/invalid-entities').set(auth),
  'ml-readiness.policy': (p, _caller, auth) =>
    request(p.server).get(`${READINESS}/policy`).set(auth),
  'ml-readiness.scorecard': (p, _caller, auth) =>
    request(p.server).get(SCORECARD).set(auth),
  'ml-readiness.scorecard.history': (p, _caller, auth) =>
    request(p.server).get(`${SCORECARD}/history`).set(auth),
  'ml-readiness.scorecard.refresh': (p, _caller, auth) =>
    request(p.server).post(`${SCORECARD}/refresh`).set(auth),
  'ml-readiness.overview': (p, _caller, auth) =>
    request(p.server).get(`${READINESS}/overview`).set(auth),
  'ml-readiness.overview.export': (p, _caller, auth) =>
    request(p.server).get(`${READINESS}/overview/export`).set(auth),
  'ml-readiness.teams.history': (p, _caller, auth) =>
    request(p.server)
      .get(`${READINESS}/teams/history`)
      .query({ owner: 'group:default/risk-ml' })
      .set(auth),
  'ml-readiness.checks.failing': (p, _caller, auth) =>
    request(p.server)
      .get(`${READINESS}/checks/description-present/failing`)
      .set(auth),
  'ml-readiness.platform.models': (p, _caller, auth) =>
    request(p.server).get(`${READINESS}/platform/models`).set(auth),
  'ml-readiness.gate': (p, _caller, auth) =>
    request(p.server)
      .post(`${READINESS}/gate`)
      .set(auth)
      .send({ entityRef: MODEL_REF, version: '1', stage: 'production' }),
  'ml-readiness.evidence': (p, _caller, auth) =>
    request(p.server)
      .get(`${READINESS}/evidence`)
      .query({ entityRef: MODEL_REF })
      .set(auth),
  'ml-readiness.exemptions.list': (p, _caller, auth) =>
    request(p.server)
      .get(`${READINESS}/exemptions`)
      .query({ entityRef: MODEL_REF })
      .set(auth),
  'ml-readiness.exemptions.audit': async (p, _caller, auth) => {
    auditedExemption ??= adminExemption(p, 'runbook-linked');
    return request(p.server)
      .get(`${READINESS}/exemptions/${await auditedExemption}/audit`)
      .set(auth);
  },
  // Only the admin's request succeeds, so the check exempted here stays
  // exempted (and is not used elsewhere).
  'ml-readiness.exemptions.create': (p, caller, auth) =>
    request(p.server)
      .post(`${READINESS}/exemptions`)
      .set(auth)
      .send(exemptionBody('description-present', caller)),
  'ml-readiness.exemptions.revoke': async (p, caller, auth) => {
    revocableExemption ??= adminExemption(p, 'codeowners-present');
    const res = await request(p.server)
      .post(`${READINESS}/exemptions/${await revocableExemption}/revoke`)
      .set(auth)
      .send({ reason: `revoked by ${caller}` });
    if (res.status === 200) {
      revocableExemption = undefined;
    }
    return res;
  },
  'ml-catalog.documents.read': (p, _caller, auth) =>
    request(p.server)
      .get(
        '/api/ml-catalog/v1/entities/default/resource/fraud-scoring/documents/model-card',
      )
      .set(auth),
  'events.github.unsigned': (p, _caller, auth) =>
    request(p.server)
      .post('/api/events/http/github')
      .set(auth)
      .set('content-type', 'application/json')
      .set('x-github-event', 'push')
      .send('{"ref":"refs/heads/main"}'),
  'events.github.signed': (p, caller, auth) => {
    const body = JSON.stringify({
      repository: { full_name: 'acme/access-matrix', default_branch: 'main' },
      ref: 'refs/heads/main',
      before: '0'.repeat(40),
      after: 'a'.repeat(40),
      commits: [],
      caller,
    });
    const signature = createHmac('sha256', WEBHOOK_SECRET)
      .update(body)
      .digest('hex');
    return request(p.server)
      .post('/api/events/http/github')
      .set(auth)
      .set('content-type', 'application/json')
      .set('x-github-event', 'push')
      .set('x-github-delivery', `access-matrix-${caller}`)
      .set('x-hub-signature-256', `sha256=${signature}`)
      .send(body);
  },
  'ml-kpi.teams': (p, _caller, auth) =>
    request(p.server).get('/api/ml-kpi/teams').set(auth),
  'ml-kpi.model': (p, _caller, auth) =>
    request(p.server).get('/api/ml-kpi/models/default/fraud-scoring').set(auth),
  'ml-kpi.teams.trends': (p, _caller, auth) =>
    request(p.server).get('/api/ml-kpi/teams/trends').set(auth),
  'ml-kpi.platform': (p, _caller, auth) =>
    request(p.server).get('/api/ml-kpi/platform').set(auth),
  'ml-kpi.backfill': (p, caller, auth) =>
    request(p.server)
      .post(
        `/api/ml-kpi/backfill/default/fraud-scoring-${
          caller === 'anonymous' ? 'member' : caller
        }`,
      )
      .set(auth),
  'ml-kpi.ingest': (p, _caller, auth) =>
    request(p.server).get('/api/ml-kpi/ingest').set(auth),
};

function outcomeOf(status: number): Outcome | `status ${number}` {
  if (status >= 200 && status < 300) {
    return 'allowed';
  }
  if (status === 403) {
    return 'denied';
  }
  if (status === 401) {
    return 'unauthenticated';
  }
  return `status ${status}`;
}

describe('the access matrix, against the real backend plugins', () => {
  let portal: PortalTestBackend;

  beforeAll(async () => {
    portal = await startPortalTestBackend({
      probePermissions: PROBED_PERMISSIONS,
    });
  }, 120_000);

  afterAll(async () => {
    await portal?.stop();
  });

  it('has a request for every row', () => {
    expect(
      ACCESS_MATRIX.map(row => row.id).filter(id => !REQUESTS[id]),
    ).toEqual([]);
    expect(
      Object.keys(REQUESTS).filter(
        id => !ACCESS_MATRIX.some(row => row.id === id),
      ),
    ).toEqual([]);
  });

  describe.each(ACCESS_MATRIX.map(row => [`${row.route}: ${row.case}`, row]))(
    '%s',
    (_title: string, row: AccessRow) => {
      it.each(CALLERS.map(caller => [caller, row.expect[caller]]))(
        'as %s: %s',
        async (caller, expected) => {
          const send = REQUESTS[row.id];
          if (!send) {
            throw new Error(`No request for row ${row.id}`);
          }
          const res = await send(
            portal,
            caller as Caller,
            await portal.headers(IDENTITIES[caller as Caller]),
          );
          const actual = outcomeOf(res.status);
          // On a mismatch the failure shows the response that explains it.
          expect({
            outcome: actual,
            response:
              actual === expected
                ? undefined
                : { status: res.status, body: res.body },
          }).toEqual({ outcome: expected });
        },
      );
    },
  );

  describe('what an allowed call does', () => {
    it('lists only their own tasks to a user, everyone’s to an admin', async () => {
      const mine = await portal.startTask(USERS.member);
      const theirs = await portal.startTask(USERS.admin);
      const list = async (user: string) => {
        const res = await request(portal.server)
          .get('/api/scaffolder/v2/tasks')
          .set(await portal.headers({ user }));
        expect(res.status).toBe(200);
        return res.body.tasks as { id: string; createdBy?: string }[];
      };
      const danaSees = await list(USERS.member);
      expect(danaSees.map(t => t.id)).toContain(mine);
      expect(danaSees.map(t => t.id)).not.toContain(theirs);
      expect(danaSees.every(t => t.createdBy === USERS.member)).toBe(true);
      const quinnSees = (await list(USERS.admin)).map(t => t.id);
      expect(quinnSees).toEqual(expect.arrayContaining([mine, theirs]));
    });

    it("runs a user's task through the registered template's steps", async () => {
      const id = await portal.startTask(USERS.member);
      const res = await request(portal.server)
        .get(`/api/scaffolder/v2/tasks/${id}`)
        .set(await portal.headers({ user: USERS.member }));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'completed',
        createdBy: USERS.member,
        spec: { steps: [{ action: 'debug:log' }] },
      });
    });

    it('serves the model card a user may read', async () => {
      const res = await REQUESTS['ml-catalog.documents.read'](
        portal,
        'member',
        await portal.headers({ user: USERS.member }),
      );
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).toContain('Scores card transactions.');
    });

    it('really removes an entity its owner deletes', async () => {
      const ref = portal.takeFromPool('risk-ml-component');
      const uid = await portal.uid(ref);
      const res = await request(portal.server)
        .delete(`/api/catalog/entities/by-uid/${uid}`)
        .set(await portal.headers({ user: USERS.member }));
      expect(res.status).toBe(204);
      const after = await request(portal.server)
        .get(`/api/catalog/entities/by-uid/${uid}`)
        .set(await portal.headers('service'));
      expect(after.status).toBe(404);
    });

    it("registers a location from a template's catalog:register step only for an admin: the step acts with the initiator's credentials", async () => {
      const byDana = await portal.startTask(USERS.member, {
        template: REGISTER_TEMPLATE,
        greeting: 'registered-by-dana',
      });
      await portal.startTask(USERS.admin, {
        template: REGISTER_TEMPLATE,
        greeting: 'registered-by-quinn',
      });
      const danaTask = await request(portal.server)
        .get(`/api/scaffolder/v2/tasks/${byDana}`)
        .set(await portal.headers({ user: USERS.member }));
      expect(danaTask.body.status).toBe('failed');
      const locations = await request(portal.server)
        .get('/api/catalog/locations')
        .set(await portal.headers('service'));
      const targets = JSON.stringify(locations.body);
      expect(targets).toContain('/acme/registered-by-quinn/');
      expect(targets).not.toContain('/acme/registered-by-dana/');
    });

    it("serves an admin the scorecard of the graded model, from the catalog collector's facts", async () => {
      const res = await request(portal.server)
        .get(SCORECARD)
        .set(await portal.headers({ user: USERS.admin }));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        entityRef: MODEL_REF,
        owner: 'group:default/risk-ml',
        tier: 2,
        requiredLevel: 'silver',
      });
      const states = Object.fromEntries(
        (res.body.checks as { id: string; state: string }[]).map(c => [
          c.id,
          c.state,
        ]),
      );
      expect(states).toMatchObject({
        'owner-defined': 'pass',
        'model-card-linked': 'pass',
        'tier-declared': 'pass',
        'system-assigned': expect.stringMatching(/^(fail|exempt)$/),
      });
    });

    it('lets only an admin grant an exemption, and the exemption changes the grade', async () => {
      type Card = {
        counts: Record<string, number>;
        checks: { id: string; state: string; exemptionId?: string }[];
      };
      const scorecard = async (): Promise<Card> => {
        const res = await request(portal.server)
          .get(SCORECARD)
          .set(await portal.headers({ user: USERS.member }));
        expect(res.status).toBe(200);
        return res.body;
      };
      const check = (card: Card) =>
        card.checks.find(c => c.id === 'system-assigned');
      const before = await scorecard();
      expect(check(before)).toMatchObject({ state: 'fail' });

      const byMember = await request(portal.server)
        .post(`${READINESS}/exemptions`)
        .set(await portal.headers({ user: USERS.member }))
        .send(exemptionBody('system-assigned', 'member'));
      expect(byMember.status).toBe(403);
      expect(check(await scorecard())).toMatchObject({ state: 'fail' });

      const byAdmin = await request(portal.server)
        .post(`${READINESS}/exemptions`)
        .set(await portal.headers({ user: USERS.admin }))
        .send(exemptionBody('system-assigned', 'admin'));
      expect(byAdmin.status).toBe(201);
      const after = await scorecard();
      expect(check(after)).toMatchObject({
        state: 'exempt',
        exemptionId: byAdmin.body.id,
      });
      expect(after.counts.fail).toBe(before.counts.fail - 1);
      expect(after.counts.exempt).toBe(before.counts.exempt + 1);

      const revoked = await request(portal.server)
        .post(`${READINESS}/exemptions/${byAdmin.body.id}/revoke`)
        .set(await portal.headers({ user: USERS.admin }))
        .send({ reason: 'the system is assigned now' });
      expect(revoked.status).toBe(200);
      expect(check(await scorecard())).toMatchObject({ state: 'fail' });
    });

    it("holds CI's gate token to the gate", async () => {
      const gateToken = { authorization: `Bearer ${GATE_SERVICE_TOKEN}` };
      const gate = await request(portal.server)
        .post(`${READINESS}/gate`)
        .set(gateToken)
        .send({ entityRef: MODEL_REF, version: '1', stage: 'production' });
      expect(gate.status).toBe(200);
      expect(gate.body).toMatchObject({
        allowed: false,
        requiredLevel: 'silver',
        decisionId: expect.any(String),
      });
      for (const path of [
        SCORECARD,
        `${READINESS}/overview`,
        `${READINESS}/evidence?entityRef=${encodeURIComponent(MODEL_REF)}`,
      ]) {
        const res = await request(portal.server).get(path).set(gateToken);
        expect({ path, status: res.status }).toEqual({ path, status: 403 });
      }
      const catalog = await request(portal.server)
        .get('/api/catalog/entities')
        .set(gateToken);
      expect(catalog.status).toBe(403);
    });

    it('holds a service token to its access restrictions', async () => {
      const readOnly = { authorization: `Bearer ${READ_ONLY_SERVICE_TOKEN}` };
      const read = await request(portal.server)
        .get('/api/catalog/entities')
        .set(readOnly);
      expect(read.status).toBe(200);
      const register = await request(portal.server)
        .post('/api/catalog/locations')
        .set(readOnly)
        .send({
          type: 'url',
          target:
            'https://git.example.com/acme/reader/blob/main/catalog-info.yaml',
        });
      expect(register.status).toBe(403);
      const scaffold = await request(portal.server)
        .get('/api/scaffolder/v2/tasks')
        .set(readOnly);
      expect(scaffold.status).toBe(403);
    });

    it('does not register a location a user was refused', async () => {
      const target =
        'https://git.example.com/acme/refused/blob/main/catalog-info.yaml';
      const res = await request(portal.server)
        .post('/api/catalog/locations')
        .set(await portal.headers({ user: USERS.member }))
        .send({ type: 'url', target });
      expect(res.status).toBe(403);
      const locations = await request(portal.server)
        .get('/api/catalog/locations')
        .set(await portal.headers('service'));
      expect(JSON.stringify(locations.body)).not.toContain(target);
    });
  });
});
