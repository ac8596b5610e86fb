/**
 * KPI backfill from GitHub for the ml-kpi plugin.
 *
 * @packageDocumentation
 */
export { mlKpiModuleGithub as default } from './module';
export { GithubKpiBackfillSource } from './GithubKpiBackfillSource';
