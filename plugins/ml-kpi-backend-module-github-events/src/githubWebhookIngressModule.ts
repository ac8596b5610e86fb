import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import { describeMalformedPayload } from '@ml-golden-paths/plugin-ml-kpi-common';
import { verifyGithubSignature } from './verifyGithubSignature';

/** The events topic GitHub webhook deliveries are published on. */
export const GITHUB_WEBHOOK_TOPIC = 'github';

/**
 * The events topic a refused delivery is reported on (payload:
 * {@link GithubWebhookRejection}), so the KPI plugin can count them.
 */
export const GITHUB_WEBHOOK_REJECTED_TOPIC = 'github.rejected';

/** What is published on {@link GITHUB_WEBHOOK_REJECTED_TOPIC}. */
export type GithubWebhookRejection = {
  status: number;
  reason: string;
  event?: string;
  deliveryId?: string;
};

const header = (value: string | string[] | undefined) =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/**
 * Accepts GitHub webhooks on `POST /api/events/http/github` and publishes them
 * on the `github` topic, but only when their signature matches
 * `mlGoldenPaths.github.webhookSecret`, they carry an `x-github-delivery` id
 * and the payload of an event the KPIs read is well-formed. Without a secret
 * every delivery is refused with a message saying so. Every refusal is
 * reported on the `github.rejected` topic.
 */
export const githubWebhookIngressModule = createBackendModule({
  pluginId: 'events',
  moduleId: 'github-webhook-ingress',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        events: eventsExtensionPoint,
        eventsService: eventsServiceRef,
      },
      async init({ config, logger, events, eventsService }) {
        const secret = config.getOptionalString(
          'mlGoldenPaths.github.webhookSecret',
        );
        if (!secret) {
          logger.info(
            'GitHub webhooks are refused: mlGoldenPaths.github.webhookSecret is not set',
          );
        }
        events.addHttpPostIngress({
          topic: GITHUB_WEBHOOK_TOPIC,
          async validator(request, context) {
            const event = header(request.headers['x-github-event']);
            const deliveryId = header(request.headers['x-github-delivery']);
            const reject = async (status: number, reason: string) => {
              context.reject({ status, payload: { message: reason } });
              logger.warn(
                `Refused GitHub webhook delivery ${deliveryId ?? '(no id)'}: ${reason}`,
              );
              const rejection: GithubWebhookRejection = {
                status,
                reason,
                event,
                deliveryId,
              };
              await eventsService
                .publish({
                  topic: GITHUB_WEBHOOK_REJECTED_TOPIC,
                  eventPayload: rejection,
                })
                .catch(error =>
                  logger.warn(`Could not report a refused delivery: ${error}`),
                );
            };
            if (!secret) {
              await reject(
                503,
                'GitHub webhooks are disabled: set mlGoldenPaths.github.webhookSecret',
              );
              return;
            }
            const check = verifyGithubSignature({
              secret,
              rawBody: request.raw.body,
              headers: request.headers,
            });
            if (!check.ok) {
              await reject(check.status, check.message);
              return;
            }
            if (!deliveryId) {
              await reject(
                400,
                'Missing x-github-delivery header; every GitHub delivery has an id',
              );
              return;
            }
            const malformed = describeMalformedPayload(event!, request.body);
            if (malformed) {
              await reject(400, malformed);
            }
          },
        });
      },
    });
  },
});
