import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ReadinessService } from '../service/ReadinessService';
import { principalName } from '../service/createRouter';

/**
 * Registers the readiness queries as actions (for MCP clients through the
 * actions backend): a model's scorecard, the gate, models failing a check.
 * They run with the caller's credentials, so the same visibility and
 * permission rules apply as on the HTTP API.
 */
export function registerReadinessActions(options: {
  actionsRegistry: ActionsRegistryService;
  service: ReadinessService;
}): void {
  const { actionsRegistry, service } = options;

  actionsRegistry.register({
    name: 'get-model-readiness-scorecard',
    title: 'Get a model readiness scorecard',
    description:
      "Returns a model's readiness level, the level its tier requires and every check with its state, reason and remediation.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('Model entity ref, e.g. resource:default/fraud-scoring'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          level: z.string(),
          requiredLevel: z.string(),
          meetsRequiredLevel: z.boolean(),
          checks: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              state: z.string(),
              reason: z.string(),
              remediation: z.string(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      await service.assertCanRead(credentials);
      const scorecard = await service.getScorecard(
        input.entityRef,
        credentials,
      );
      return {
        output: {
          entityRef: scorecard.entityRef,
          level: scorecard.level,
          requiredLevel: scorecard.requiredLevel,
          meetsRequiredLevel: scorecard.meetsRequiredLevel,
          checks: scorecard.checks.map(c => ({
            id: c.id,
            title: c.title,
            state: c.state,
            reason: c.reason,
            remediation: c.remediation,
          })),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'evaluate-readiness-gate',
    title: 'Ask the readiness gate',
    description:
      'May version V of model M go to stage S? Returns allowed, the level, the required level and the blocking checks; the decision is stored as evidence.',
    attributes: { readOnly: false, idempotent: false, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().describe('Model entity ref'),
          version: z.string().describe('Registered model version'),
          stage: z
            .enum(['development', 'staging', 'production', 'archived'])
            .describe('Target stage'),
        }),
      output: z =>
        z.object({
          decisionId: z.string(),
          allowed: z.boolean(),
          level: z.string(),
          requiredLevel: z.string(),
          reasons: z.array(z.string()),
        }),
    },
    action: async ({ input, credentials }) => {
      const decision = await service.gate(
        input,
        credentials,
        principalName(credentials),
      );
      return {
        output: {
          decisionId: decision.decisionId,
          allowed: decision.allowed,
          level: decision.level,
          requiredLevel: decision.requiredLevel,
          reasons: decision.reasons,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'list-models-failing-readiness-check',
    title: 'List models failing a readiness check',
    description:
      'Lists the models (visible to the caller) whose current grade fails a readiness check, optionally also those where it is unknown.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          checkId: z.string().describe('Check id, e.g. runbook-linked'),
          includeUnknown: z.boolean().optional(),
        }),
      output: z =>
        z.object({
          items: z.array(
            z.object({ entityRef: z.string(), state: z.string() }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      await service.assertCanRead(credentials);
      return {
        output: {
          items: await service.modelsFailingCheck(
            input.checkId,
            input.includeUnknown ?? false,
            credentials,
          ),
        },
      };
    },
  });
}
