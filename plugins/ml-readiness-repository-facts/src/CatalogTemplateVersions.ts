import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * The annotation (also set as a label) on a golden-path Template entity that
 * carries its released version, e.g. `mlops.golden-paths/version: 1.0.0`.
 *
 * @public
 */
export const GOLDEN_PATH_VERSION_ANNOTATION = 'mlops.golden-paths/version';

/** How long a looked-up version is reused. */
const TTL_MS = 60_000;

/**
 * The newest released version of each golden-path template, read from the
 * catalog's `Template` entity of that name (annotation or label
 * {@link GOLDEN_PATH_VERSION_ANNOTATION}) with the plugin's own service
 * credentials. Answers are cached for a minute, so grading many models
 * costs one catalog read per template.
 *
 * @public
 */
export class CatalogTemplateVersions {
  private readonly cache = new Map<
    string,
    { at: number; version: Promise<string | undefined> }
  >();

  private constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly namespace: string,
  ) {}

  /** Creates the lookup; templates are looked up in `namespace` (default `default`). */
  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
    namespace?: string;
  }): CatalogTemplateVersions {
    return new CatalogTemplateVersions(
      options.catalog,
      options.auth,
      options.namespace ?? 'default',
    );
  }

  /** The version of the Template entity named `template`; undefined when none. */
  newestVersion(template: string): Promise<string | undefined> {
    const now = Date.now();
    const cached = this.cache.get(template);
    if (cached && now - cached.at < TTL_MS) {
      return cached.version;
    }
    const version = this.lookUp(template);
    this.cache.set(template, { at: now, version });
    version.catch(() => this.cache.delete(template));
    return version;
  }

  private async lookUp(template: string): Promise<string | undefined> {
    if (!/^[a-z0-9][a-z0-9-]*$/i.test(template)) {
      return undefined;
    }
    const entity = await this.catalog.getEntityByRef(
      { kind: 'template', namespace: this.namespace, name: template },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    const version =
      entity?.metadata.annotations?.[GOLDEN_PATH_VERSION_ANNOTATION] ??
      entity?.metadata.labels?.[GOLDEN_PATH_VERSION_ANNOTATION];
    return version?.trim() || undefined;
  }
}
