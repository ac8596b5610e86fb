import fs from 'node:fs';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { LocalGitLocationProvider } from './localGit/LocalGitLocationProvider';
import { readLocalGitConfig } from './localGit/readLocalGitConfig';

/**
 * Catalog module that lets the catalog read the checkouts of the local git
 * destination (`mlGoldenPaths.localGit.root`), so locally published models
 * appear in the portal.
 */
export const catalogModuleMlGoldenPathsLocalGit = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'ml-golden-paths-local-git',
  register({ registerInit }) {
    registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ catalog, config }) {
        const { root } = readLocalGitConfig(config);
        fs.mkdirSync(root, { recursive: true });
        catalog.addEntityProvider(LocalGitLocationProvider.create({ root }));
      },
    });
  },
});
