import type { ComponentType } from 'react';
import { createExtensionDataRef } from '@backstage/frontend-plugin-api';

/**
 * The column contract of the ml-catalog Models table (`page:ml-catalog`,
 * input `columns`, data id `ml-catalog.models-table-column`; see
 * `ModelsTableColumnBlueprint` in `@ml-golden-paths/plugin-ml-catalog`).
 * Restated here by id because one frontend plugin must not import another;
 * extension data is matched by its id, and the column test renders the real
 * Models page to hold both sides to it.
 */
export interface ModelsTableColumn {
  title: string;
  Cell: ComponentType<{ entityRef: string }>;
}

/** Extension data of a Models table column (same id as ml-catalog's). */
export const modelsTableColumnDataRef =
  createExtensionDataRef<ModelsTableColumn>().with({
    id: 'ml-catalog.models-table-column',
  });
