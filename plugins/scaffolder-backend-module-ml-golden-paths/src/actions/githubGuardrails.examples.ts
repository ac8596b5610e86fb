import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in the scaffolder's action reference for `mlgp:github:guardrails`. */
export const examples: TemplateExample[] = [
  {
    description:
      'Protect the new repository after publish:github and require the risk team for production',
    example: yaml.stringify({
      steps: [
        {
          id: 'guardrails',
          action: 'mlgp:github:guardrails',
          name: 'Apply GitHub guardrails',
          input: {
            repoUrl: '${{ parameters.repoUrl }}',
            requiredChecks: ['test', 'evaluation-gate', 'scan'],
            productionReviewers: 'group:default/risk-ml',
          },
        },
      ],
    }),
  },
  {
    description: 'Only log what would change (for a template preview)',
    example: yaml.stringify({
      steps: [
        {
          id: 'guardrails',
          action: 'mlgp:github:guardrails',
          name: 'Preview GitHub guardrails',
          input: {
            repoUrl: 'github.com?owner=acme&repo=fraud-scoring',
            requiredChecks: ['test'],
            productionReviewers: 'group:default/risk-ml',
            dryRun: true,
          },
        },
      ],
    }),
  },
];
