import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Examples shown in the scaffolder's action reference for `mlgp:golden-path:record`. */
export const examples: TemplateExample[] = [
  {
    description:
      'Record the template and the answers after fetching the skeleton',
    example: yaml.stringify({
      steps: [
        {
          id: 'record',
          action: 'mlgp:golden-path:record',
          name: 'Record the golden path',
          input: {
            templateName: 'online-inference',
            templateVersion: '1.0.0',
            answers: '${{ parameters }}',
          },
        },
      ],
    }),
  },
];
