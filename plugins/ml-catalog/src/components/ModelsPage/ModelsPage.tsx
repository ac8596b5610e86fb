import { useMemo, useState } from 'react';
import {
  EmptyState,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi, useAppSearchParams } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import {
  AI_MODEL_FILTER,
  buildModelQuery,
} from '../../filters/buildModelQuery';
import {
  ModelFilters,
  ModelSortField,
  parseModelFilters,
  serializeModelFilters,
} from '../../filters/modelFilters';
import { useGroupHierarchy } from '../../groups/useGroupHierarchy';
import { ownerRefOf } from '../../owners/ownerNames';
import { useOwnerNames } from '../../owners/useOwnerNames';
import { usePagedModels } from '../../models/usePagedModels';
import { InvalidModelsNotice } from '../InvalidModelsPage/InvalidModelsNotice';
import { ModelFiltersBar } from './ModelFiltersBar';
import type { ModelsTableColumn } from '../../columns/ModelsTableColumnBlueprint';
import { ModelsTable, PAGE_SIZES } from './ModelsTable';

const FRAMEWORK_FACET = 'spec.mlops.framework';

function hasFilters(filters: ModelFilters) {
  return Boolean(
    filters.owner ||
    filters.text ||
    filters.tier.length ||
    filters.stage.length ||
    filters.servingPattern.length ||
    filters.framework.length,
  );
}

/**
 * Every registered model in one server-paged table, filtered by owner (with
 * child teams), tier, stage, serving pattern, framework and free text. The
 * filters live in the URL, so a view can be shared and survives a reload.
 */
export function ModelsPage(props: {
  /** Extra table columns contributed by other plugins. */
  columns?: ReadonlyArray<ModelsTableColumn>;
}) {
  const catalogApi = useApi(catalogApiRef);
  const [params, setParams] = useAppSearchParams();
  const query = params.toString();
  const { filters, issues } = useMemo(
    () => parseModelFilters(new URLSearchParams(query)),
    [query],
  );
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  const hierarchy = useGroupHierarchy();
  const frameworks = useAsync(async () => {
    const { facets } = await catalogApi.getEntityFacets({
      filter: AI_MODEL_FILTER,
      facets: [FRAMEWORK_FACET],
    });
    return (facets[FRAMEWORK_FACET] ?? []).map(facet => facet.value);
  }, [catalogApi]);

  const request = useMemo(() => {
    if (filters.owner && hierarchy.loading) {
      return undefined; // wait until the owner's child teams are known
    }
    return buildModelQuery(filters, {
      ownerRefs:
        filters.owner && hierarchy.value
          ? hierarchy.value.descendantsOf(filters.owner)
          : undefined,
      limit: pageSize,
    });
  }, [filters, hierarchy.loading, hierarchy.value, pageSize]);
  const page = usePagedModels(request);
  const groups = useMemo(
    () => hierarchy.value?.tree() ?? [],
    [hierarchy.value],
  );
  const ownerRefs = useMemo(
    () =>
      page.models.flatMap(model => {
        const ref = ownerRefOf(
          model.owner,
          parseEntityRef(model.entityRef).namespace,
        );
        return ref ? [ref] : [];
      }),
    [page.models],
  );
  const ownerNames = useOwnerNames(ownerRefs, hierarchy);

  const update = (next: ModelFilters) => {
    const onlyText =
      serializeModelFilters({ ...next, text: filters.text }).toString() ===
      serializeModelFilters(filters).toString();
    setParams(serializeModelFilters(next), { replace: onlyText });
  };
  const onSort = (field: ModelSortField) =>
    update({
      ...filters,
      sort: field,
      order: filters.sort === field && filters.order === 'asc' ? 'desc' : 'asc',
    });

  return (
    <Stack spacing={2} sx={{ p: 3 }}>
      <Typography variant="body1" color="text.secondary">
        Every registered model: who owns it, its risk tier, what stage its
        versions are in and how it is served.
      </Typography>
      {issues.length > 0 && (
        <WarningPanel title="Some filters in the link were ignored">
          {issues.map(issue => (
            <div key={`${issue.param}:${issue.message}`}>
              {issue.param}: {issue.message}
            </div>
          ))}
        </WarningPanel>
      )}
      {hierarchy.error && (
        <WarningPanel
          title="Teams could not be loaded; the owner filter matches the team itself only"
          message={hierarchy.error.message}
        />
      )}
      <InvalidModelsNotice owner={filters.owner} hierarchy={hierarchy} />
      <ModelFiltersBar
        filters={filters}
        onChange={update}
        groups={groups}
        frameworks={frameworks.value ?? []}
      />
      {page.error && <ResponseErrorPanel error={page.error} />}
      {!page.error && !page.loading && page.totalItems === 0 && (
        <EmptyState
          missing="data"
          title={
            hasFilters(filters)
              ? 'No models match these filters'
              : 'No models registered yet'
          }
          description={
            hasFilters(filters)
              ? 'Clear or widen the filters to see more models.'
              : 'Register a model with a catalog-info.yaml of kind Resource and spec.type ai-model, or create one from a golden path.'
          }
        />
      )}
      {!page.error && (page.loading || page.totalItems > 0) && (
        <ModelsTable
          page={page}
          pageSize={pageSize}
          onPageSizeChange={setPageSize}
          sort={filters.sort}
          order={filters.order}
          onSort={onSort}
          ownerNames={ownerNames}
          columns={props.columns}
        />
      )}
    </Stack>
  );
}
