/*
 * ML KPIs: the resumable backfill watermark, one row per repository and
 * resource (deployments, workflow runs, issues, commits, compares).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('kpi_backfill_state', table => {
    table.comment(
      'Where the backfill of each repository and resource stopped, so a restart resumes there',
    );
    table
      .string('repository', 255)
      .notNullable()
      .comment('owner/name, lower case');
    table.string('resource', 64).notNullable();
    table.text('state_json').notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['repository', 'resource']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('kpi_backfill_state');
};
