import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { LocalGitLocationProvider } from './LocalGitLocationProvider';
import { localGitLocationEntityRef } from './localGitCatalogLocation';

describe('LocalGitLocationProvider', () => {
  it('provides one optional file location over every checkout', async () => {
    const connection = {
      applyMutation: jest.fn(),
      refresh: jest.fn(),
    } as unknown as jest.Mocked<EntityProviderConnection>;
    await LocalGitLocationProvider.create({ root: '/data/git' }).connect(
      connection,
    );
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [
        {
          locationKey: 'file:/data/git/checkouts/*/catalog-info.yaml',
          entity: expect.objectContaining({
            kind: 'Location',
            spec: {
              type: 'file',
              target: '/data/git/checkouts/*/catalog-info.yaml',
              presence: 'optional',
            },
          }),
        },
      ],
    });
    const [{ entities }] = (connection.applyMutation as jest.Mock).mock
      .calls[0];
    expect(`location:default/${entities[0].entity.metadata.name}`).toBe(
      localGitLocationEntityRef('/data/git'),
    );
  });
});
