import { AppConfig, ConfigReader } from '@backstage/config';
import { ConfigSources, loadConfigSchema } from '@backstage/config-loader';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The configuration files as the portal really loads them: development through
 * `yarn start` (BACKSTAGE_ENV=development, see the root package.json) and
 * production through `--config app-config.yaml --config app-config.production.yaml`
 * (README, scripts/e2e.sh).
 */
const ROOT = path.resolve(__dirname, '../../../..');

const PRODUCTION_ENV: Record<string, string> = {
  POSTGRES_HOST: '127.0.0.1',
  POSTGRES_PORT: '5432',
  POSTGRES_USER: 'postgres',
  AUTH_SESSION_SECRET: 'session-secret',
  OIDC_METADATA_URL: 'https://idp.example.com/.well-known/openid-configuration',
  OIDC_CLIENT_ID: 'portal',
  OIDC_CLIENT_SECRET: 'client-secret',
  CATALOG_ORG_LOCATION: './org/users.yaml',
};

async function load(
  files: string[],
  env: Record<string, string | undefined>,
  backstageEnv?: string,
) {
  const previous = process.env.BACKSTAGE_ENV;
  if (backstageEnv) process.env.BACKSTAGE_ENV = backstageEnv;
  else delete process.env.BACKSTAGE_ENV;
  try {
    const source = ConfigSources.defaultForTargets({
      rootDir: ROOT,
      targets: files.map(f => ({ type: 'path', target: path.join(ROOT, f) })),
      substitutionFunc: async name => env[name],
    });
    const configs: AppConfig[] = [];
    for await (const { configs: read } of source.readConfigData()) {
      configs.push(...read);
      break;
    }
    return { config: ConfigReader.fromConfigs(configs), configs };
  } finally {
    if (previous === undefined) delete process.env.BACKSTAGE_ENV;
    else process.env.BACKSTAGE_ENV = previous;
  }
}

const PRODUCTION = ['app-config.yaml', 'app-config.production.yaml'];

/** Every kind a catalog location may hold, by configured location target. */
function kindsByLocation(config: ConfigReader) {
  return new Map(
    config
      .getConfigArray('catalog.locations')
      .map(l => [
        l.getString('target'),
        (l.getOptionalConfigArray('rules') ?? []).flatMap(r =>
          r.getStringArray('allow'),
        ),
      ]),
  );
}

describe('production configuration', () => {
  it('has no guest sign-in, only OpenID Connect resolving catalog users', async () => {
    const { config } = await load(PRODUCTION, PRODUCTION_ENV);
    expect(config.getString('auth.environment')).toBe('production');
    expect(config.getConfig('auth.providers').keys()).toEqual(['oidc']);
    expect(config.has('auth.providers.guest')).toBe(false);
    expect(JSON.stringify(config.get('auth'))).not.toContain(
      'dangerouslyAllow',
    );
    const oidc = config.getConfig('auth.providers.oidc.production');
    expect(oidc.getString('metadataUrl')).toBe(
      PRODUCTION_ENV.OIDC_METADATA_URL,
    );
    expect(oidc.getString('clientId')).toBe('portal');
    expect(oidc.getString('clientSecret')).toBe('client-secret');
    expect(
      oidc.getConfigArray('signIn.resolvers').map(r => r.getString('resolver')),
    ).toEqual(['catalogUserByVerifiedEmail']);
    expect(config.getString('auth.session.secret')).toBe('session-secret');
    expect(config.getStringArray('app.signIn.providers')).toEqual(['oidc']);
  });

  it('loads the organisation from CATALOG_ORG_LOCATION, not the demo one, and no demo models', async () => {
    const { config } = await load(PRODUCTION, PRODUCTION_ENV);
    const locations = config
      .getConfigArray('catalog.locations')
      .map(l => `${l.getString('type')}:${l.getString('target')}`);
    expect(locations).toEqual([
      'file:./templates/all.yaml',
      'file:./org/users.yaml',
    ]);

    const url = await load(PRODUCTION, {
      ...PRODUCTION_ENV,
      CATALOG_ORG_LOCATION: 'https://github.com/acme/org/blob/main/org.yaml',
      CATALOG_ORG_LOCATION_TYPE: 'url',
    });
    expect(
      url.config.getConfigArray('catalog.locations')[1].getString('type'),
    ).toBe('url');
  });

  it('fails at start-up, naming the key, when no organisation is configured', async () => {
    const { CATALOG_ORG_LOCATION: _, ...withoutOrg } = PRODUCTION_ENV;
    const { config } = await load(PRODUCTION, withoutOrg);
    expect(() =>
      config.getConfigArray('catalog.locations')[1].getString('target'),
    ).toThrow(/catalog\.locations\[1\]\.target/);
  });

  it('allows Template, Location, User and Group only from the configured locations', async () => {
    for (const files of [PRODUCTION, [...PRODUCTION, 'app-config.demo.yaml']]) {
      const { config } = await load(files, PRODUCTION_ENV);
      const global = config
        .getConfigArray('catalog.rules')
        .flatMap(r => r.getStringArray('allow'));
      expect(global.sort()).toEqual(
        ['API', 'Component', 'Domain', 'Resource', 'System'].sort(),
      );
      expect(
        config.getConfigArray('catalog.rules').some(r => r.has('locations')),
      ).toBe(false);
      const kinds = kindsByLocation(config);
      expect(kinds.get('./templates/all.yaml')).toEqual([
        'Template',
        'Location',
      ]);
      expect(kinds.get('./org/users.yaml')).toEqual([
        'User',
        'Group',
        'Location',
      ]);
    }
  });

  it('loads the demo models only when app-config.demo.yaml is layered on top', async () => {
    const { config } = await load(
      [...PRODUCTION, 'app-config.demo.yaml'],
      PRODUCTION_ENV,
    );
    const targets = [...kindsByLocation(config).keys()];
    expect(targets).toEqual([
      './templates/all.yaml',
      './org/users.yaml',
      './examples/all.yaml',
      './catalog-info.yaml',
    ]);
    expect(config.getConfig('auth.providers').keys()).toEqual(['oidc']);
  });

  it('sends a CSP that lets the app connect only to its own origin', async () => {
    const { config } = await load(PRODUCTION, PRODUCTION_ENV);
    expect(config.getStringArray('backend.csp.connect-src')).toEqual([
      "'self'",
    ]);
  });

  it('exposes app.signIn.providers, and no OIDC or session setting, to the frontend', async () => {
    const { configs } = await load(PRODUCTION, PRODUCTION_ENV);
    const schema = await loadConfigSchema({
      dependencies: [],
      packagePaths: [path.join(ROOT, 'packages/app/package.json')],
    });
    const frontend = ConfigReader.fromConfigs(
      schema.process(configs, {
        visibility: ['frontend'],
        ignoreSchemaErrors: true,
      }),
    );
    expect(frontend.getStringArray('app.signIn.providers')).toEqual(['oidc']);
    const visible = JSON.stringify(frontend.get());
    for (const secret of ['client-secret', 'session-secret', 'portal']) {
      expect(visible).not.toContain(secret);
    }
  });
});

describe('development configuration (yarn start)', () => {
  it('is what the start script loads: app-config.yaml, then app-config.development.yaml', () => {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'),
    );
    expect(pkg.scripts.start).toBe(
      'BACKSTAGE_ENV=development backstage-cli repo start',
    );
  });

  it('signs in as guest and loads the demo organisation and models', async () => {
    const { config } = await load([], {}, 'development');
    expect(config.getString('auth.environment')).toBe('development');
    expect(config.getConfig('auth.providers').keys()).toEqual(['guest']);
    expect(
      config.has('auth.providers.guest.dangerouslyAllowOutsideDevelopment'),
    ).toBe(false);
    expect(config.getStringArray('app.signIn.providers')).toEqual(['guest']);
    const targets = [...kindsByLocation(config).keys()];
    expect(targets).toEqual(
      expect.arrayContaining([
        '../../templates/all.yaml',
        '../../examples/org.yaml',
        '../../examples/guest.yaml',
        '../../examples/all.yaml',
      ]),
    );
  });

  it('keeps the guest user out of the demo organisation file production may load', () => {
    const org = fs.readFileSync(path.join(ROOT, 'examples/org.yaml'), 'utf8');
    expect(org).not.toMatch(/name:\s*guest\b/);
  });
});
