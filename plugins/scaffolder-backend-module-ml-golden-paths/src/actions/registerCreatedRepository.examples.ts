import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/**
 * Examples shown in the scaffolder's action reference for
 * `mlgp:catalog:register-created-repository`.
 */
export const examples: TemplateExample[] = [
  {
    description:
      'Register the repository publish:github created in this task (instead of catalog:register)',
    example: yaml.stringify({
      steps: [
        {
          id: 'register-github',
          action: 'mlgp:catalog:register-created-repository',
          name: 'Register in the catalog',
          input: {
            repoContentsUrl:
              "${{ steps['publish-github'].output.repoContentsUrl }}",
          },
        },
      ],
    }),
  },
  {
    description:
      'The same with the catalogInfoPath of catalog:register (only the root catalog-info.yaml is accepted)',
    example: yaml.stringify({
      steps: [
        {
          id: 'register-github',
          action: 'mlgp:catalog:register-created-repository',
          name: 'Register in the catalog',
          input: {
            repoContentsUrl: 'https://github.com/acme/fraud-scoring/blob/main',
            catalogInfoPath: '/catalog-info.yaml',
          },
        },
      ],
    }),
  },
];
