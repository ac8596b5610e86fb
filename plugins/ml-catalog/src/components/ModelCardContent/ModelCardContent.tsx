import { useMemo } from 'react';
import {
  EmptyState,
  InfoCard,
  MarkdownContent,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { coreApis, useApi } from '@backstage/frontend-plugin-api';
import { scmIntegrationsApiRef } from '@backstage/integration-react';
import {
  getEntitySourceLocation,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { validateMlops } from '@ml-golden-paths/plugin-ml-catalog-common';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { fetchModelCard } from '../../modelCard/fetchModelCard';
import {
  ModelCardLocation,
  resolveModelCardLocation,
} from '../../modelCard/resolveModelCardLocation';
import { ExternalLink } from '../ExternalLink';
import { safeHttpUrl } from '../safeHttpUrl';

/**
 * Resolves a link or image target inside the markdown against the document's
 * own URL; anything that is not http(s) (or an in-page anchor) is dropped.
 */
export function resolveMarkdownUri(href: string, baseUrl: string): string {
  if (href.startsWith('#')) {
    return href;
  }
  try {
    return safeHttpUrl(new URL(href, baseUrl).toString()) ?? '';
  } catch {
    return '';
  }
}

function useModelCardLocation():
  | { state: 'missing' }
  | { state: 'invalid'; error: Error }
  | { state: 'ready'; location: ModelCardLocation } {
  const { entity } = useEntity();
  const integrations = useApi(scmIntegrationsApiRef);
  return useMemo(() => {
    const mlops = validateMlops(entity.spec?.mlops);
    const modelCard = mlops.success
      ? mlops.value.modelCard
      : (entity.spec?.mlops as { modelCard?: unknown } | undefined)?.modelCard;
    if (typeof modelCard !== 'string' || modelCard.length === 0) {
      return { state: 'missing' };
    }
    try {
      return {
        state: 'ready',
        location: resolveModelCardLocation({
          modelCard,
          sourceLocation: getEntitySourceLocation(entity, integrations)
            ?.locationTargetUrl,
          integrations,
        }),
      };
    } catch (error) {
      return { state: 'invalid', error: error as Error };
    }
  }, [entity, integrations]);
}

function ModelCardDocument(props: { location: ModelCardLocation }) {
  const { location } = props;
  const fetchApi = useApi(coreApis.fetch);
  const { loading, error, value } = useAsync(
    () => fetchModelCard(fetchApi, location.fetchUrl),
    [fetchApi, location.fetchUrl],
  );
  const openLink = (
    <ExternalLink href={location.viewUrl}>Open the model card</ExternalLink>
  );
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return (
      <Stack spacing={2}>
        <WarningPanel
          defaultExpanded
          title="The model card could not be read"
          message={error.message}
        />
        <Typography>{openLink}</Typography>
      </Stack>
    );
  }
  return (
    <InfoCard title="Model card" action={<Box p={2}>{openLink}</Box>}>
      <MarkdownContent
        content={value ?? ''}
        transformLinkUri={href => resolveMarkdownUri(href, location.viewUrl)}
        transformImageUri={href => resolveMarkdownUri(href, location.fetchUrl)}
      />
    </InfoCard>
  );
}

/**
 * The "Model card" tab: renders the markdown named by
 * `spec.mlops.modelCard`, read from the model's repository.
 */
export function ModelCardContent() {
  const resolved = useModelCardLocation();
  if (resolved.state === 'missing') {
    return (
      <EmptyState
        missing="content"
        title="No model card"
        description="Set spec.mlops.modelCard to the model card's path in the repository (e.g. docs/model-card.md) or to its URL."
      />
    );
  }
  if (resolved.state === 'invalid') {
    return (
      <WarningPanel
        title="The model card could not be located"
        message={resolved.error.message}
      />
    );
  }
  return <ModelCardDocument location={resolved.location} />;
}
