/*
 * ML KPIs: webhook deliveries (stored once per delivery id + hook id), the
 * normalised delivery records per model, current and daily KPIs, counters.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('kpi_deliveries', table => {
    table.comment(
      'Every accepted GitHub delivery, once per delivery id + hook id',
    );
    table.string('delivery_id', 64).notNullable();
    table.string('hook_id', 32).notNullable();
    table.string('event', 64).notNullable();
    table.string('repository', 255).nullable();
    table
      .string('outcome', 16)
      .notNullable()
      .comment('stored | unmatched | ignored');
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.primary(['delivery_id', 'hook_id']);
  });
  await knex.schema.createTable('kpi_deployments', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('deployment_id', 64).notNullable();
    table.string('environment', 255).notNullable();
    table.string('sha', 64).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'deployment_id']);
  });
  await knex.schema.createTable('kpi_deployment_statuses', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('deployment_id', 64).notNullable();
    table.string('state', 32).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.unique(['entity_ref', 'deployment_id', 'state', 'at']);
  });
  await knex.schema.createTable('kpi_commits', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('sha', 64).notNullable();
    table.text('parents_json').notNullable();
    table.timestamp('committed_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'sha']);
  });
  await knex.schema.createTable('kpi_incidents', table => {
    table.comment(
      'Incidents keyed by issue id: repeated webhooks update one row',
    );
    table.string('entity_ref', 255).notNullable();
    table.string('issue_id', 64).notNullable();
    table.timestamp('opened_at', { useTz: true }).notNullable();
    table.timestamp('closed_at', { useTz: true }).nullable();
    table.timestamp('impact_started_at', { useTz: true }).nullable();
    table.primary(['entity_ref', 'issue_id']);
  });
  await knex.schema.createTable('kpi_workflow_runs', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('run_id', 64).notNullable().comment('run id and attempt');
    table.string('head_branch', 255).notNullable();
    table.string('default_branch', 255).notNullable();
    table.string('conclusion', 32).notNullable();
    table.timestamp('completed_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'run_id']);
  });
  await knex.schema.createTable('kpi_pull_requests', table => {
    table.string('entity_ref', 255).notNullable();
    table.integer('number').notNullable();
    table.string('base_ref', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('merged_at', { useTz: true }).nullable();
    table.string('merge_commit_sha', 64).nullable();
    table.primary(['entity_ref', 'number']);
  });
  await knex.schema.createTable('kpi_current', table => {
    table.string('entity_ref', 255).primary();
    table.string('owner_ref', 255).notNullable();
    table.text('kpis_json').notNullable();
    table.timestamp('computed_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('kpi_daily', table => {
    table.comment('The last KPIs computed on each UTC day, for trends');
    table.string('entity_ref', 255).notNullable();
    table.string('day', 10).notNullable().comment('YYYY-MM-DD (UTC)');
    table.string('owner_ref', 255).notNullable();
    table.text('kpis_json').notNullable();
    table.primary(['entity_ref', 'day']);
  });
  await knex.schema.createTable('kpi_counters', table => {
    table.comment('Ingest counters: rejected, duplicate, unmatched, …');
    table.string('name', 64).primary();
    table.bigInteger('count').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const name of [
    'kpi_counters',
    'kpi_daily',
    'kpi_current',
    'kpi_pull_requests',
    'kpi_workflow_runs',
    'kpi_incidents',
    'kpi_commits',
    'kpi_deployment_statuses',
    'kpi_deployments',
    'kpi_deliveries',
  ]) {
    await knex.schema.dropTable(name);
  }
};
