import { ListPage, NewestFirstState, newestFirstPass } from './newestFirstPass';

type Item = { id: number; at: string };
const now = new Date('2026-11-29T12:00:00Z');
const day = (d: number) =>
  new Date(now.getTime() + d * 86_400_000).toISOString();

/** A newest-first list of items one per day back from `now`, paged by 2. */
function list(items: Item[], etag = 'W/"v1"') {
  const requests: Array<{ page: number; ifNoneMatch?: string }> = [];
  return {
    requests,
    fetchPage: async (
      page: number,
      ifNoneMatch?: string,
    ): Promise<ListPage<Item>> => {
      requests.push({ page, ifNoneMatch });
      if (ifNoneMatch === etag) {
        return { items: [], next: false, etag, notModified: true };
      }
      const sorted = [...items].sort((a, b) => b.at.localeCompare(a.at));
      return {
        items: sorted.slice((page - 1) * 2, page * 2),
        next: page * 2 < sorted.length,
        etag: page === 1 ? etag : undefined,
        notModified: false,
      };
    },
  };
}

const items = Array.from({ length: 7 }, (_, i) => ({
  id: i,
  at: day(-i - 0.5),
}));

async function pass(
  state: NewestFirstState,
  source: ReturnType<typeof list>,
  options: { failOnProcess?: number; keepGoing?: () => boolean } = {},
) {
  const processed: number[] = [];
  const saved: NewestFirstState[] = [];
  const result = await newestFirstPass<Item>({
    state,
    now,
    overlapMs: 86_400_000,
    fetchPage: source.fetchPage,
    timeOf: item => item.at,
    keepGoing: options.keepGoing,
    process: async page => {
      for (const item of page) {
        if (item.id === options.failOnProcess) {
          throw new Error('interrupted');
        }
        processed.push(item.id);
      }
    },
    save: async s => {
      saved.push(s);
    },
  }).catch(e => e as Error);
  return { result, processed, saved, last: saved.at(-1)! };
}

describe('newestFirstPass', () => {
  it('reads down to the watermark, then moves it to the pass start minus the overlap and keeps the ETag', async () => {
    const source = list(items);
    const { processed, last } = await pass({ since: day(-3) }, source);
    expect(processed).toEqual([0, 1, 2]);
    expect(source.requests.map(r => r.page)).toEqual([1, 2]);
    expect(last).toEqual({ since: day(-1), etag: 'W/"v1"' });
  });

  it('asks with If-None-Match after a finished pass, and a 304 ends it unchanged', async () => {
    const source = list(items);
    const { result, processed, saved } = await pass(
      { since: day(-1), etag: 'W/"v1"' },
      source,
    );
    expect(result).toEqual({ pages: 1, processed: 0, notModified: true });
    expect(processed).toEqual([]);
    expect(saved).toEqual([]);
    expect(source.requests).toEqual([{ page: 1, ifNoneMatch: 'W/"v1"' }]);
  });

  it('saves after every page and resumes an interrupted pass below what it read', async () => {
    const source = list(items);
    const first = await pass({ since: day(-30) }, source, { failOnProcess: 4 });
    expect(first.result).toBeInstanceOf(Error);
    expect(first.processed).toEqual([0, 1, 2, 3]);
    expect(first.last).toEqual({
      since: day(-30),
      passStartedAt: now.toISOString(),
      resumeBefore: items[3].at,
    });
    const again = await pass(first.last, list(items));
    // Item 3 (at the boundary) is read again; 0–2 are not.
    expect(again.processed).toEqual([3, 4, 5, 6]);
    // The finished pass counts from when the interrupted one started.
    expect(again.last).toEqual({ since: day(-1), etag: 'W/"v1"' });
  });

  it('does not send a remembered ETag while resuming', async () => {
    const source = list(items);
    await pass(
      {
        since: day(-30),
        passStartedAt: now.toISOString(),
        resumeBefore: day(-2),
        etag: 'W/"v1"',
      },
      source,
    );
    expect(source.requests[0]).toEqual({ page: 1, ifNoneMatch: undefined });
  });

  it('reads past the watermark while keepGoing says so, a page at a time', async () => {
    const source = list(items);
    let found = false;
    const { processed } = await pass({ since: day(-1) }, source, {
      keepGoing: () => !found,
    });
    // Page 1 is inside, page 2 (items 2, 3) is past the watermark but read
    // because nothing was found yet; then found stays false: read to the end.
    expect(processed).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const anchored = await pass({ since: day(-1) }, list(items), {
      keepGoing: () => {
        const keep = !found;
        found = true;
        return keep;
      },
    });
    expect(anchored.processed).toEqual([0, 1]);
  });
});
