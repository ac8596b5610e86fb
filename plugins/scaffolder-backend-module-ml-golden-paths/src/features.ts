import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { catalogModuleMlGoldenPathsLocalGit } from './catalogModule';
import { scaffolderModuleMlGoldenPaths } from './module';

/**
 * Everything the ML golden paths need in a backend: the scaffolder actions
 * and the catalog module that reads the local git destination.
 */
export const mlGoldenPathsFeatures = createBackendFeatureLoader({
  *loader() {
    yield scaffolderModuleMlGoldenPaths;
    yield catalogModuleMlGoldenPathsLocalGit;
  },
});
