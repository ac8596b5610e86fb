import { createHmac } from 'node:crypto';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import eventsPlugin from '@backstage/plugin-events-backend';
import request from 'supertest';
import { githubWebhookIngressModule } from './githubWebhookIngressModule';

const secret = 'canary-webhook-secret-91ab';

async function startWith(config: object) {
  const { server } = await startTestBackend({
    features: [
      eventsPlugin,
      githubWebhookIngressModule,
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  return server;
}

function sign(body: string) {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

describe('githubWebhookIngressModule', () => {
  it('accepts signed deliveries and refuses unsigned or forged ones', async () => {
    const server = await startWith({
      mlGoldenPaths: { github: { webhookSecret: secret } },
    });
    const body = JSON.stringify({ action: 'completed' });

    const accepted = await request(server)
      .post('/api/events/http/github')
      .set('content-type', 'application/json')
      .set('x-github-event', 'ping')
      .set('x-github-delivery', 'd-1')
      .set('x-hub-signature-256', sign(body))
      .send(body);
    expect(accepted.status).toBe(202);

    const forged = await request(server)
      .post('/api/events/http/github')
      .set('content-type', 'application/json')
      .set('x-github-event', 'workflow_run')
      .set('x-hub-signature-256', sign('{"other":true}'))
      .send(body);
    expect(forged.status).toBe(401);
    expect(JSON.stringify(forged.body)).toMatch(/does not match/);
    expect(JSON.stringify(forged.body)).not.toContain(secret);
  });

  it('refuses a signed delivery without an id or with a malformed payload, naming the problem', async () => {
    const server = await startWith({
      mlGoldenPaths: { github: { webhookSecret: secret } },
    });
    const body = JSON.stringify({ action: 'completed' });
    const noId = await request(server)
      .post('/api/events/http/github')
      .set('content-type', 'application/json')
      .set('x-github-event', 'workflow_run')
      .set('x-hub-signature-256', sign(body))
      .send(body);
    expect(noId.status).toBe(400);
    expect(noId.body.message).toMatch(/x-github-delivery/);

    const malformed = await request(server)
      .post('/api/events/http/github')
      .set('content-type', 'application/json')
      .set('x-github-event', 'workflow_run')
      .set('x-github-delivery', 'd-2')
      .set('x-hub-signature-256', sign(body))
      .send(body);
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(
      /^Malformed workflow_run payload: repository: Required/,
    );
  });

  it('says webhooks are disabled when no secret is configured', async () => {
    const server = await startWith({});
    const res = await request(server)
      .post('/api/events/http/github')
      .set('content-type', 'application/json')
      .set('x-github-event', 'push')
      .send('{}');
    expect(res.status).toBe(503);
    expect(JSON.stringify(res.body)).toMatch(/webhookSecret/);
  });
});
