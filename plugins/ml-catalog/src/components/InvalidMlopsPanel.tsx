import { WarningPanel } from '@backstage/core-components';
import type { MlValidationIssue } from '@ml-golden-paths/plugin-ml-catalog-common';

/** Explains which `spec.mlops` fields are invalid, one line per field. */
export function InvalidMlopsPanel(props: { issues: MlValidationIssue[] }) {
  return (
    <WarningPanel title="This model's ML metadata (spec.mlops) is invalid">
      {props.issues.map(issue => (
        <div key={`${issue.path}:${issue.message}`}>
          <code>{issue.path}</code>: {issue.message}
        </div>
      ))}
    </WarningPanel>
  );
}
