/**
 * Readiness scorecards: fact set schemas, the default policy, permissions and
 * API types shared by the readiness backend, its modules and the frontend.
 *
 * @packageDocumentation
 */

export * from './facts';
export * from './policy';
export * from './permissions';
export * from './api';
export { exemplaryFacts } from './testing/factFixtures';
