import { verifyGithubSignature } from '@ml-golden-paths/plugin-ml-kpi-backend-module-github-events';
import {
  describeMalformedPayload,
  githubPayloadSchemas,
} from '@ml-golden-paths/plugin-ml-kpi-common';
import { exampleModels } from './__testUtils__/exampleModels';
import { signDelivery } from './replay';
import { demoWebhookHistory, profileOf } from './webhookHistory';

const now = new Date('2026-11-29T12:00:00Z');
const DAY = 86_400_000;
const models = exampleModels();
const histories = new Map(
  models.map(m => [m.name, demoWebhookHistory(m, { now })]),
);
const all = [...histories.values()].flat();

describe('demoWebhookHistory', () => {
  it('covers every demo model with a repository slug', () => {
    expect(models.length).toBeGreaterThanOrEqual(30);
    expect(models.every(m => /^acme\//.test(m.slug))).toBe(true);
  });

  it('is deterministic: the same models, time and seed give the same deliveries', () => {
    const again = models.flatMap(m => demoWebhookHistory(m, { now }));
    expect(JSON.stringify(again)).toBe(JSON.stringify(all));
    const other = demoWebhookHistory(models[0], { now, seed: 'other' });
    expect(other.map(d => d.deliveryId)).not.toEqual(
      histories.get(models[0].name)!.map(d => d.deliveryId),
    );
  });

  it('moves with now but keeps its delivery ids, so a later replay stores nothing new', () => {
    const model = models.find(
      m => profileOf(m, 'ml-golden-paths-demo').name === 'elite',
    )!;
    const before = histories.get(model.name)!;
    const later = demoWebhookHistory(model, {
      now: new Date(now.getTime() + 3 * DAY),
    });
    expect(later.map(d => d.deliveryId)).toEqual(before.map(d => d.deliveryId));
    expect(later[0].at.getTime() - before[0].at.getTime()).toBe(3 * DAY);
  });

  it('uses unique delivery ids, in time order, all within the 90 days before now', () => {
    const ids = new Set(all.map(d => d.deliveryId));
    expect(ids.size).toBe(all.length);
    for (const history of histories.values()) {
      for (let i = 1; i < history.length; i++) {
        expect(history[i].at.getTime()).toBeGreaterThanOrEqual(
          history[i - 1].at.getTime(),
        );
      }
      for (const d of history) {
        expect(d.at.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(d.at.getTime()).toBeGreaterThan(now.getTime() - 91 * DAY);
      }
    }
  });

  it('sends payloads the ingress accepts (its zod schemas), for its repository', () => {
    for (const [name, history] of histories) {
      const slug = models.find(m => m.name === name)!.slug;
      for (const d of history) {
        expect(describeMalformedPayload(d.event, d.payload)).toBeUndefined();
        const parsed = githubPayloadSchemas[d.event].parse(d.payload);
        expect(parsed.repository.full_name).toBe(slug);
      }
    }
  });

  it('signs each delivery so the ingress signature check passes, and a forged secret fails', () => {
    for (const d of all.slice(0, 200)) {
      const { body, headers } = signDelivery(d, 'dev-secret');
      expect(
        verifyGithubSignature({
          secret: 'dev-secret',
          rawBody: Buffer.from(body),
          headers,
        }),
      ).toEqual({ ok: true });
      expect(headers['x-github-delivery']).toBe(d.deliveryId);
      expect(headers['x-github-event']).toBe(d.event);
      expect(
        verifyGithubSignature({
          secret: 'another-secret',
          rawBody: Buffer.from(body),
          headers,
        }).ok,
      ).toBe(false);
    }
  });

  it('has every kind of event: pushes with commits, merges, CI runs of each outcome, staging and production deployments, incidents', () => {
    const count = (predicate: (d: (typeof all)[number]) => boolean) =>
      all.filter(predicate).length;
    const p = (d: any) => d.payload as any;
    expect(
      count(d => d.event === 'push' && p(d).commits.length > 0),
    ).toBeGreaterThan(500);
    expect(
      count(d => d.event === 'pull_request' && p(d).pull_request.merged_at),
    ).toBeGreaterThan(500);
    for (const conclusion of ['success', 'failure', 'cancelled']) {
      expect(
        count(
          d =>
            d.event === 'workflow_run' &&
            p(d).workflow_run.conclusion === conclusion,
        ),
      ).toBeGreaterThan(conclusion === 'success' ? 500 : 5);
    }
    const status = (env: string, state: string) =>
      count(
        d =>
          d.event === 'deployment_status' &&
          p(d).deployment.environment === env &&
          p(d).deployment_status.state === state,
      );
    expect(status('production', 'success')).toBeGreaterThan(100);
    expect(status('production', 'failure')).toBeGreaterThan(3);
    expect(status('production', 'inactive')).toBeGreaterThan(50);
    expect(status('staging', 'success')).toBeGreaterThan(100);
    const incidents = all.filter(d => d.event === 'issues');
    expect(incidents.length).toBeGreaterThan(10);
    for (const d of incidents) {
      const labels = p(d).issue.labels.map((l: any) => l.name);
      expect(labels).toContain('incident');
      const impact = labels.find((l: string) => l.startsWith('impact-start:'));
      expect(Date.parse(impact.slice('impact-start:'.length))).toBeLessThan(
        Date.parse(p(d).issue.created_at),
      );
    }
    const closed = incidents.filter(d => p(d).action === 'closed');
    expect(closed.length).toBeGreaterThan(5);
    for (const d of closed) {
      expect(Date.parse(p(d).issue.closed_at)).toBeGreaterThan(
        Date.parse(p(d).issue.created_at),
      );
    }
  });

  it('marks an inactive deployment only after it succeeded', () => {
    const early: number[] = [];
    let inactive = 0;
    for (const history of histories.values()) {
      const succeeded = new Set<number>();
      for (const d of history.filter(x => x.event === 'deployment_status')) {
        const { deployment, deployment_status } = d.payload as any;
        if (deployment_status.state === 'success') succeeded.add(deployment.id);
        if (deployment_status.state === 'inactive') {
          inactive += 1;
          if (!succeeded.has(deployment.id)) early.push(deployment.id);
        }
      }
    }
    expect(early).toEqual([]);
    expect(inactive).toBeGreaterThan(50);
  });

  it('varies by model: some production models have fewer than two production deployments in 30 days, models not in production have none', () => {
    const recentProduction = (name: string) =>
      histories
        .get(name)!
        .filter(
          d =>
            d.event === 'deployment_status' &&
            (d.payload as any).deployment.environment === 'production' &&
            (d.payload as any).deployment_status.state === 'success' &&
            d.at.getTime() > now.getTime() - 30 * DAY,
        ).length;
    const production = models.filter(m => m.lifecycle === 'production');
    const sparse = production.filter(m => recentProduction(m.name) < 2);
    expect(sparse.length).toBeGreaterThanOrEqual(1);
    expect(production.length - sparse.length).toBeGreaterThanOrEqual(15);
    for (const m of models.filter(x => x.lifecycle !== 'production')) {
      expect(recentProduction(m.name)).toBe(0);
    }
    const profiles = new Set(
      production.map(m => profileOf(m, 'ml-golden-paths-demo').name),
    );
    expect([...profiles].sort()).toEqual([
      'elite',
      'high',
      'low',
      'medium',
      'sparse',
    ]);
  });
});
