/**
 * The ML KPI backend plugin.
 *
 * @packageDocumentation
 */
export { mlKpiPlugin as default } from './plugin';
