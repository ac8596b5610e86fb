import { ANNOTATION_LOCATION } from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { localGitLocationEntity } from './localGitCatalogLocation';

/**
 * Gives the catalog one `file` Location covering every checkout under the
 * local git root, like a `catalog.locations` entry would, so models published
 * to the local destination are read from disk without further config.
 * `mlgp:local-git:publish` refreshes this location after each push.
 */
export class LocalGitLocationProvider implements EntityProvider {
  private constructor(private readonly root: string) {}

  /** Creates the provider for the given absolute local git root. */
  static create(options: { root: string }): LocalGitLocationProvider {
    return new LocalGitLocationProvider(options.root);
  }

  getProviderName(): string {
    return 'mlgp-local-git';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    const entity = localGitLocationEntity(this.root);
    await connection.applyMutation({
      type: 'full',
      entities: [
        {
          entity,
          locationKey: entity.metadata.annotations?.[ANNOTATION_LOCATION],
        },
      ],
    });
  }
}
