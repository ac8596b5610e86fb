import type { ScmIntegrationRegistry } from '@backstage/integration';
import { InputError } from '@backstage/errors';
import { safeHttpUrl } from '../components/safeHttpUrl';

/** Where a repository document lives: a page for people and its raw file. */
export interface DocumentLocation {
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
): DocumentLocation | undefined {
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
 * Works out where a model's document (`spec.mlops.modelCard` or
 * `spec.mlops.runbook`) lives on its code host, for links: the page to open
 * and the raw file that relative images resolve against.
 *
 * An absolute http(s) URL is used as it is; a relative path is resolved
 * against the entity's source location (`backstage.io/source-location`),
 * which is treated as a directory. GitHub and GitLab page URLs are turned into
 * their raw-file URLs using the app's SCM integrations, so GitHub Enterprise
 * hosts work too; any other host is fetched at the resolved URL.
 *
 * @throws InputError naming the field when the location cannot be resolved.
 */
export function resolveDocumentLocation(options: {
  /** The entity field, for messages, e.g. `spec.mlops.modelCard`. */
  field: string;
  /** The field's value: an http(s) URL or a relative path. */
  value: string;
  sourceLocation: string | undefined;
  integrations: ScmIntegrationRegistry;
}): DocumentLocation {
  const { field, value, integrations } = options;
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(value);
  let target: URL;
  let relativePath: string | undefined;
  let base: URL | undefined;
  if (absolute) {
    const safe = safeHttpUrl(value);
    if (!safe) {
      throw new InputError(
        `${field} must be an http(s) URL or a path relative to the source location`,
      );
    }
    target = new URL(safe);
  } else {
    const source = safeHttpUrl(options.sourceLocation);
    if (!source) {
      throw new InputError(
        `${field} is a relative path, but the entity has no http(s) backstage.io/source-location annotation to resolve it against`,
      );
    }
    base = new URL(source.endsWith('/') ? source : `${source}/`);
    relativePath = value;
    target = new URL(value, base);
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
