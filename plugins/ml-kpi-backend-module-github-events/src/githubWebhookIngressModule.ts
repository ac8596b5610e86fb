import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import { verifyGithubSignature } from './verifyGithubSignature';

/** The events topic GitHub webhook deliveries are published on. */
export const GITHUB_WEBHOOK_TOPIC = 'github';

/**
 * Accepts GitHub webhooks on `POST /api/events/http/github` and publishes them
 * on the `github` topic, but only when their signature matches
 * `mlGoldenPaths.github.webhookSecret`. Without a secret every delivery is
 * refused with a message saying so.
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
      },
      async init({ config, logger, events }) {
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
            if (!secret) {
              context.reject({
                status: 503,
                payload: {
                  message:
                    'GitHub webhooks are disabled: set mlGoldenPaths.github.webhookSecret',
                },
              });
              return;
            }
            const check = verifyGithubSignature({
              secret,
              rawBody: request.raw.body,
              headers: request.headers,
            });
            if (!check.ok) {
              context.reject({
                status: check.status,
                payload: { message: check.message },
              });
            }
          },
        });
      },
    });
  },
});
