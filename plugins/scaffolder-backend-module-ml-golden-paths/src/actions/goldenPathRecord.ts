import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import yaml from 'yaml';
import { validateAnswers } from '../record/validateAnswers';
import { redactAnswers } from '../record/redactAnswers';
import { examples } from './goldenPathRecord.examples';

/** Where in the generated repository the record is written. */
export const GOLDEN_PATH_RECORD_PATH = '.golden-path/answers.yaml';

/**
 * Creates the `mlgp:golden-path:record` action: validates the answers (no
 * file paths; the entities they refer to, such as owner, system, dataset and
 * approvers, exist in the catalog), then writes `.golden-path/answers.yaml` (template, version, answers with
 * secrets redacted, generatedAt) into the workspace, so the repository
 * remembers which golden path and which answers produced it.
 */
export function createGoldenPathRecordAction(options: {
  catalog: CatalogService;
}) {
  return createTemplateAction({
    id: 'mlgp:golden-path:record',
    description:
      'Validates the answers (no file paths; referenced entities exist in the catalog), then records the golden-path template, its version and the answers (secret-looking values redacted) in .golden-path/answers.yaml',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        templateName: z =>
          z
            .string({ description: 'Name of the golden-path template' })
            .regex(
              /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
              'must be a lower-case slug like online-inference',
            ),
        templateVersion: z =>
          z
            .string({ description: 'Semantic version of the template' })
            .regex(
              /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/,
              'must be a semantic version like 1.2.0',
            ),
        answers: z =>
          z.record(z.string(), z.any(), {
            description:
              'The answers the user gave (usually ${{ parameters }})',
          }),
      },
      output: {
        path: z =>
          z.string({ description: 'Workspace-relative path of the record' }),
      },
    },
    async handler(ctx) {
      const { templateName, templateVersion, answers } = ctx.input;
      await validateAnswers({
        catalog: options.catalog,
        credentials: await ctx.getInitiatorCredentials(),
        answers: answers as JsonObject,
      });
      const target = resolveSafeChildPath(
        ctx.workspacePath,
        GOLDEN_PATH_RECORD_PATH,
      );
      const record = {
        template: templateName,
        version: templateVersion,
        answers: redactAnswers(answers as JsonObject),
        generatedAt: new Date().toISOString(),
      };
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(
        target,
        `# Written by the ML golden path; used to upgrade this repository later.\n${yaml.stringify(
          record,
        )}`,
        'utf8',
      );
      ctx.logger.info(
        `Recorded golden path ${templateName}@${templateVersion} in ${GOLDEN_PATH_RECORD_PATH}`,
      );
      ctx.output('path', GOLDEN_PATH_RECORD_PATH);
    },
  });
}
