import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in the scaffolder's action reference for `mlgp:github:code-owners`. */
export const examples: TemplateExample[] = [
  {
    description:
      'Resolve the CODEOWNERS handles for a new GitHub repository, then pass them to fetch:template',
    example: yaml.stringify({
      steps: [
        {
          id: 'code-owners',
          action: 'mlgp:github:code-owners',
          name: 'Resolve code owners',
          input: {
            owner: 'group:default/risk-ml',
            approvers: 'group:default/risk-ml-oncall',
            repoUrl: 'github.com?owner=acme&repo=fraud-scoring',
          },
        },
        {
          id: 'fetch',
          action: 'fetch:template',
          input: {
            url: './skeleton',
            values: {
              ownerHandle: "${{ steps['code-owners'].output.ownerHandle }}",
              approversHandles:
                "${{ steps['code-owners'].output.approversHandles }}",
            },
          },
        },
      ],
    }),
  },
  {
    description:
      'A repository outside GitHub: the team is used when annotated, otherwise the group name',
    example: yaml.stringify({
      steps: [
        {
          id: 'code-owners',
          action: 'mlgp:github:code-owners',
          name: 'Resolve code owners',
          input: {
            owner: 'group:default/risk-ml',
            approvers: 'group:default/risk-ml-oncall',
          },
        },
      ],
    }),
  },
];
