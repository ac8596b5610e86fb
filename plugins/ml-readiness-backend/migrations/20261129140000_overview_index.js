/*
 * One index that holds every column the overview filters and sorts on
 * (except graded_at, which moves on every re-grade), ending in the ref: the
 * overview's count and page become index-only scans instead of reading
 * grade rows that carry kilobytes of check outcomes each. With tier first
 * (then level), the common tier (+ level) filters read only their range.
 */

const NAME = 'readiness_grades_overview_index';

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('readiness_grades', table => {
    table.index(
      [
        'tier',
        'level',
        'stage',
        'meets_required',
        'failing',
        'level_rank',
        'owner',
        'entity_ref',
      ],
      NAME,
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('readiness_grades', table => {
    table.dropIndex([], NAME);
  });
};
