import { ReactNode } from 'react';
import { InfoCard, Link } from '@backstage/core-components';
import { ANNOTATION_SOURCE_LOCATION } from '@backstage/catalog-model';
import {
  EntityRefLink,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import type { MlopsSpec } from '@ml-golden-paths/plugin-ml-catalog-common';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ExternalLink } from '../ExternalLink';
import { InvalidMlopsCard } from '../InvalidMlopsCard';
import { safeHttpUrl } from '../safeHttpUrl';
import { TierChip } from '../TierChip';
import { useModelEntity } from '../useModelEntity';

function Field(props: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="overline" color="text.secondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </Box>
  );
}

/** The SLOs as short phrases, e.g. "p99 ≤ 150 ms", "99.9% available". */
export function describeSlo(slo: MlopsSpec['slo']): string[] {
  if (!slo) {
    return [];
  }
  const parts: string[] = [];
  if (slo.latencyP99Ms !== undefined)
    parts.push(`p99 ≤ ${slo.latencyP99Ms} ms`);
  if (slo.availability !== undefined)
    parts.push(`${slo.availability}% available`);
  if (slo.schedule) parts.push(`runs ${slo.schedule}`);
  if (slo.freshnessHours !== undefined)
    parts.push(`fresh within ${slo.freshnessHours} h`);
  return parts;
}

function sourceLocationUrl(annotation: string | undefined) {
  return safeHttpUrl(annotation?.replace(/^url:/, ''));
}

/**
 * A repository document field: a link to its entity tab (where the ml-catalog
 * backend renders it) when set, otherwise "not set".
 */
function DocumentTabLink(props: {
  value: string | undefined;
  entityPath: string;
  tab: string;
  label: string;
}) {
  if (!props.value) {
    return <>not set</>;
  }
  return <Link to={`${props.entityPath}/${props.tab}`}>{props.label}</Link>;
}

/**
 * Overview of a model: description, tier, task, framework, serving, golden
 * path, SLOs, on-call, its model card and runbook tabs, and links (runbook
 * URL, monitoring, source).
 */
export function ModelOverviewCard() {
  const { entity, mlops, issues } = useModelEntity();
  const entityPath = useEntityRefLink()(entity);
  if (!mlops) {
    return <InvalidMlopsCard title="Model overview" issues={issues} />;
  }
  const slo = describeSlo(mlops.slo);
  const source = sourceLocationUrl(
    entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION],
  );
  const links: Array<{ label: string; href?: string }> = [
    { label: 'Runbook', href: mlops.runbook },
    { label: 'Dashboard', href: mlops.monitoring?.dashboard },
    { label: 'Drift monitoring', href: mlops.monitoring?.drift },
    { label: 'Data quality', href: mlops.monitoring?.dataQuality },
    { label: 'Alerts', href: mlops.monitoring?.alerts },
    { label: 'Source', href: source },
    ...(entity.metadata.links ?? []).map(link => ({
      label: link.title ?? link.url,
      href: link.url,
    })),
  ].filter(link => safeHttpUrl(link.href));

  return (
    <InfoCard title="Model overview">
      <Stack spacing={2}>
        {entity.metadata.description && (
          <Typography variant="body1">{entity.metadata.description}</Typography>
        )}
        <Box
          display="grid"
          gridTemplateColumns="repeat(auto-fill, minmax(180px, 1fr))"
          gap={2}
        >
          <Field label="Risk tier">
            <TierChip tier={mlops.tier} />
          </Field>
          <Field label="Task">{mlops.task}</Field>
          <Field label="Framework">{mlops.framework ?? '—'}</Field>
          <Field label="Serving">{mlops.servingPattern}</Field>
          <Field label="Golden path">
            {mlops.goldenPath
              ? `${mlops.goldenPath.template} ${mlops.goldenPath.version}`
              : 'none'}
          </Field>
          <Field label="Owner">
            {typeof entity.spec?.owner === 'string' ? (
              <EntityRefLink
                entityRef={entity.spec.owner}
                defaultKind="group"
              />
            ) : (
              '—'
            )}
          </Field>
          <Field label="On-call">
            {mlops.onCall ? (
              <EntityRefLink entityRef={mlops.onCall} defaultKind="group" />
            ) : (
              'not set'
            )}
          </Field>
          <Field label="SLOs">
            {slo.length > 0 ? slo.join(' · ') : 'not set'}
          </Field>
          <Field label="Model card">
            <DocumentTabLink
              value={mlops.modelCard}
              entityPath={entityPath}
              tab="model-card"
              label="Open the Model card tab"
            />
          </Field>
          <Field label="Runbook">
            <DocumentTabLink
              value={mlops.runbook}
              entityPath={entityPath}
              tab="runbook"
              label="Open the Runbook tab"
            />
          </Field>
        </Box>
        {links.length > 0 && (
          <Field label="Links">
            <Stack direction="row" spacing={2} useFlexGap flexWrap="wrap">
              {links.map(link => (
                <ExternalLink
                  key={`${link.label}:${link.href}`}
                  href={link.href}
                >
                  {link.label}
                </ExternalLink>
              ))}
            </Stack>
          </Field>
        )}
      </Stack>
    </InfoCard>
  );
}
