/*
 * Readiness scorecards: facts (current + history of changes), grades (current
 * + history), non-passing check outcomes for filtering, exemptions with their
 * audit trail, gate decisions (evidence) and sent notifications (dedupe).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_facts', table => {
    table.comment('The current value of each fact set of each model');
    table.string('entity_ref', 255).notNullable();
    table.string('fact_set', 64).notNullable();
    table.string('collector', 64).notNullable();
    table.string('status', 16).notNullable().comment('available | unavailable');
    table.text('values_json').nullable();
    table.text('reason').nullable();
    table.string('hash', 64).notNullable();
    table.integer('schema_version').notNullable();
    table.timestamp('observed_at', { useTz: true }).nullable();
    table
      .timestamp('changed_at', { useTz: true })
      .notNullable()
      .comment('When these values were first collected');
    table
      .timestamp('collected_at', { useTz: true })
      .notNullable()
      .comment('When a collector last confirmed these values');
    table.primary(['entity_ref', 'fact_set']);
  });

  await knex.schema.createTable('readiness_fact_history', table => {
    table.comment('Every change of a fact set (stored only when it changes)');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('fact_set', 64).notNullable();
    table.string('status', 16).notNullable();
    table.text('values_json').nullable();
    table.text('reason').nullable();
    table.string('hash', 64).notNullable();
    table.timestamp('observed_at', { useTz: true }).nullable();
    table.timestamp('changed_at', { useTz: true }).notNullable();
    table.index(['entity_ref', 'fact_set', 'changed_at']);
    table.index(['changed_at']);
  });

  await knex.schema.createTable('readiness_grades', table => {
    table.comment('The current grade of each model');
    table.string('entity_ref', 255).primary();
    table.string('title', 255).nullable();
    table.string('owner', 255).nullable();
    table.integer('tier').notNullable();
    table.string('stage', 32).notNullable();
    table.string('level', 16).notNullable();
    table.integer('level_rank').notNullable();
    table.string('required_level', 16).notNullable();
    table.integer('required_rank').notNullable();
    table.boolean('meets_required').notNullable();
    table.integer('failing').notNullable();
    table.integer('unknown').notNullable();
    table.integer('exempt').notNullable();
    table.text('checks_json').notNullable();
    table.string('hash', 64).notNullable();
    table.timestamp('graded_at', { useTz: true }).notNullable();
    table.timestamp('changed_at', { useTz: true }).notNullable();
    table.index(['owner']);
    table.index(['level_rank']);
    table.index(['tier']);
  });

  await knex.schema.createTable('readiness_check_issues', table => {
    table.comment('Checks of the current grade that fail or are unknown');
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 128).notNullable();
    table.string('state', 16).notNullable();
    table.primary(['entity_ref', 'check_id']);
    table.index(['check_id', 'state']);
  });

  await knex.schema.createTable('readiness_grade_history', table => {
    table.comment('A snapshot of a grade on every change');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('owner', 255).nullable();
    table.string('level', 16).notNullable();
    table.string('required_level', 16).notNullable();
    table.boolean('meets_required').notNullable();
    table.integer('failing').notNullable();
    table.integer('unknown').notNullable();
    table.integer('exempt').notNullable();
    table.text('failing_checks').notNullable();
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.index(['entity_ref', 'recorded_at']);
    table.index(['owner', 'recorded_at']);
    table.index(['recorded_at']);
  });

  await knex.schema.createTable('readiness_exemptions', table => {
    table.comment('Time-boxed exemptions from one check for one model');
    table.string('id', 64).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 128).notNullable();
    table.text('reason').notNullable();
    table.text('compensating_control').notNullable();
    table.string('approver', 255).notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.timestamp('revoked_at', { useTz: true }).nullable();
    table.string('revoked_by', 255).nullable();
    table.text('revoke_reason').nullable();
    table.index(['entity_ref']);
    table.index(['expires_at']);
  });

  await knex.schema.createTable('readiness_exemption_audit', table => {
    table.comment('Every change of an exemption');
    table.bigIncrements('id').primary();
    table.string('exemption_id', 64).notNullable();
    table.string('action', 16).notNullable().comment('created | revoked');
    table.string('actor', 255).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.text('details_json').notNullable();
    table.index(['exemption_id']);
  });

  await knex.schema.createTable('readiness_gate_decisions', table => {
    table.comment('Every gate decision, kept as evidence for auditors');
    table.string('id', 64).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('version', 128).notNullable();
    table.string('stage', 32).notNullable();
    table.string('requested_by', 255).notNullable();
    table.timestamp('decided_at', { useTz: true }).notNullable();
    table.boolean('allowed').notNullable();
    table.string('level', 16).notNullable();
    table.string('required_level', 16).notNullable();
    table.text('reasons_json').notNullable();
    table.text('scorecard_json').notNullable();
    table.index(['entity_ref', 'version', 'decided_at']);
  });

  await knex.schema.createTable('readiness_notifications', table => {
    table.comment('Notifications sent, so no event is announced twice');
    table.string('dedupe_key', 512).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('kind', 32).notNullable();
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.index(['sent_at']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'readiness_notifications',
    'readiness_gate_decisions',
    'readiness_exemption_audit',
    'readiness_exemptions',
    'readiness_grade_history',
    'readiness_check_issues',
    'readiness_grades',
    'readiness_fact_history',
    'readiness_facts',
  ]) {
    await knex.schema.dropTable(table);
  }
};
