import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in the scaffolder's action reference for `mlgp:local-git:publish`. */
export const examples: TemplateExample[] = [
  {
    description:
      'Publish to the local git destination; the action registers the model itself',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'mlgp:local-git:publish',
          name: 'Publish to local git',
          input: {
            name: '${{ parameters.name }}',
            description: '${{ parameters.description }}',
          },
        },
      ],
      output: {
        links: [
          { title: 'Repository', url: '${{ steps.publish.output.remoteUrl }}' },
          {
            title: 'Open in catalog',
            icon: 'catalog',
            entityRef: '${{ steps.publish.output.entityRef }}',
          },
        ],
      },
    }),
  },
];
