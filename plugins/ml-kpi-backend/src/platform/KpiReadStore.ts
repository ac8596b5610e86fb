import { DeliveryKpis } from '@ml-golden-paths/plugin-ml-kpi-common';
import { Knex } from 'knex';

/** A model's last daily KPI row of one month. */
export type MonthEndRow = {
  entityRef: string;
  /** YYYY-MM */
  month: string;
  /** YYYY-MM-DD, the last day of the month that has a row. */
  day: string;
  kpis: DeliveryKpis;
};

/** Read-only queries over the KPI tables for the dashboard's trends. */
export class KpiReadStore {
  constructor(private readonly db: Knex) {}

  /**
   * Each model's last daily row of each month, from `fromDay` (YYYY-MM-DD)
   * on: one query, grouped in the database (no query per model or month).
   */
  async monthEndRows(fromDay: string): Promise<MonthEndRow[]> {
    const lastDays = this.db('kpi_daily')
      .select('entity_ref')
      .max({ last_day: 'day' })
      .where('day', '>=', fromDay)
      .groupBy('entity_ref', this.db.raw('substr(day, 1, 7)'))
      .as('m');
    const rows: Array<{ entity_ref: string; day: string; kpis_json: string }> =
      await this.db('kpi_daily as d')
        .join(lastDays, join =>
          join
            .on('d.entity_ref', '=', 'm.entity_ref')
            .andOn('d.day', '=', 'm.last_day'),
        )
        .select('d.entity_ref', 'd.day', 'd.kpis_json')
        .orderBy([
          { column: 'd.entity_ref', order: 'asc' },
          { column: 'd.day', order: 'asc' },
        ]);
    return rows.map(r => ({
      entityRef: r.entity_ref,
      month: r.day.slice(0, 7),
      day: r.day,
      kpis: JSON.parse(r.kpis_json),
    }));
  }
}
