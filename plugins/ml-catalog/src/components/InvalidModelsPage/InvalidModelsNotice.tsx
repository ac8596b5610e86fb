import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { AI_MODEL_ENTITY_TYPE } from '@ml-golden-paths/plugin-ml-catalog-common';
import Alert from '@mui/material/Alert';
import { GroupHierarchy } from '../../groups/GroupHierarchy';
import { useInvalidEntities } from '../../invalid/useInvalidEntities';
import { invalidModelsRouteRef } from '../../routes';

/** "3 models with invalid metadata" (and other ML entities, when there are). */
export function describeInvalidCount(types: ReadonlyArray<string>): string {
  const models = types.filter(type => type === AI_MODEL_ENTITY_TYPE).length;
  const others = types.length - models;
  const text = `${models} ${models === 1 ? 'model' : 'models'}`;
  return others > 0
    ? `${text} and ${others} other ML ${
        others === 1 ? 'entity' : 'entities'
      } with invalid metadata`
    : `${text} with invalid metadata`;
}

/**
 * A warning on the Models page linking to the invalid-models list for the
 * same owner filter; nothing when every entity is valid or the list cannot
 * be read (for example when the catalog module is not installed).
 */
export function InvalidModelsNotice(props: {
  owner?: string;
  hierarchy: { loading: boolean; value?: GroupHierarchy };
}) {
  const { owner, hierarchy } = props;
  const invalid = useInvalidEntities(owner, hierarchy);
  const route = useRouteRef(invalidModelsRouteRef);
  const items = invalid.value?.items ?? [];
  if (invalid.error || items.length === 0) {
    return null;
  }
  const text = describeInvalidCount(items.map(item => item.type));
  const href = route
    ? `${route()}${owner ? `?${new URLSearchParams({ owner })}` : ''}`
    : undefined;
  return (
    <Alert severity="warning" variant="outlined">
      {href ? <Link to={href}>{text}</Link> : text}: they are not in the catalog
      until their owners fix them.
    </Alert>
  );
}
