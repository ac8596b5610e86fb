import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in the scaffolder's action reference for `mlgp:golden-path:upgrade`. */
export const examples: TemplateExample[] = [
  {
    description:
      'Preview the upgrade of a local-git repository to the newest golden path',
    example: yaml.stringify({
      steps: [
        {
          id: 'preview',
          action: 'mlgp:golden-path:upgrade',
          name: 'Preview the golden-path upgrade',
          input: { destination: 'local', name: 'fraud-scoring', preview: true },
        },
      ],
    }),
  },
  {
    description:
      'Open an upgrade pull request on GitHub, answering the question 1.1.0 added',
    example: yaml.stringify({
      steps: [
        {
          id: 'upgrade',
          action: 'mlgp:golden-path:upgrade',
          name: 'Upgrade the golden path',
          input: {
            destination: 'github',
            repoUrl: 'github.com?owner=acme&repo=fraud-scoring',
            targetVersion: '1.1.0',
            answers: { alertChannel: '#fraud-alerts' },
            neverTouch: ['data/', 'docs/model-card.md'],
          },
        },
      ],
    }),
  },
];
