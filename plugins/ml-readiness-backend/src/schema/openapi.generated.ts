// GENERATED from openapi.yaml by scripts/generate-openapi.cjs; do not edit.
/* eslint-disable */
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import type { Router } from 'express';

export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'ml-readiness',
    version: '1',
    description:
      'Readiness scorecards of ML models: stored grades, overview, history, the promotion gate with evidence records, and exemptions. Every route needs credentials; users see only the models the catalog lets them see.',
    license: {
      name: 'Apache-2.0',
    },
  },
  servers: [
    {
      url: '/',
    },
  ],
  components: {
    parameters: {
      namespace: {
        name: 'namespace',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
        },
      },
      name: {
        name: 'name',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
        },
      },
      days: {
        name: 'days',
        in: 'query',
        required: false,
        schema: {
          type: 'integer',
          minimum: 1,
          maximum: 730,
        },
      },
      factSet: {
        name: 'factSet',
        in: 'query',
        required: false,
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 64,
        },
      },
    },
    schemas: {
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
            required: ['name', 'message'],
          },
        },
        required: ['error'],
      },
      Level: {
        type: 'string',
        enum: ['none', 'bronze', 'silver', 'gold'],
      },
      RequiredLevel: {
        type: 'string',
        enum: ['bronze', 'silver', 'gold'],
      },
      Stage: {
        type: 'string',
        enum: ['development', 'staging', 'production', 'archived'],
      },
      CheckState: {
        type: 'string',
        enum: ['pass', 'fail', 'unknown', 'exempt', 'not-applicable'],
      },
      ScorecardCheck: {
        type: 'object',
        additionalProperties: false,
        properties: {
          id: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          category: {
            type: 'string',
          },
          level: {
            $ref: '#/components/schemas/RequiredLevel',
          },
          state: {
            $ref: '#/components/schemas/CheckState',
          },
          reason: {
            type: 'string',
          },
          factTimes: {
            type: 'object',
            additionalProperties: {
              type: 'string',
              format: 'date-time',
            },
          },
          remediation: {
            type: 'string',
          },
          goldenPathLink: {
            type: 'string',
          },
          exemptionId: {
            type: 'string',
          },
        },
        required: [
          'id',
          'title',
          'category',
          'level',
          'state',
          'reason',
          'factTimes',
          'remediation',
          'goldenPathLink',
        ],
      },
      Scorecard: {
        type: 'object',
        additionalProperties: false,
        properties: {
          entityRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          owner: {
            type: 'string',
          },
          tier: {
            type: 'integer',
          },
          stage: {
            $ref: '#/components/schemas/Stage',
          },
          level: {
            $ref: '#/components/schemas/Level',
          },
          requiredLevel: {
            $ref: '#/components/schemas/RequiredLevel',
          },
          meetsRequiredLevel: {
            type: 'boolean',
          },
          gradedAt: {
            type: 'string',
            format: 'date-time',
          },
          counts: {
            type: 'object',
            additionalProperties: {
              type: 'integer',
            },
          },
          checks: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ScorecardCheck',
            },
          },
        },
        required: [
          'entityRef',
          'tier',
          'stage',
          'level',
          'requiredLevel',
          'meetsRequiredLevel',
          'gradedAt',
          'counts',
          'checks',
        ],
      },
      OverviewRow: {
        type: 'object',
        additionalProperties: false,
        properties: {
          entityRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          owner: {
            type: 'string',
          },
          tier: {
            type: 'integer',
          },
          stage: {
            $ref: '#/components/schemas/Stage',
          },
          level: {
            $ref: '#/components/schemas/Level',
          },
          requiredLevel: {
            $ref: '#/components/schemas/RequiredLevel',
          },
          meetsRequiredLevel: {
            type: 'boolean',
          },
          failing: {
            type: 'integer',
          },
          unknown: {
            type: 'integer',
          },
          exempt: {
            type: 'integer',
          },
          failingChecks: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          gradedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: [
          'entityRef',
          'tier',
          'stage',
          'level',
          'requiredLevel',
          'meetsRequiredLevel',
          'failing',
          'unknown',
          'exempt',
          'failingChecks',
          'gradedAt',
        ],
      },
      OverviewPage: {
        type: 'object',
        additionalProperties: false,
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/OverviewRow',
            },
          },
          totalItems: {
            type: 'integer',
          },
          offset: {
            type: 'integer',
          },
          limit: {
            type: 'integer',
          },
        },
        required: ['items', 'totalItems', 'offset', 'limit'],
      },
      HistoryEntry: {
        type: 'object',
        additionalProperties: false,
        properties: {
          entityRef: {
            type: 'string',
          },
          owner: {
            type: 'string',
          },
          level: {
            $ref: '#/components/schemas/Level',
          },
          requiredLevel: {
            $ref: '#/components/schemas/RequiredLevel',
          },
          meetsRequiredLevel: {
            type: 'boolean',
          },
          failing: {
            type: 'integer',
          },
          unknown: {
            type: 'integer',
          },
          exempt: {
            type: 'integer',
          },
          failingChecks: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          recordedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: [
          'entityRef',
          'level',
          'requiredLevel',
          'meetsRequiredLevel',
          'failing',
          'unknown',
          'exempt',
          'failingChecks',
          'recordedAt',
        ],
      },
      HistoryList: {
        type: 'object',
        additionalProperties: false,
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/HistoryEntry',
            },
          },
        },
        required: ['items'],
      },
      FactHistoryEntry: {
        type: 'object',
        additionalProperties: false,
        description:
          'One stored version of a fact set, rebuilt from the history.',
        properties: {
          factSet: {
            type: 'string',
          },
          status: {
            type: 'string',
            enum: ['available', 'unavailable'],
          },
          values: {
            type: 'object',
          },
          reason: {
            type: 'string',
          },
          observedAt: {
            type: 'string',
            format: 'date-time',
          },
          changedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: ['factSet', 'status', 'changedAt'],
      },
      FactHistoryList: {
        type: 'object',
        additionalProperties: false,
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/FactHistoryEntry',
            },
          },
        },
        required: ['items'],
      },
      PolicyCheck: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          category: {
            type: 'string',
          },
          level: {
            $ref: '#/components/schemas/RequiredLevel',
          },
          tiers: {
            type: 'array',
            items: {
              type: 'integer',
            },
          },
          stages: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Stage',
            },
          },
          facts: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          rule: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          freshness: {
            type: 'string',
          },
          remediation: {
            type: 'string',
          },
          goldenPathLink: {
            type: 'string',
          },
        },
        required: [
          'id',
          'title',
          'category',
          'level',
          'tiers',
          'stages',
          'facts',
          'rule',
          'description',
          'freshness',
          'remediation',
          'goldenPathLink',
        ],
      },
      Policy: {
        type: 'object',
        additionalProperties: false,
        properties: {
          checks: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/PolicyCheck',
            },
          },
          tierLevels: {
            type: 'object',
            additionalProperties: {
              $ref: '#/components/schemas/RequiredLevel',
            },
          },
        },
        required: ['checks', 'tierLevels'],
      },
      FailingModels: {
        type: 'object',
        additionalProperties: false,
        properties: {
          items: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                entityRef: {
                  type: 'string',
                },
                state: {
                  $ref: '#/components/schemas/CheckState',
                },
              },
              required: ['entityRef', 'state'],
            },
          },
        },
        required: ['items'],
      },
      ServingKpiFact: {
        type: 'object',
        additionalProperties: false,
        properties: {
          enoughData: {
            type: 'boolean',
          },
          value: {
            type: 'number',
          },
        },
        required: ['enoughData', 'value'],
      },
      PlatformModels: {
        type: 'object',
        additionalProperties: false,
        properties: {
          items: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                entityRef: {
                  type: 'string',
                },
                owner: {
                  type: 'string',
                },
                tier: {
                  type: 'integer',
                },
                stage: {
                  $ref: '#/components/schemas/Stage',
                },
                gradedAt: {
                  type: 'string',
                  format: 'date-time',
                },
                checks: {
                  type: 'array',
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    properties: {
                      id: {
                        type: 'string',
                      },
                      category: {
                        type: 'string',
                      },
                      state: {
                        $ref: '#/components/schemas/CheckState',
                      },
                    },
                    required: ['id', 'category', 'state'],
                  },
                },
                docs: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    modelCardAgeDays: {
                      type: 'number',
                    },
                    rollbackRunbookAgeDays: {
                      type: 'number',
                    },
                    collectedAt: {
                      type: 'string',
                      format: 'date-time',
                    },
                  },
                  required: [
                    'modelCardAgeDays',
                    'rollbackRunbookAgeDays',
                    'collectedAt',
                  ],
                },
                serving: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    windowDays: {
                      type: 'number',
                    },
                    requestCount: {
                      $ref: '#/components/schemas/ServingKpiFact',
                    },
                    sloAvailabilityAttainment: {
                      $ref: '#/components/schemas/ServingKpiFact',
                    },
                    latencySloAttainment: {
                      $ref: '#/components/schemas/ServingKpiFact',
                    },
                    collectedAt: {
                      type: 'string',
                      format: 'date-time',
                    },
                  },
                  required: [
                    'windowDays',
                    'requestCount',
                    'sloAvailabilityAttainment',
                    'latencySloAttainment',
                    'collectedAt',
                  ],
                },
              },
              required: ['entityRef', 'tier', 'stage', 'gradedAt', 'checks'],
            },
          },
        },
        required: ['items'],
      },
      GateRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          entityRef: {
            type: 'string',
            minLength: 1,
          },
          version: {
            type: 'string',
            minLength: 1,
            maxLength: 128,
          },
          stage: {
            $ref: '#/components/schemas/Stage',
          },
        },
        required: ['entityRef', 'version', 'stage'],
      },
      GateReason: {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkId: {
            type: 'string',
          },
          state: {
            $ref: '#/components/schemas/CheckState',
          },
          level: {
            $ref: '#/components/schemas/RequiredLevel',
          },
          message: {
            type: 'string',
          },
          remediation: {
            type: 'string',
          },
        },
        required: ['checkId', 'state', 'level', 'message', 'remediation'],
      },
      GateDecision: {
        type: 'object',
        properties: {
          decisionId: {
            type: 'string',
          },
          allowed: {
            type: 'boolean',
          },
          level: {
            $ref: '#/components/schemas/Level',
          },
          requiredLevel: {
            $ref: '#/components/schemas/RequiredLevel',
          },
          reasons: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          checks: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/GateReason',
            },
          },
          decidedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: [
          'decisionId',
          'allowed',
          'level',
          'requiredLevel',
          'reasons',
          'checks',
          'decidedAt',
        ],
      },
      GateEvidence: {
        allOf: [
          {
            $ref: '#/components/schemas/GateDecision',
          },
          {
            type: 'object',
            properties: {
              entityRef: {
                type: 'string',
              },
              version: {
                type: 'string',
              },
              stage: {
                $ref: '#/components/schemas/Stage',
              },
              requestedBy: {
                type: 'string',
              },
              scorecard: {
                $ref: '#/components/schemas/Scorecard',
              },
            },
            required: [
              'entityRef',
              'version',
              'stage',
              'requestedBy',
              'scorecard',
            ],
          },
        ],
      },
      EvidenceList: {
        type: 'object',
        additionalProperties: false,
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/GateEvidence',
            },
          },
        },
        required: ['items'],
      },
      Exemption: {
        type: 'object',
        additionalProperties: false,
        properties: {
          id: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          checkId: {
            type: 'string',
          },
          reason: {
            type: 'string',
          },
          compensatingControl: {
            type: 'string',
          },
          approver: {
            type: 'string',
          },
          createdBy: {
            type: 'string',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          expiresAt: {
            type: 'string',
            format: 'date-time',
          },
          revokedAt: {
            type: 'string',
            format: 'date-time',
          },
          revokedBy: {
            type: 'string',
          },
          revokeReason: {
            type: 'string',
          },
          status: {
            type: 'string',
            enum: ['active', 'expired', 'revoked'],
          },
        },
        required: [
          'id',
          'entityRef',
          'checkId',
          'reason',
          'compensatingControl',
          'approver',
          'createdBy',
          'createdAt',
          'expiresAt',
          'status',
        ],
      },
      ExemptionList: {
        type: 'object',
        additionalProperties: false,
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Exemption',
            },
          },
        },
        required: ['items'],
      },
      ExemptionCreate: {
        type: 'object',
        additionalProperties: false,
        properties: {
          entityRef: {
            type: 'string',
            minLength: 1,
          },
          checkId: {
            type: 'string',
            minLength: 1,
          },
          reason: {
            type: 'string',
            minLength: 1,
            maxLength: 2000,
          },
          compensatingControl: {
            type: 'string',
            minLength: 1,
            maxLength: 2000,
          },
          approver: {
            type: 'string',
            minLength: 1,
          },
          expiresAt: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: [
          'entityRef',
          'checkId',
          'reason',
          'compensatingControl',
          'approver',
          'expiresAt',
        ],
      },
      ExemptionRevoke: {
        type: 'object',
        additionalProperties: false,
        properties: {
          reason: {
            type: 'string',
            minLength: 1,
            maxLength: 2000,
          },
        },
        required: ['reason'],
      },
      AuditList: {
        type: 'object',
        additionalProperties: false,
        properties: {
          items: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                action: {
                  type: 'string',
                },
                actor: {
                  type: 'string',
                },
                at: {
                  type: 'string',
                  format: 'date-time',
                },
              },
              required: ['action', 'actor', 'at'],
            },
          },
        },
        required: ['items'],
      },
    },
    responses: {
      ErrorResponse: {
        description: 'An error',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
  },
  paths: {
    '/policy': {
      get: {
        operationId: 'GetPolicy',
        description: 'The effective policy (checks and tier → level mapping).',
        responses: {
          '200': {
            description: 'The policy',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Policy',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/scorecards/{namespace}/{name}': {
      get: {
        operationId: 'GetScorecard',
        description: "A model's stored scorecard. Never re-runs collection.",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The scorecard',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Scorecard',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/scorecards/{namespace}/{name}/history': {
      get: {
        operationId: 'GetModelHistory',
        description:
          'Grade snapshots of one model (one per change), oldest first.',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/days',
          },
        ],
        responses: {
          '200': {
            description: 'History',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/HistoryList',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/scorecards/{namespace}/{name}/facts/history': {
      get: {
        operationId: 'GetModelFactHistory',
        description:
          "Every stored version of the model's fact sets (or of one) that changed in the last `days` days, oldest first.",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/days',
          },
          {
            $ref: '#/components/parameters/factSet',
          },
        ],
        responses: {
          '200': {
            description: 'Fact history',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/FactHistoryList',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/scorecards/{namespace}/{name}/refresh': {
      post: {
        operationId: 'RefreshModel',
        description:
          "Re-collects one model's facts now and returns the new scorecard.",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The new scorecard',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Scorecard',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/overview': {
      get: {
        operationId: 'GetOverview',
        description:
          "Every visible model's grade, filtered, sorted and paged in the database.",
        parameters: [
          {
            name: 'owner',
            in: 'query',
            schema: {
              type: 'string',
            },
            description: 'Owner group ref; includes its child teams',
          },
          {
            name: 'tier',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 0,
              maximum: 3,
            },
          },
          {
            name: 'level',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/Level',
            },
          },
          {
            name: 'stage',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/Stage',
            },
          },
          {
            name: 'failingCheck',
            in: 'query',
            schema: {
              type: 'string',
            },
          },
          {
            name: 'meetsRequiredLevel',
            in: 'query',
            schema: {
              type: 'boolean',
            },
          },
          {
            name: 'orderBy',
            in: 'query',
            schema: {
              type: 'string',
              enum: [
                'entityRef',
                'level',
                'tier',
                'failing',
                'owner',
                'gradedAt',
              ],
            },
          },
          {
            name: 'order',
            in: 'query',
            schema: {
              type: 'string',
              enum: ['asc', 'desc'],
            },
          },
          {
            name: 'offset',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 0,
            },
          },
          {
            name: 'limit',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
            },
          },
        ],
        responses: {
          '200': {
            description: 'One page',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/OverviewPage',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/overview/export': {
      get: {
        operationId: 'ExportOverview',
        description: 'The filtered overview as CSV (all pages).',
        parameters: [
          {
            name: 'owner',
            in: 'query',
            schema: {
              type: 'string',
            },
          },
          {
            name: 'tier',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 0,
              maximum: 3,
            },
          },
          {
            name: 'level',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/Level',
            },
          },
          {
            name: 'stage',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/Stage',
            },
          },
          {
            name: 'failingCheck',
            in: 'query',
            schema: {
              type: 'string',
            },
          },
          {
            name: 'meetsRequiredLevel',
            in: 'query',
            schema: {
              type: 'boolean',
            },
          },
        ],
        responses: {
          '200': {
            description: 'CSV',
            content: {
              'text/csv': {
                schema: {
                  type: 'string',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/teams/history': {
      get: {
        operationId: 'GetTeamHistory',
        description:
          'Grade snapshots of every visible model owned by a team or its child teams.',
        parameters: [
          {
            name: 'owner',
            in: 'query',
            required: true,
            schema: {
              type: 'string',
            },
          },
          {
            $ref: '#/components/parameters/days',
          },
        ],
        responses: {
          '200': {
            description: 'History',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/HistoryList',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/checks/{checkId}/failing': {
      get: {
        operationId: 'GetModelsFailingCheck',
        description:
          'Visible models whose current grade fails (or cannot establish) a check.',
        parameters: [
          {
            name: 'checkId',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
            },
          },
          {
            name: 'includeUnknown',
            in: 'query',
            schema: {
              type: 'boolean',
            },
          },
        ],
        responses: {
          '200': {
            description: 'Models',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/FailingModels',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/platform/models': {
      get: {
        operationId: 'GetPlatformModels',
        description:
          "Every visible model's current check states (with their category), documentation ages from its repository facts and SLO attainment from its serving facts: the inputs of the ML KPI plugin's platform roll-ups and KPI card. Read-only.",
        responses: {
          '200': {
            description: 'Models',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PlatformModels',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/gate': {
      post: {
        operationId: 'EvaluateGate',
        description:
          'May version V of model M go to stage S? The decision is stored as evidence.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/GateRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The decision (allowed or not)',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/GateDecision',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/evidence': {
      get: {
        operationId: 'ExportEvidence',
        description:
          'Gate decisions of a model (optionally one version), oldest first, for auditors.',
        parameters: [
          {
            name: 'entityRef',
            in: 'query',
            required: true,
            schema: {
              type: 'string',
            },
          },
          {
            name: 'version',
            in: 'query',
            schema: {
              type: 'string',
            },
          },
        ],
        responses: {
          '200': {
            description: 'Evidence records',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EvidenceList',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/exemptions': {
      get: {
        operationId: 'ListExemptions',
        parameters: [
          {
            name: 'entityRef',
            in: 'query',
            schema: {
              type: 'string',
            },
          },
          {
            name: 'active',
            in: 'query',
            schema: {
              type: 'boolean',
            },
          },
        ],
        responses: {
          '200': {
            description: 'Exemptions, newest first',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ExemptionList',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      post: {
        operationId: 'CreateExemption',
        description:
          'Grants a time-boxed exemption (at most 90 days); needs ml-readiness.exemption.create.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/ExemptionCreate',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'Created',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Exemption',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/exemptions/{id}/revoke': {
      post: {
        operationId: 'RevokeExemption',
        description:
          'Revokes an exemption; needs ml-readiness.exemption.revoke.',
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
            },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/ExemptionRevoke',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'Revoked',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Exemption',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/exemptions/{id}/audit': {
      get: {
        operationId: 'GetExemptionAudit',
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
            },
          },
        ],
        responses: {
          '200': {
            description: 'Audit records, oldest first',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AuditList',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
  },
} as const;

/** A router that validates requests against the spec. */
export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>[1],
): Promise<Router> =>
  createValidatedOpenApiRouter(spec as any, options) as unknown as Router;
