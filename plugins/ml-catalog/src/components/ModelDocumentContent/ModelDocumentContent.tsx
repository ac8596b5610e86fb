import { useMemo } from 'react';
import {
  EmptyState,
  InfoCard,
  MarkdownContent,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { useApi } from '@backstage/frontend-plugin-api';
import { scmIntegrationsApiRef } from '@backstage/integration-react';
import {
  getEntitySourceLocation,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  MODEL_DOCUMENT_FIELDS,
  ModelDocumentName,
  validateMlops,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { mlCatalogApiRef } from '../../api/MlCatalogClient';
import {
  DocumentLocation,
  resolveDocumentLocation,
} from '../../documents/resolveDocumentLocation';
import { ExternalLink } from '../ExternalLink';
import { safeHttpUrl } from '../safeHttpUrl';

const DOCUMENTS: Record<ModelDocumentName, { title: string; example: string }> =
  {
    'model-card': { title: 'Model card', example: 'docs/model-card.md' },
    runbook: { title: 'Runbook', example: 'docs/runbooks/rollback.md' },
  };

/**
 * Resolves a link or image target inside the markdown against the document's
 * own URL; anything that is not http(s) (or an in-page anchor) is dropped.
 * Without a base only absolute http(s) targets survive.
 */
export function resolveMarkdownUri(
  href: string,
  baseUrl: string | undefined,
): string {
  if (href.startsWith('#')) {
    return href;
  }
  try {
    return safeHttpUrl(new URL(href, baseUrl).toString()) ?? '';
  } catch {
    return '';
  }
}

/** The backend's message for a failed request, or the error's own. */
function describeError(error: Error): string {
  if (error instanceof ResponseError) {
    return error.body?.error?.message ?? error.message;
  }
  return error.message;
}

/** The field's value, and where it lives on the code host when that is known. */
function useDocumentField(document: ModelDocumentName) {
  const { entity } = useEntity();
  const integrations = useApi(scmIntegrationsApiRef);
  return useMemo(() => {
    const key = MODEL_DOCUMENT_FIELDS[document];
    const mlops = validateMlops(entity.spec?.mlops);
    const raw = mlops.success
      ? mlops.value[key]
      : (entity.spec?.mlops as Record<string, unknown> | undefined)?.[key];
    const value = typeof raw === 'string' && raw.length > 0 ? raw : undefined;
    let location: DocumentLocation | undefined;
    if (value) {
      try {
        location = resolveDocumentLocation({
          field: `spec.mlops.${key}`,
          value,
          sourceLocation: getEntitySourceLocation(entity, integrations)
            ?.locationTargetUrl,
          integrations,
        });
      } catch {
        // A relative path without a url: source location (e.g. a local git
        // checkout): the backend still reads it, there is just no page to open.
        location = undefined;
      }
    }
    return { entityRef: stringifyEntityRef(entity), key, value, location };
  }, [entity, integrations, document]);
}

/**
 * An entity tab that renders a model's repository document — the model card
 * (`spec.mlops.modelCard`) or the runbook (`spec.mlops.runbook`) — read by the
 * ml-catalog backend.
 */
export function ModelDocumentContent(props: { document: ModelDocumentName }) {
  const { document } = props;
  const { title, example } = DOCUMENTS[document];
  const { entityRef, key, value, location } = useDocumentField(document);
  const client = useApi(mlCatalogApiRef);
  const state = useAsync(
    async () => (value ? client.getDocument(entityRef, document) : undefined),
    [client, entityRef, document, value],
  );

  if (!value) {
    return (
      <EmptyState
        missing="content"
        title={`No ${title.toLowerCase()}`}
        description={`Set spec.mlops.${key} to the document's path in the repository (e.g. ${example}) or to its URL.`}
      />
    );
  }
  if (state.loading) {
    return <Progress />;
  }
  const viewUrl = location?.viewUrl ?? state.value?.sourceUrl;
  const openLink = viewUrl ? (
    <ExternalLink href={viewUrl}>Open the {title.toLowerCase()}</ExternalLink>
  ) : undefined;
  if (state.error || !state.value) {
    return (
      <Stack spacing={2}>
        <WarningPanel
          defaultExpanded
          title={`The ${title.toLowerCase()} could not be read`}
          message={state.error ? describeError(state.error) : undefined}
        />
        {openLink && <Typography>{openLink}</Typography>}
      </Stack>
    );
  }
  const imageBase = location?.fetchUrl ?? state.value.sourceUrl;
  return (
    <InfoCard
      title={title}
      subheader={state.value.path}
      action={openLink && <Box p={2}>{openLink}</Box>}
    >
      <MarkdownContent
        content={state.value.content}
        transformLinkUri={href => resolveMarkdownUri(href, viewUrl)}
        transformImageUri={href => resolveMarkdownUri(href, imageBase)}
      />
    </InfoCard>
  );
}
