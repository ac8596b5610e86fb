import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readMlflowProviderConfig } from './readMlflowProviderConfig';

const read = (mlflow: unknown) =>
  readMlflowProviderConfig(
    new ConfigReader({ catalog: { providers: { mlflow } } } as any),
  );

describe('readMlflowProviderConfig', () => {
  it('is off when the block is absent', () => {
    expect(readMlflowProviderConfig(new ConfigReader({}))).toBeUndefined();
  });

  it('applies defaults', () => {
    const config = read({
      baseUrl: 'https://mlflow.example.com/',
      defaultOwner: 'group:ml-platform',
    });
    expect(config).toEqual({
      baseUrl: 'https://mlflow.example.com',
      defaultOwner: 'group:ml-platform',
      tags: {
        owner: 'owner',
        tier: 'tier',
        task: 'task',
        framework: 'framework',
        servingPattern: 'serving_pattern',
        system: 'system',
      },
      aliasStages: { champion: 'production', challenger: 'staging' },
      pageSize: 100,
      schedule: {
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 15 },
        scope: 'global',
      },
    });
  });

  it('reads a schedule and forces global scope', () => {
    const config = read({
      baseUrl: 'http://localhost:5000',
      defaultOwner: 'group:ml-platform',
      schedule: {
        frequency: { minutes: 5 },
        timeout: { minutes: 1 },
        scope: 'local',
      },
    });
    expect(config?.schedule).toEqual({
      frequency: { minutes: 5 },
      timeout: { minutes: 1 },
      scope: 'global',
    });
  });

  it.each([
    [
      { baseUrl: 'ftp://mlflow', defaultOwner: 'group:x' },
      'catalog.providers.mlflow.baseUrl: must be an http(s) URL without credentials (use token)',
    ],
    [
      { baseUrl: 'not a url', defaultOwner: 'group:x' },
      'catalog.providers.mlflow.baseUrl: must be an absolute http(s) URL',
    ],
    [
      {
        baseUrl: 'https://user:pw@mlflow.example.com',
        defaultOwner: 'group:x',
      },
      'catalog.providers.mlflow.baseUrl: must be an http(s) URL without credentials (use token)',
    ],
    [
      { baseUrl: 'https://mlflow.example.com' },
      'catalog.providers.mlflow.defaultOwner: Required',
    ],
    [
      {
        baseUrl: 'https://mlflow.example.com',
        defaultOwner: 'group:x',
        defaultTier: 5,
      },
      'catalog.providers.mlflow.defaultTier: expected 1, 2 or 3',
    ],
    [
      {
        baseUrl: 'https://mlflow.example.com',
        defaultOwner: 'group:x',
        pageSize: 0,
      },
      'catalog.providers.mlflow.pageSize: Number must be greater than or equal to 1',
    ],
    [
      {
        baseUrl: 'https://mlflow.example.com',
        defaultOwner: 'group:x',
        ownerTag: 'team',
      },
      "catalog.providers.mlflow: Unrecognized key(s) in object: 'ownerTag'",
    ],
  ])('rejects %j naming the key', (mlflow, message) => {
    expect(() => read(mlflow)).toThrow(
      new InputError(`Invalid MLflow provider config: ${message}`),
    );
  });

  it('rejects a broken schedule naming the key', () => {
    expect(() =>
      read({
        baseUrl: 'https://mlflow.example.com',
        defaultOwner: 'group:x',
        schedule: { frequency: 'often' },
      }),
    ).toThrow(/catalog\.providers\.mlflow\.schedule: /);
  });

  it('never echoes the token in errors', () => {
    expect(() =>
      read({ baseUrl: 'nope', defaultOwner: 'group:x', token: 's3cr3t-token' }),
    ).toThrow(
      expect.objectContaining({
        message: expect.not.stringContaining('s3cr3t'),
      }),
    );
  });
});
