import { InfoCard, WarningPanel } from '@backstage/core-components';
import type { MlValidationIssue } from '@ml-golden-paths/plugin-ml-catalog-common';

/**
 * A card, titled like the one it stands in for, that explains which
 * `spec.mlops` fields are invalid, one line per field.
 */
export function InvalidMlopsCard(props: {
  title: string;
  issues: MlValidationIssue[];
}) {
  return (
    <InfoCard title={props.title}>
      <WarningPanel
        defaultExpanded
        title="This model's ML metadata (spec.mlops) is invalid"
      >
        {props.issues.map(issue => (
          <div key={`${issue.path}:${issue.message}`}>
            <code>{issue.path}</code>: {issue.message}
          </div>
        ))}
      </WarningPanel>
    </InfoCard>
  );
}
