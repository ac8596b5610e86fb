import type { CatalogApi } from '@backstage/catalog-client';
import { GROUP_FIELDS, GroupHierarchy } from './GroupHierarchy';

/** Reads every Group entity (selected fields only) into a {@link GroupHierarchy}. */
export async function loadGroupHierarchy(
  catalogApi: CatalogApi,
): Promise<GroupHierarchy> {
  const { items } = await catalogApi.getEntities({
    filter: { kind: 'group' },
    fields: GROUP_FIELDS,
  });
  return GroupHierarchy.fromEntities(items);
}
