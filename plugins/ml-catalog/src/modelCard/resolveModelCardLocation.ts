import type { ScmIntegrationRegistry } from '@backstage/integration';
import { InputError } from '@backstage/errors';
import { safeHttpUrl } from '../components/safeHttpUrl';

/** Where a model card lives: a page for people and a raw URL to fetch. */
export interface ModelCardLocation {
  /** The document as shown by the code host (for the "open" link). */
  viewUrl: string;
  /** The raw markdown. */
  fetchUrl: string;
}

function splitPath(path: string): string[] {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      out.pop();
    } else {
      out.push(segment);
    }
  }
  return out;
}

function githubLocation(
  url: URL,
  rawBaseUrl: string,
  relativePath: string | undefined,
): ModelCardLocation | undefined {
  const [owner, repo, mode, ref, ...rest] = splitPath(url.pathname);
  if (!owner || !repo) {
    return undefined;
  }
  const hasRef = (mode === 'blob' || mode === 'tree' || mode === 'raw') && ref;
  const branch = hasRef ? ref : 'HEAD';
  const path = splitPath(
    [...(hasRef ? rest : []), ...(relativePath ? [relativePath] : [])].join(
      '/',
    ),
  );
  if (path.length === 0) {
    return undefined;
  }
  const file = path.map(encodeURIComponent).join('/');
  return {
    viewUrl: `${url.origin}/${owner}/${repo}/blob/${encodeURIComponent(branch)}/${file}`,
    fetchUrl: `${rawBaseUrl.replace(/\/$/, '')}/${owner}/${repo}/${encodeURIComponent(branch)}/${file}`,
  };
}

/**
 * Works out where a model's `spec.mlops.modelCard` can be read.
 *
 * An absolute http(s) URL is used as it is; a relative path is resolved
 * against the entity's source location (`backstage.io/source-location`),
 * which is treated as a directory. GitHub and GitLab page URLs are turned into
 * their raw-file URLs using the app's SCM integrations, so GitHub Enterprise
 * hosts work too; any other host is fetched at the resolved URL.
 *
 * @throws InputError naming the field when the location cannot be resolved.
 */
export function resolveModelCardLocation(options: {
  modelCard: string;
  sourceLocation: string | undefined;
  integrations: ScmIntegrationRegistry;
}): ModelCardLocation {
  const { modelCard, integrations } = options;
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(modelCard);
  let target: URL;
  let relativePath: string | undefined;
  let base: URL | undefined;
  if (absolute) {
    const safe = safeHttpUrl(modelCard);
    if (!safe) {
      throw new InputError(
        'spec.mlops.modelCard must be an http(s) URL or a path relative to the source location',
      );
    }
    target = new URL(safe);
  } else {
    const source = safeHttpUrl(options.sourceLocation);
    if (!source) {
      throw new InputError(
        'spec.mlops.modelCard is a relative path, but the entity has no http(s) backstage.io/source-location annotation to resolve it against',
      );
    }
    base = new URL(source.endsWith('/') ? source : `${source}/`);
    relativePath = modelCard;
    target = new URL(modelCard, base);
  }

  const github = integrations.github.byUrl(target);
  if (github) {
    const location = githubLocation(
      base ?? target,
      github.config.rawBaseUrl ?? `${target.origin}/raw`,
      relativePath,
    );
    if (location) {
      return location;
    }
  }
  if (integrations.gitlab.byUrl(target)) {
    const page = target.toString().replace('/-/tree/', '/-/blob/');
    return { viewUrl: page, fetchUrl: page.replace('/-/blob/', '/-/raw/') };
  }
  return { viewUrl: target.toString(), fetchUrl: target.toString() };
}
