import { FactSetDefinition } from './FactSetDefinition';
import { entityFactSet } from './entityFacts';
import { repositoryFactSet } from './repositoryFacts';
import { repositorySettingsFactSet } from './repositorySettingsFacts';

/** The fact sets the default policy reads. @public */
export const builtInFactSets: readonly FactSetDefinition[] = [
  entityFactSet,
  repositoryFactSet,
  repositorySettingsFactSet,
];
