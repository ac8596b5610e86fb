import { useMemo } from 'react';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  MlopsSpec,
  MlValidationIssue,
  validateMlops,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import type { Entity } from '@backstage/catalog-model';

/** The model on the current entity page with its validated `spec.mlops`. */
export interface ModelEntityState {
  entity: Entity;
  mlops?: MlopsSpec;
  issues: MlValidationIssue[];
}

/**
 * Reads the current entity and validates its `spec.mlops` against the
 * entity contract, so cards never render unchecked data.
 */
export function useModelEntity(): ModelEntityState {
  const { entity } = useEntity();
  return useMemo(() => {
    const result = validateMlops(entity.spec?.mlops);
    return result.success
      ? { entity, mlops: result.value, issues: [] }
      : { entity, issues: result.issues };
  }, [entity]);
}
