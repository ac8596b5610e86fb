/**
 * The resumable watermark of a list GitHub returns newest first
 * (deployments, workflow runs, commits).
 */
export type NewestFirstState = {
  /** Items older than this were read by an earlier complete pass. */
  since: string;
  /** Set while a pass is under way: items newer than this were read already. */
  resumeBefore?: string;
  /** When the pass under way started; the next pass reads from (about) here. */
  passStartedAt?: string;
  /** ETag of the first page after the last complete pass. */
  etag?: string;
};

/** One page of a list. */
export type ListPage<T> = {
  items: T[];
  /** GitHub's `Link` header has a `rel="next"`. */
  next: boolean;
  etag?: string;
  /** The conditional request answered 304: nothing changed. */
  notModified: boolean;
};

/**
 * Reads a newest-first list down to the watermark, page by page, storing the
 * watermark after every page so an interrupted pass resumes where it stopped
 * (items newer than `resumeBefore` are not processed again). A complete pass
 * moves `since` to its start minus `overlapMs` (items still changing near the
 * boundary are read again) and remembers the first page's ETag: the next pass
 * asks with `If-None-Match`, and a 304 ends it at no rate-limit cost.
 * `keepGoing` lets a pass read past `since` (deployments until one succeeded
 * before the KPI window).
 */
export async function newestFirstPass<T>(options: {
  state: NewestFirstState;
  now: Date;
  overlapMs: number;
  fetchPage(page: number, ifNoneMatch?: string): Promise<ListPage<T>>;
  timeOf(item: T): string;
  process(items: T[]): Promise<void>;
  keepGoing?: () => boolean;
  save(state: NewestFirstState): Promise<void>;
}): Promise<{ pages: number; processed: number; notModified: boolean }> {
  const { state, timeOf } = options;
  const passStartedAt = state.passStartedAt ?? options.now.toISOString();
  const since = new Date(state.since).getTime();
  let resumeBefore = state.resumeBefore
    ? new Date(state.resumeBefore).getTime()
    : undefined;
  let firstEtag: string | undefined;
  let processed = 0;
  for (let page = 1; ; page += 1) {
    const conditional =
      page === 1 && state.resumeBefore === undefined ? state.etag : undefined;
    const result = await options.fetchPage(page, conditional);
    if (result.notModified && page === 1) {
      return { pages: page, processed, notModified: true };
    }
    if (page === 1) {
      firstEtag = result.etag;
    }
    const keepOld = options.keepGoing?.() ?? false;
    let reachedOld = false;
    const todo: T[] = [];
    for (const item of result.items) {
      const t = new Date(timeOf(item)).getTime();
      if (resumeBefore !== undefined && t > resumeBefore) {
        continue;
      }
      if (t < since && !keepOld) {
        reachedOld = true;
        break;
      }
      todo.push(item);
    }
    await options.process(todo);
    processed += todo.length;
    for (const item of todo) {
      const t = new Date(timeOf(item)).getTime();
      resumeBefore = resumeBefore === undefined ? t : Math.min(resumeBefore, t);
    }
    if (reachedOld || !result.next || result.items.length === 0) {
      const nextSince = new Date(passStartedAt).getTime() - options.overlapMs;
      await options.save({
        since: new Date(nextSince).toISOString(),
        ...(firstEtag ? { etag: firstEtag } : {}),
      });
      return { pages: page, processed, notModified: false };
    }
    await options.save({
      since: state.since,
      passStartedAt,
      ...(resumeBefore !== undefined
        ? { resumeBefore: new Date(resumeBefore).toISOString() }
        : {}),
    });
  }
}
