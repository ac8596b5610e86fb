/**
 * Who may do what in the portal: one row per route (or per permission that no
 * route of its own exposes) and case, one column per kind of caller.
 *
 * This table is the single source of truth: the README section "Who may do
 * what" prints it (`renderAccessMatrix`, checked by `accessMatrix.readme.test.ts`)
 * and `accessMatrix.test.ts` calls every row against the real backend plugins
 * as every caller.
 *
 * To add a row: append it here, add a request for its `id` in
 * `accessMatrix.test.ts`, and paste the rendered table into the README (the
 * README test prints it when they differ).
 */

/** The kinds of caller the matrix distinguishes. */
export type Caller = 'anonymous' | 'member' | 'admin' | 'service';

/** Every caller, in column order. */
export const CALLERS: readonly Caller[] = [
  'anonymous',
  'member',
  'admin',
  'service',
];

/** Column headings of the callers. */
export const CALLER_TITLES: Record<Caller, string> = {
  anonymous: 'No credentials',
  member: 'Signed-in user',
  admin: 'Admin',
  service: 'Service',
};

/**
 * What a caller gets: `allowed` (a 2xx response), `denied` (403) or
 * `unauthenticated` (401: no or invalid credentials or signature).
 */
export type Outcome = 'allowed' | 'denied' | 'unauthenticated';

/** One row of the access matrix. */
export type AccessRow = {
  /** Stable key; the matrix test maps it to the request it sends. */
  id: string;
  /** `METHOD /api/plugin/path`, or a description when no route exposes it. */
  route: string;
  /** What is being done, and on what. */
  case: string;
  /** The permission(s) checked, or how the request is authenticated. */
  permission: string;
  /** The outcome for each caller. */
  expect: Record<Caller, Outcome>;
};

const signedIn = (member: Outcome): Record<Caller, Outcome> => ({
  anonymous: 'unauthenticated',
  member,
  admin: 'allowed',
  service: 'allowed',
});

/** The access matrix. */
export const ACCESS_MATRIX: readonly AccessRow[] = [
  // Catalog: reads.
  {
    id: 'catalog.entities.list',
    route: 'GET /api/catalog/entities',
    case: 'read the catalog',
    permission: 'catalog.entity.read',
    expect: signedIn('allowed'),
  },
  {
    id: 'catalog.entities.by-refs',
    route: 'POST /api/catalog/entities/by-refs',
    case: 'read entities by ref',
    permission: 'catalog.entity.read',
    expect: signedIn('allowed'),
  },
  // Catalog: mutations.
  {
    id: 'catalog.locations.create',
    route: 'POST /api/catalog/locations',
    case: 'register a location',
    permission: 'catalog.location.create',
    expect: signedIn('denied'),
  },
  {
    id: 'catalog.locations.delete',
    route: 'DELETE /api/catalog/locations/:id',
    case: 'unregister a location',
    permission: 'catalog.location.delete',
    expect: signedIn('denied'),
  },
  {
    id: 'catalog.refresh.own',
    route: 'POST /api/catalog/refresh',
    case: "an entity of the user's team",
    permission: 'catalog.entity.refresh (owner)',
    expect: signedIn('allowed'),
  },
  {
    id: 'catalog.refresh.other',
    route: 'POST /api/catalog/refresh',
    case: "another team's entity",
    permission: 'catalog.entity.refresh (owner)',
    expect: signedIn('denied'),
  },
  {
    id: 'catalog.delete.own-component',
    route: 'DELETE /api/catalog/entities/by-uid/:uid',
    case: "a Component of the user's team",
    permission:
      'catalog.entity.delete (owner, not Template/Location/User/Group)',
    expect: signedIn('allowed'),
  },
  {
    id: 'catalog.delete.other-component',
    route: 'DELETE /api/catalog/entities/by-uid/:uid',
    case: "another team's Component",
    permission:
      'catalog.entity.delete (owner, not Template/Location/User/Group)',
    expect: signedIn('denied'),
  },
  {
    id: 'catalog.delete.own-template',
    route: 'DELETE /api/catalog/entities/by-uid/:uid',
    case: "a Template of the user's team",
    permission:
      'catalog.entity.delete (owner, not Template/Location/User/Group)',
    expect: signedIn('denied'),
  },
  // Scaffolder.
  {
    id: 'scaffolder.tasks.create',
    route: 'POST /api/scaffolder/v2/tasks',
    case: 'run a registered template',
    permission:
      'scaffolder.task.create, scaffolder.template.parameter.read, scaffolder.template.step.read, scaffolder.action.execute',
    expect: signedIn('allowed'),
  },
  {
    id: 'scaffolder.tasks.list',
    route: 'GET /api/scaffolder/v2/tasks',
    case: 'list tasks (a user sees only their own)',
    permission: 'scaffolder.task.read (task owner)',
    expect: signedIn('allowed'),
  },
  {
    id: 'scaffolder.tasks.read.own',
    route: 'GET /api/scaffolder/v2/tasks/:id',
    case: 'a task the user started',
    permission: 'scaffolder.task.read (task owner)',
    expect: signedIn('allowed'),
  },
  {
    id: 'scaffolder.tasks.read.other',
    route: 'GET /api/scaffolder/v2/tasks/:id',
    case: 'a task someone else started',
    permission: 'scaffolder.task.read (task owner)',
    expect: signedIn('denied'),
  },
  {
    id: 'scaffolder.tasks.cancel.own',
    route: 'POST /api/scaffolder/v2/tasks/:id/cancel',
    case: 'a task the user started',
    permission: 'scaffolder.task.cancel, scaffolder.task.read (task owner)',
    expect: signedIn('allowed'),
  },
  {
    id: 'scaffolder.tasks.cancel.other',
    route: 'POST /api/scaffolder/v2/tasks/:id/cancel',
    case: 'a task someone else started',
    permission: 'scaffolder.task.cancel, scaffolder.task.read (task owner)',
    expect: signedIn('denied'),
  },
  {
    id: 'scaffolder.dry-run',
    route: 'POST /api/scaffolder/v2/dry-run',
    case: 'run template YAML from the request',
    permission: 'scaffolder.task.create, scaffolder.template.dry-run',
    expect: signedIn('denied'),
  },
  // ML Golden Paths.
  {
    id: 'ml-golden-paths.guardrails.override',
    route: '(inside the `mlgp:github:guardrails` action)',
    case: 'apply guardrails to a repository the task did not create',
    permission: 'ml-golden-paths.guardrails.override',
    expect: signedIn('denied'),
  },
  {
    id: 'catalog.ml.invalid-entities',
    route: 'GET /api/catalog/ml/invalid-entities',
    case: 'list the ML entities the catalog could not process',
    permission: 'user or service credentials',
    expect: signedIn('allowed'),
  },
  {
    id: 'ml-catalog.documents.read',
    route:
      'GET /api/ml-catalog/v1/entities/:namespace/:kind/:name/documents/:document',
    case: "read a model's model card",
    permission: 'catalog.entity.read (user credentials only)',
    expect: {
      anonymous: 'unauthenticated',
      member: 'allowed',
      admin: 'allowed',
      service: 'denied',
    },
  },
  // ML readiness (users see the models the catalog shows them; services
  // need ml-readiness.read for every read).
  {
    id: 'ml-readiness.policy',
    route: 'GET /api/ml-readiness/policy',
    case: 'read the readiness policy',
    permission: 'users: none; services: ml-readiness.read',
    expect: signedIn('allowed'),
  },
  {
    id: 'ml-readiness.scorecard',
    route: 'GET /api/ml-readiness/scorecards/:namespace/:name',
    case: "a model's scorecard",
    permission:
      'users: catalog.entity.read of the model; services: ml-readiness.read',
    expect: signedIn('allowed'),
  },
  {
    id: 'ml-readiness.scorecard.history',
    route: 'GET /api/ml-readiness/scorecards/:namespace/:name/history',
    case: "a model's grade history",
    permission:
      'users: catalog.entity.read of the model; services: ml-readiness.read',
    expect: signedIn('allowed'),
  },
  {
    id: 'ml-readiness.scorecard.refresh',
    route: 'POST /api/ml-readiness/scorecards/:namespace/:name/refresh',
    case: "re-collect a model's facts now",
    permission: 'ml-readiness.refresh',
    expect: signedIn('allowed'),
  },
  {
    id: 'ml-readiness.overview',
    route: 'GET /api/ml-readiness/overview',
    case: 'the overview of the models the caller may see',
    permission: 'users: catalog.entity.read; services: ml-readiness.read',
    expect: signedIn('allowed'),
  },
  {
    id: 'ml-readiness.overview.export',
    route: 'GET /api/ml-readiness/overview/export',
    case: 'the overview as CSV',
    permission: 'users: catalog.entity.read; services: ml-readiness.read',
    expect: signedIn('allowed'),
  },
  {
    id: 'ml-readiness.teams.history',
    route: 'GET /api/ml-readiness/teams/history',
    case: "a team's grade history (child teams included)",
    permission: 'users: catalog.entity.read; services: ml-readiness.read',
    expect: signedIn('allowed'),
  },
  {
    id: 'ml-readiness.checks.failing',
    route: 'GET /api/ml-readiness/checks/:checkId/failing',
    case: 'the models failing a check',
    permission: 'users: catalog.entity.read; services: ml-readiness.read',
    expect: signedIn('allowed'),
  },
  {
    id: 'ml-readiness.platform.models',
    route: 'GET /api/ml-readiness/platform/models',
    case: 'check states and documentation ages of the models the caller may see',
    permission: 'users: catalog.entity.read; services: ml-readiness.read',
    expect: signedIn('allowed'),
  },
  {
    id: 'ml-readiness.gate',
    route: 'POST /api/ml-readiness/gate',
    case: 'ask the promotion gate (stored as evidence)',
    permission: 'ml-readiness.gate.evaluate',
    expect: signedIn('allowed'),
  },
  {
    id: 'ml-readiness.evidence',
    route: 'GET /api/ml-readiness/evidence',
    case: "a model's gate decisions, for auditors",
    permission: 'ml-readiness.evidence.read',
    expect: signedIn('allowed'),
  },
  {
    id: 'ml-readiness.exemptions.list',
    route: 'GET /api/ml-readiness/exemptions',
    case: 'list exemptions',
    permission: 'users: catalog.entity.read; services: ml-readiness.read',
    expect: signedIn('allowed'),
  },
  {
    id: 'ml-readiness.exemptions.audit',
    route: 'GET /api/ml-readiness/exemptions/:id/audit',
    case: "an exemption's audit records",
    permission:
      'users: catalog.entity.read of the model; services: ml-readiness.read',
    expect: signedIn('allowed'),
  },
  {
    id: 'ml-readiness.exemptions.create',
    route: 'POST /api/ml-readiness/exemptions',
    case: 'grant an exemption from a check',
    permission: 'ml-readiness.exemption.create (user credentials only)',
    expect: {
      anonymous: 'unauthenticated',
      member: 'denied',
      admin: 'allowed',
      service: 'denied',
    },
  },
  {
    id: 'ml-readiness.exemptions.revoke',
    route: 'POST /api/ml-readiness/exemptions/:id/revoke',
    case: 'revoke an exemption',
    permission: 'ml-readiness.exemption.revoke (user credentials only)',
    expect: {
      anonymous: 'unauthenticated',
      member: 'denied',
      admin: 'allowed',
      service: 'denied',
    },
  },
  {
    id: 'events.github.unsigned',
    route: 'POST /api/events/http/github',
    case: 'a webhook without a valid signature',
    permission: 'HMAC signature (mlGoldenPaths.github.webhookSecret)',
    expect: {
      anonymous: 'unauthenticated',
      member: 'unauthenticated',
      admin: 'unauthenticated',
      service: 'unauthenticated',
    },
  },
  {
    id: 'events.github.signed',
    route: 'POST /api/events/http/github',
    case: 'a webhook signed with the secret',
    permission: 'HMAC signature (mlGoldenPaths.github.webhookSecret)',
    expect: {
      anonymous: 'allowed',
      member: 'allowed',
      admin: 'allowed',
      service: 'allowed',
    },
  },
  {
    id: 'ml-kpi.teams',
    route: 'GET /api/ml-kpi/teams',
    case: 'read the delivery KPIs rolled up per team',
    permission: 'user or service credentials',
    expect: signedIn('allowed'),
  },
  {
    id: 'ml-kpi.model',
    route: 'GET /api/ml-kpi/models/:namespace/:name',
    case: "a model's KPIs, targets and daily trend",
    permission: 'user or service credentials; catalog.entity.read of the model',
    expect: signedIn('allowed'),
  },
  {
    id: 'ml-kpi.teams.trends',
    route: 'GET /api/ml-kpi/teams/trends',
    case: 'the delivery KPIs per team per month',
    permission: 'user or service credentials (visible models only)',
    expect: signedIn('allowed'),
  },
  {
    id: 'ml-kpi.platform',
    route: 'GET /api/ml-kpi/platform',
    case: 'the platform roll-ups from readiness facts',
    permission: 'user or service credentials (visible models only)',
    expect: signedIn('allowed'),
  },
  {
    id: 'ml-kpi.backfill',
    route: 'POST /api/ml-kpi/backfill/:namespace/:name',
    case: "backfill a model's repository from GitHub now",
    permission:
      'user or service credentials; catalog.entity.read of the model (once a minute per model)',
    expect: signedIn('allowed'),
  },
  {
    id: 'ml-kpi.ingest',
    route: 'GET /api/ml-kpi/ingest',
    case: 'read the webhook ingest counters',
    permission: 'user or service credentials',
    expect: signedIn('allowed'),
  },
];

const OUTCOME_TEXT: Record<Outcome, string> = {
  allowed: 'allowed',
  denied: '403',
  unauthenticated: '401',
};

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The access matrix as a markdown table (what the README prints). */
export function renderAccessMatrix(
  rows: readonly AccessRow[] = ACCESS_MATRIX,
): string {
  const header = [
    'Route',
    'Case',
    'Permission',
    ...CALLERS.map(caller => CALLER_TITLES[caller]),
  ];
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => ' --- ').join('|')}|`,
    ...rows.map(row => {
      const route = row.route.startsWith('(')
        ? cell(row.route)
        : `\`${cell(row.route)}\``;
      const cells = [
        route,
        cell(row.case),
        `\`${cell(row.permission)}\``,
        ...CALLERS.map(caller => OUTCOME_TEXT[row.expect[caller]]),
      ];
      return `| ${cells.join(' | ')} |`;
    }),
  ];
  return lines.join('\n');
}
