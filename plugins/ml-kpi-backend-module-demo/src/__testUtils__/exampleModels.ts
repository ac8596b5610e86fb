import { Entity } from '@backstage/catalog-model';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { DemoModel, demoModelsFrom } from '../demoModels';

/** The repository's demo catalog entities (examples/*.yaml). */
export function exampleEntities(): Entity[] {
  const dir = join(__dirname, '..', '..', '..', '..', 'examples');
  return readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .flatMap(f =>
      parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map(
        d => d.toJS() as Entity,
      ),
    )
    .filter(e => e && typeof e === 'object' && e.kind);
}

/** The demo models, as the module finds them in the catalog. */
export function exampleModels(): DemoModel[] {
  return demoModelsFrom(exampleEntities());
}
