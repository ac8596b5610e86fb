/**
 * Readiness scorecards backend: policy, collected facts, stored grades with
 * history, the promotion gate with evidence, exemptions and notifications.
 *
 * @packageDocumentation
 */

export { mlReadinessPlugin as default } from './plugin';
