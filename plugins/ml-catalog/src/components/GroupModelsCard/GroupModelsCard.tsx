import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  EntityRefLink,
  catalogApiRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  MODEL_STAGES,
  MODEL_TIERS,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import {
  MODEL_LIST_FIELDS,
  buildModelFilter,
} from '../../filters/buildModelQuery';
import { DEFAULT_MODEL_FILTERS } from '../../filters/modelFilters';
import { loadGroupHierarchy } from '../../groups/loadGroupHierarchy';
import { summarizeModel } from '../../models/summarizeModel';
import { countModels } from '../../ownership/countModels';
import { CountLink } from '../CountLink';
import { StageChip } from '../StageChip';
import { TierChip } from '../TierChip';
import { useModelsLink } from '../useModelsLink';

/** How many of the team's models the card lists (most critical first). */
const LISTED_MODELS = 5;

/**
 * "Models" card on a group's page: how many models the group and its child
 * teams own, by tier and stage, and the most critical of them.
 */
export function GroupModelsCard() {
  const { entity } = useEntity();
  const catalogApi = useApi(catalogApiRef);
  const modelsLink = useModelsLink();
  const groupRef = stringifyEntityRef(entity);

  const { loading, error, value } = useAsync(async () => {
    const hierarchy = await loadGroupHierarchy(catalogApi);
    const ownerRefs = hierarchy.descendantsOf(groupRef);
    const [counts, top] = await Promise.all([
      countModels(catalogApi, ownerRefs),
      catalogApi.queryEntities({
        filter: buildModelFilter(
          { ...DEFAULT_MODEL_FILTERS, owner: groupRef },
          ownerRefs,
        ),
        fields: MODEL_LIST_FIELDS,
        limit: LISTED_MODELS,
        orderFields: { field: 'spec.mlops.tier', order: 'asc' },
        totalItems: 'exclude',
      }),
    ]);
    return {
      counts,
      teams: ownerRefs.length,
      models: top.items.map(summarizeModel),
    };
  }, [catalogApi, groupRef]);

  const allLink = modelsLink?.({ owner: groupRef });
  return (
    <InfoCard
      title="Models"
      subheader="Owned by this team and its child teams"
      deepLink={
        allLink && value?.counts.total
          ? { link: allLink, title: 'View all models' }
          : undefined
      }
    >
      {loading && <LinearProgress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && value.counts.total === 0 && (
        <Typography>
          No models are owned by this team or its child teams.
        </Typography>
      )}
      {value && value.counts.total > 0 && (
        <Stack spacing={1}>
          <Typography>
            <CountLink
              count={value.counts.total}
              href={allLink}
              label="all models"
            />{' '}
            models across {value.teams} {value.teams === 1 ? 'team' : 'teams'}
          </Typography>
          <Stack direction="row" spacing={2} useFlexGap flexWrap="wrap">
            {MODEL_TIERS.map(tier => (
              <span key={tier}>
                Tier {tier}:{' '}
                <CountLink
                  count={value.counts.tiers[tier]}
                  href={modelsLink?.({ owner: groupRef, tier: [tier] })}
                  label={`tier ${tier}`}
                />
              </span>
            ))}
          </Stack>
          <Stack direction="row" spacing={2} useFlexGap flexWrap="wrap">
            {MODEL_STAGES.map(stage => (
              <span key={stage}>
                {stage}:{' '}
                <CountLink
                  count={value.counts.stages[stage]}
                  href={modelsLink?.({ owner: groupRef, stage: [stage] })}
                  label={stage}
                />
              </span>
            ))}
          </Stack>
          <List dense disablePadding aria-label="Most critical models">
            {value.models.map(model => (
              <ListItem key={model.entityRef} disableGutters>
                <Stack direction="row" spacing={1} alignItems="center">
                  <EntityRefLink entityRef={model.entityRef} hideIcon>
                    {model.title ?? model.name}
                  </EntityRefLink>
                  {model.mlops && <TierChip tier={model.mlops.tier} />}
                  {model.stages[0] && <StageChip stage={model.stages[0]} />}
                </Stack>
              </ListItem>
            ))}
          </List>
        </Stack>
      )}
    </InfoCard>
  );
}
