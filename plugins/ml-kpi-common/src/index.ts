/**
 * Delivery KPIs shared by the ML KPI backend, its modules and frontends.
 *
 * @packageDocumentation
 */
export * from './bands';
export * from './definitions';
export * from './githubPayloads';
export * from './median';
export * from './records';
