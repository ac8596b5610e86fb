/**
 * What a signed-in user who is not an admin may do, by permission name.
 *
 * - `allow`: always.
 * - `owned-entity`: only on catalog entities owned by the user or one of their
 *   groups (the catalog's `isEntityOwner` rule).
 * - `owned-component-or-resource`: as `owned-entity`, and never on the kinds
 *   that govern the portal itself (Template, Location, User, Group).
 * - `own-task`: only on scaffolder tasks the user started (the scaffolder's
 *   `isTaskOwner` rule).
 * - `deny`: never (listed to say so explicitly).
 *
 * A permission missing from the table is denied to non-admins. Admins (members
 * of `mlGoldenPaths.permissions.adminGroups`) are allowed everything and never
 * consult this table. A further role (for example architects who may grant
 * readiness exemptions, if they should not all be admins) is a further group
 * list in config and a further table of this shape, consulted before this one.
 */
export type MemberGrant =
  | 'allow'
  | 'deny'
  | 'owned-entity'
  | 'owned-component-or-resource'
  | 'own-task';

/** Kinds whose entities only admins may delete: they govern the portal. */
export const GOVERNING_KINDS = ['Template', 'Location', 'User', 'Group'];

/**
 * The non-admin grants. To grant a new permission (for example
 * `ml-readiness.gate.read`), add one line here and a row to the access matrix
 * (`src/access/accessMatrix.ts`).
 */
export const MEMBER_GRANTS: Readonly<Record<string, MemberGrant>> = {
  // Catalog: read everything; refresh what you own; delete your own
  // components/resources (an entity whose location still exists comes back
  // on the next processing run).
  'catalog.entity.read': 'allow',
  'catalog.location.read': 'allow',
  'catalog.entity.refresh': 'owned-entity',
  'catalog.entity.delete': 'owned-component-or-resource',
  // Registering anything is for admins: a location makes the catalog fetch a
  // URL with the portal's integration credentials.
  'catalog.entity.create': 'deny',
  'catalog.location.create': 'deny',
  'catalog.location.delete': 'deny',
  'catalog.location.analyze': 'deny',
  'catalog.entity.validate': 'deny',
  'catalog.ingestion.read': 'deny',
  'catalog.ingestion.manage': 'deny',

  // Scaffolder: run the templates the platform registered. Templates only come
  // from configured locations (`catalog.rules`) and the dry run, which takes
  // arbitrary template YAML, is denied, so the steps a user's task executes
  // are always those of a registered template.
  'scaffolder.template.parameter.read': 'allow',
  'scaffolder.template.step.read': 'allow',
  'scaffolder.task.create': 'allow',
  'scaffolder.action.execute': 'allow',
  'scaffolder.task.read': 'own-task',
  'scaffolder.task.cancel': 'own-task',
  'scaffolder.template.dry-run': 'deny',
  'scaffolder.template.management': 'deny',

  // ML Golden Paths: re-applying guardrails to a repository the task did not
  // create is an admin's decision.
  'ml-golden-paths.guardrails.override': 'deny',

  // ML readiness: users read what the catalog shows them (the plugin asks the
  // catalog with their credentials); `ml-readiness.read` is what a service
  // needs and is harmless for users. Refresh is a basic permission (not a
  // catalog resource), so it cannot be narrowed to owned models: it only
  // re-reads the sources of a model the user can see in the catalog. Exemptions
  // change what the gate lets through: admins (the architects) only.
  'ml-readiness.read': 'allow',
  'ml-readiness.gate.evaluate': 'allow',
  'ml-readiness.refresh': 'allow',
  'ml-readiness.evidence.read': 'allow',
  'ml-readiness.exemption.create': 'deny',
  'ml-readiness.exemption.revoke': 'deny',
};
