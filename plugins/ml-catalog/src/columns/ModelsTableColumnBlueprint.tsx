import type { ComponentType } from 'react';
import {
  createExtensionBlueprint,
  createExtensionDataRef,
} from '@backstage/frontend-plugin-api';

/**
 * An extra column of the Models table, contributed by another plugin (for
 * example the readiness level). `Cell` renders one model's value from its
 * entity ref.
 */
export interface ModelsTableColumn {
  /** Column header. */
  title: string;
  Cell: ComponentType<{ entityRef: string }>;
}

/** Extension data carrying a {@link ModelsTableColumn}. */
export const modelsTableColumnDataRef =
  createExtensionDataRef<ModelsTableColumn>().with({
    id: 'ml-catalog.models-table-column',
  });

/**
 * Adds a column to the Models table (`page:ml-catalog`, input `columns`).
 * Columns appear right after the Tier column (where a lead looks first), in
 * extension order.
 */
export const ModelsTableColumnBlueprint = createExtensionBlueprint({
  kind: 'ml-catalog-models-column',
  attachTo: { id: 'page:ml-catalog', input: 'columns' },
  output: [modelsTableColumnDataRef],
  dataRefs: { column: modelsTableColumnDataRef },
  *factory(params: ModelsTableColumn) {
    yield modelsTableColumnDataRef(params);
  },
});
