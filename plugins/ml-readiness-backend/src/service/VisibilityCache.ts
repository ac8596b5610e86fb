/**
 * Remembers, for a short time, which model refs each caller may see, so the
 * overview does not list every model from the catalog on every request.
 *
 * Entries are keyed by the caller's identity (the user entity ref, or one key
 * for the plugin's own service credentials), expire after `ttlMs`, and a
 * lookup that is already loading is shared by concurrent requests. A failed
 * load is not kept. At most `maxEntries` callers are remembered; the oldest
 * entry goes first.
 */
export class VisibilityCache {
  private readonly entries = new Map<
    string,
    { expiresAt: number; refs: Promise<ReadonlySet<string>> }
  >();

  constructor(
    private readonly options: {
      ttlMs: number;
      maxEntries: number;
      now?: () => number;
    },
  ) {}

  /** The caller's visible refs, from the cache or freshly loaded. */
  get(
    key: string,
    load: () => Promise<Iterable<string>>,
  ): Promise<ReadonlySet<string>> {
    const now = (this.options.now ?? Date.now)();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) {
      return hit.refs;
    }
    this.entries.delete(key);
    const refs = load().then(list => new Set(list) as ReadonlySet<string>);
    const entry = { expiresAt: now + this.options.ttlMs, refs };
    this.entries.set(key, entry);
    refs.catch(() => {
      if (this.entries.get(key) === entry) {
        this.entries.delete(key);
      }
    });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return refs;
  }
}
