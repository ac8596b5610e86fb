import { useCallback, useMemo, useState } from 'react';
import type {
  QueryEntitiesInitialRequest,
  QueryEntitiesResponse,
} from '@backstage/catalog-client';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { ModelSummary, summarizeModel } from './summarizeModel';

/** One page of models and how to move to the neighbouring pages. */
export interface PagedModels {
  loading: boolean;
  error?: Error;
  models: ModelSummary[];
  totalItems: number;
  /** Zero-based index of the page on screen. */
  pageIndex: number;
  hasNext: boolean;
  hasPrevious: boolean;
  next(): void;
  previous(): void;
}

interface Position {
  key: string;
  cursor?: string;
  pageIndex: number;
}

/**
 * Pages through the catalog on the server with `queryEntities` cursors, so
 * only one page of models is ever transferred. A new request (other filters,
 * sort or page size) starts again at the first page. Pass `undefined` while
 * the request cannot be built yet.
 */
export function usePagedModels(
  request: QueryEntitiesInitialRequest | undefined,
): PagedModels {
  const catalogApi = useApi(catalogApiRef);
  const key = useMemo(() => JSON.stringify(request ?? null), [request]);
  const [position, setPosition] = useState<Position>({ key, pageIndex: 0 });
  const current: Position =
    position.key === key ? position : { key, pageIndex: 0 };

  const { loading, error, value } = useAsync(async (): Promise<
    QueryEntitiesResponse | undefined
  > => {
    if (!request) {
      return undefined;
    }
    if (current.cursor) {
      return catalogApi.queryEntities({
        cursor: current.cursor,
        limit: request.limit,
        fields: request.fields,
      });
    }
    return catalogApi.queryEntities(request);
    // `key` captures the whole request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, key, current.cursor]);

  const models = useMemo(
    () => (value?.items ?? []).map(summarizeModel),
    [value],
  );
  const nextCursor = value?.pageInfo.nextCursor;
  const prevCursor = value?.pageInfo.prevCursor;

  const next = useCallback(() => {
    if (nextCursor) {
      setPosition({
        key,
        cursor: nextCursor,
        pageIndex: current.pageIndex + 1,
      });
    }
  }, [key, nextCursor, current.pageIndex]);
  const previous = useCallback(() => {
    if (current.pageIndex > 0) {
      setPosition({
        key,
        cursor: current.pageIndex > 1 ? prevCursor : undefined,
        pageIndex: current.pageIndex - 1,
      });
    }
  }, [key, prevCursor, current.pageIndex]);

  return {
    loading: loading || !request,
    error,
    models,
    totalItems: value?.totalItems ?? 0,
    pageIndex: current.pageIndex,
    hasNext: !loading && Boolean(nextCursor),
    hasPrevious: !loading && current.pageIndex > 0,
    next,
    previous,
  };
}
