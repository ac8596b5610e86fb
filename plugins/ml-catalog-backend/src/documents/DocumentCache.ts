import { ModelDocument } from '@ml-golden-paths/plugin-ml-catalog-common';

/** A cached answer: a document (with its source ETag) or "not found". */
export type CachedDocument =
  | { type: 'document'; document: ModelDocument; sourceEtag?: string }
  | { type: 'missing'; message: string };

type Entry = { value: CachedDocument; storedAt: number; bytes: number };

/** Limits of a {@link DocumentCache}. */
export type DocumentCacheOptions = {
  /** How long an entry is served without asking the source again. */
  freshMillis: number;
  /** At most this many entries; the least recently used go first. */
  maxEntries?: number;
  /** At most this many bytes of document text in total. */
  maxBytes?: number;
  /** Clock, for tests. */
  now?: () => number;
};

/**
 * A small in-process LRU cache of documents read from URLs, bounded by entry
 * count and total size, so a page view does not become a GitHub request each
 * time. Entries stay after they stop being fresh so a stale one can be
 * revalidated with its ETag (a conditional request).
 *
 * Keys include the entity's etag, which the catalog changes whenever the
 * entity does, so an edited entity never sees another version's document.
 * The cache is per process (each backend replica has its own).
 */
export class DocumentCache {
  private readonly entries = new Map<string, Entry>();
  private totalBytes = 0;
  private readonly freshMillis: number;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly now: () => number;

  constructor(options: DocumentCacheOptions) {
    this.freshMillis = options.freshMillis;
    this.maxEntries = options.maxEntries ?? 500;
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.now = options.now ?? (() => Date.now());
  }

  /** The entry for the key, and whether it is still fresh. */
  get(key: string): { value: CachedDocument; fresh: boolean } | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      return undefined;
    }
    // Move to the most recently used end.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return {
      value: entry.value,
      fresh: this.now() - entry.storedAt < this.freshMillis,
    };
  }

  /** Stores (or refreshes) an entry, evicting the least recently used. */
  set(key: string, value: CachedDocument): void {
    if (this.freshMillis <= 0) {
      return;
    }
    const bytes =
      value.type === 'document'
        ? Buffer.byteLength(value.document.content)
        : value.message.length;
    if (bytes > this.maxBytes) {
      return;
    }
    this.delete(key);
    this.entries.set(key, { value, storedAt: this.now(), bytes });
    this.totalBytes += bytes;
    for (const oldest of this.entries.keys()) {
      if (
        this.entries.size <= this.maxEntries &&
        this.totalBytes <= this.maxBytes
      ) {
        break;
      }
      this.delete(oldest);
    }
  }

  /** Number of entries, for tests and logs. */
  get size(): number {
    return this.entries.size;
  }

  private delete(key: string) {
    const entry = this.entries.get(key);
    if (entry) {
      this.totalBytes -= entry.bytes;
      this.entries.delete(key);
    }
  }
}
