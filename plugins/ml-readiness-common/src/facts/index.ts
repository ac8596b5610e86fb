export { defineFactSet } from './FactSetDefinition';
export type { FactSetDefinition } from './FactSetDefinition';
export { entityFactSet, entityFactsSchema } from './entityFacts';
export type { EntityFacts } from './entityFacts';
export { repositoryFactSet, repositoryFactsSchema } from './repositoryFacts';
export type { RepositoryFacts } from './repositoryFacts';
export {
  repositorySettingsFactSet,
  repositorySettingsFactsSchema,
} from './repositorySettingsFacts';
export type { RepositorySettingsFacts } from './repositorySettingsFacts';
export { builtInFactSets } from './builtInFactSets';
export { deliveryFactSet, deliveryFactsSchema } from './deliveryFacts';
export type { DeliveryFacts } from './deliveryFacts';
export { servingFactSet, servingFactsSchema } from './servingFacts';
export type { ServingFacts } from './servingFacts';
