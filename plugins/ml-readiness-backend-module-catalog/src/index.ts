/**
 * Readiness fact collector reading a model's catalog entity and relations.
 *
 * @packageDocumentation
 */

export { mlReadinessModuleCatalog as default } from './module';
export { CatalogEntityCollector } from './CatalogEntityCollector';
