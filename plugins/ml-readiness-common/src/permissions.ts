import { createPermission } from '@backstage/plugin-permission-common';

/** Grant an exemption from a readiness check. @public */
export const readinessExemptionCreatePermission = createPermission({
  name: 'ml-readiness.exemption.create',
  attributes: { action: 'create' },
});

/** Revoke an exemption. @public */
export const readinessExemptionRevokePermission = createPermission({
  name: 'ml-readiness.exemption.revoke',
  attributes: { action: 'delete' },
});

/** Ask the promotion gate (and store the decision as evidence). @public */
export const readinessGateEvaluatePermission = createPermission({
  name: 'ml-readiness.gate.evaluate',
  attributes: { action: 'create' },
});

/** Re-collect a model's facts now. @public */
export const readinessRefreshPermission = createPermission({
  name: 'ml-readiness.refresh',
  attributes: { action: 'update' },
});

/** Export gate evidence records for auditors. @public */
export const readinessEvidenceReadPermission = createPermission({
  name: 'ml-readiness.evidence.read',
  attributes: { action: 'read' },
});

/**
 * Read scorecards, overview, history, exemptions as a service (a plugin or
 * a static token). Users are governed by catalog visibility instead; this
 * lets a static token restricted to the gate read nothing else.
 *
 * @public
 */
export const readinessReadPermission = createPermission({
  name: 'ml-readiness.read',
  attributes: { action: 'read' },
});

/** All readiness permissions. @public */
export const readinessPermissions = [
  readinessExemptionCreatePermission,
  readinessExemptionRevokePermission,
  readinessGateEvaluatePermission,
  readinessRefreshPermission,
  readinessEvidenceReadPermission,
  readinessReadPermission,
];
