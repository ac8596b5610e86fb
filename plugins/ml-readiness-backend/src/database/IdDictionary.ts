import { Knex } from 'knex';

const CHUNK = 500;

/**
 * Integer ids of names in a lookup table (`id` + a unique name column,
 * optionally scoped by fixed columns such as `kind`), cached both ways. Ids
 * are never deleted, so the cache stays valid across replicas.
 */
export class IdDictionary {
  private readonly idByName = new Map<string, number>();
  private readonly nameById = new Map<number, string>();

  constructor(
    private readonly db: Knex,
    private readonly table: string,
    private readonly column: string,
    private readonly scope: Record<string, string> = {},
  ) {}

  /**
   * Ids of the names, created on first use. Not inside a transaction: an id
   * created by a transaction that rolls back would stay in the cache.
   */
  async ids(names: string[]): Promise<Map<string, number>> {
    const missing = this.uncached(names);
    for (let i = 0; i < missing.length; i += CHUNK) {
      const chunk = missing.slice(i, i + CHUNK);
      await this.db(this.table)
        .insert(chunk.map(name => ({ ...this.scope, [this.column]: name })))
        .onConflict([...Object.keys(this.scope), this.column])
        .ignore();
      await this.read(this.db, chunk);
    }
    return new Map(names.map(n => [n, this.idByName.get(n)!]));
  }

  /** Ids of the names that have one (read-only; `db` may be a transaction). */
  async existing(db: Knex, names: string[]): Promise<Map<string, number>> {
    const missing = this.uncached(names);
    for (let i = 0; i < missing.length; i += CHUNK) {
      await this.read(db, missing.slice(i, i + CHUNK));
    }
    const result = new Map<string, number>();
    for (const name of names) {
      const id = this.idByName.get(name);
      if (id !== undefined) result.set(name, id);
    }
    return result;
  }

  /** Names of ids (read from the table when not cached). */
  async names(ids: Iterable<number>): Promise<Map<number, string>> {
    const all = [...new Set(ids)];
    const missing = all.filter(id => !this.nameById.has(id));
    for (let i = 0; i < missing.length; i += CHUNK) {
      const rows = await this.db(this.table)
        .where(this.scope)
        .whereIn('id', missing.slice(i, i + CHUNK))
        .select('id', this.column);
      for (const row of rows) this.remember(Number(row.id), row[this.column]);
    }
    return new Map(all.map(id => [id, this.nameById.get(id)!]));
  }

  private uncached(names: string[]) {
    return [...new Set(names)].filter(n => !this.idByName.has(n));
  }

  private async read(db: Knex, names: string[]) {
    const rows = await db(this.table)
      .where(this.scope)
      .whereIn(this.column, names)
      .select('id', this.column);
    for (const row of rows) this.remember(Number(row.id), row[this.column]);
  }

  private remember(id: number, name: string) {
    this.idByName.set(name, id);
    this.nameById.set(id, name);
  }
}
