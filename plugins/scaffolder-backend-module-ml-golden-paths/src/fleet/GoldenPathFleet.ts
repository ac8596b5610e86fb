import fs from 'node:fs/promises';
import path from 'node:path';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import yaml from 'yaml';
import { GithubOctokitFactory } from '../github/GithubOctokitFactory';
import {
  CHECKOUTS_FOLDER,
  LocalGitRepositories,
} from '../localGit/LocalGitRepositories';
import { LocalGitConfig } from '../localGit/readLocalGitConfig';
import { runGit } from '../localGit/runGit';
import { RECORD_PATH } from '../upgrade/prepareUpgrade';
import { GoldenPathRelease, GoldenPathReleases } from '../upgrade/releases';
import { compareVersions, isSemanticVersion } from '../upgrade/semver';
import { UPGRADE_BRANCH_PREFIX } from '../upgrade/upgradeMessage';

/** An open upgrade of one repository. */
export type OpenUpgrade = {
  /** Branch name (local git) or pull request URL (GitHub). */
  location: string;
  toVersion?: string;
  conflicts: string[];
};

/** One repository of the fleet. */
export type FleetRepository = {
  entityRef: string;
  title: string;
  owner?: string;
  template: string;
  version: string;
  latestVersion: string;
  /** Releases between the repository's version and the newest (0 = current). */
  releasesBehind: number;
  /** `local` (local-git destination), `github` or `unknown`. */
  destination: 'local' | 'github' | 'unknown';
};

/** A model's golden path, for its card. */
export type GoldenPathStatus = FleetRepository & {
  /** The version the repository was created from (its record), if readable. */
  createdFrom?: string;
  /** Changelog of the releases it has not got yet, newest first. */
  changes: GoldenPathRelease[];
  openUpgrade?: OpenUpgrade;
  /** Why the open upgrade could not be looked up, if it could not. */
  openUpgradeError?: string;
};

/**
 * The golden-path fleet: every ai-model entity with `spec.mlops.goldenPath`
 * against the release history (semantic-version order), plus for one
 * model its creation version, what changed since, and its open upgrade —
 * the `golden-path/upgrade-*` branch of its local-git repository or the
 * open upgrade pull request on GitHub (through the one octokit factory).
 */
export class GoldenPathFleet {
  constructor(
    private readonly options: {
      releases: () => Promise<GoldenPathReleases>;
      catalog: CatalogService;
      localGit: LocalGitConfig;
      repositories: LocalGitRepositories;
      integrations: ScmIntegrationRegistry;
      octokitFactory: GithubOctokitFactory;
    },
  ) {}

  private describe(
    entity: Entity,
    releases: GoldenPathReleases,
  ): FleetRepository | undefined {
    const goldenPath = (entity.spec as any)?.mlops?.goldenPath;
    if (
      typeof goldenPath?.template !== 'string' ||
      typeof goldenPath?.version !== 'string' ||
      !isSemanticVersion(goldenPath.version)
    ) {
      return undefined;
    }
    const latestVersion = releases.currentVersion;
    const releasesBehind = releases
      .versions()
      .filter(
        v =>
          compareVersions(v, goldenPath.version) > 0 &&
          compareVersions(v, latestVersion) <= 0,
      ).length;
    let destination: FleetRepository['destination'] = 'unknown';
    if (this.localName(entity)) destination = 'local';
    else if (this.githubSlug(entity)) destination = 'github';
    return {
      entityRef: stringifyEntityRef(entity),
      title: entity.metadata.title ?? entity.metadata.name,
      owner: (entity.spec as any)?.owner,
      template: goldenPath.template,
      version: goldenPath.version,
      latestVersion,
      releasesBehind,
      destination,
    };
  }

  /** Every model created from a golden path, furthest behind first. */
  async list(credentials: BackstageCredentials) {
    const releases = await this.options.releases();
    const { items } = await this.options.catalog.getEntities(
      { filter: { kind: 'Resource', 'spec.type': 'ai-model' } },
      { credentials },
    );
    const repositories = items
      .map(entity => this.describe(entity, releases))
      .filter((r): r is FleetRepository => Boolean(r))
      .sort(
        (a, b) =>
          b.releasesBehind - a.releasesBehind ||
          a.entityRef.localeCompare(b.entityRef),
      );
    return {
      latestVersion: releases.currentVersion,
      releases: releases.releases,
      repositories,
    };
  }

  /** The golden path of one model, for its card; undefined when it has none. */
  async status(entity: Entity): Promise<GoldenPathStatus | undefined> {
    const releases = await this.options.releases();
    const described = this.describe(entity, releases);
    if (!described) return undefined;
    const status: GoldenPathStatus = {
      ...described,
      changes: releases.changesBetween(
        described.template,
        described.version,
        described.latestVersion,
      ),
    };
    try {
      const local = this.localName(entity);
      const slug = this.githubSlug(entity);
      if (local) {
        Object.assign(status, await this.localUpgrade(local));
      } else if (slug) {
        Object.assign(status, await this.githubUpgrade(slug));
      }
    } catch (error) {
      status.openUpgradeError = (error as Error).message;
    }
    return status;
  }

  /** The local-git repository name of an entity read from a local checkout. */
  private localName(entity: Entity): string | undefined {
    const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
    if (!location?.startsWith('file:')) return undefined;
    const file = path.resolve(location.slice('file:'.length));
    const checkouts = path.join(this.options.localGit.root, CHECKOUTS_FOLDER);
    const dir = path.dirname(file);
    if (path.dirname(dir) !== checkouts) return undefined;
    return path.basename(dir);
  }

  private githubSlug(entity: Entity) {
    const slug = entity.metadata.annotations?.['github.com/project-slug'];
    const match = slug && /^([\w.-]+)\/([\w.-]+)$/.exec(slug);
    return match ? { owner: match[1], repo: match[2] } : undefined;
  }

  private async localUpgrade(name: string) {
    const repository = this.options.repositories.locate(name);
    const git = (args: string[]) =>
      runGit(args, {
        cwd: repository.bareDir,
        author: this.options.localGit.author,
      });
    const result: Partial<GoldenPathStatus> = {};
    const record = await fs
      .readFile(path.join(repository.checkoutDir, RECORD_PATH), 'utf8')
      .then(text => yaml.parse(text))
      .catch(() => undefined);
    if (record) {
      result.createdFrom = record.createdFrom ?? record.version;
    }
    const branches = (
      await git([
        'for-each-ref',
        '--format=%(refname:short)',
        `refs/heads/${UPGRADE_BRANCH_PREFIX}*`,
      ])
    )
      .split('\n')
      .filter(Boolean);
    const branch = branches.sort((a, b) =>
      compareVersions(
        b.slice(UPGRADE_BRANCH_PREFIX.length),
        a.slice(UPGRADE_BRANCH_PREFIX.length),
      ),
    )[0];
    if (branch) {
      const message = await git(['log', '-1', '--format=%B', branch]);
      result.openUpgrade = {
        location: branch,
        toVersion: branch.slice(UPGRADE_BRANCH_PREFIX.length),
        conflicts: readConflicts(message),
      };
    }
    return result;
  }

  private async githubUpgrade(slug: { owner: string; repo: string }) {
    const { octokit } = await this.options.octokitFactory.forRepository({
      host: 'github.com',
      ...slug,
    });
    const result: Partial<GoldenPathStatus> = {};
    const record = await octokit.rest.repos
      .getContent({ ...slug, path: RECORD_PATH })
      .then(({ data }) =>
        'content' in data
          ? yaml.parse(Buffer.from(data.content, 'base64').toString('utf8'))
          : undefined,
      )
      .catch(() => undefined);
    if (record) result.createdFrom = record.createdFrom ?? record.version;
    const pulls = await octokit.rest.pulls.list({
      ...slug,
      state: 'open',
      per_page: 100,
    });
    const pull = pulls.data.find(p =>
      p.head.ref.startsWith(UPGRADE_BRANCH_PREFIX),
    );
    if (pull) {
      result.openUpgrade = {
        location: pull.html_url,
        toVersion: pull.head.ref.slice(UPGRADE_BRANCH_PREFIX.length),
        conflicts: readConflicts(pull.body ?? ''),
      };
    }
    return result;
  }
}

function readConflicts(message: string): string[] {
  const line = message
    .split('\n')
    .find(l => l.startsWith('Golden-Path-Conflicts:'));
  return line
    ? line.slice('Golden-Path-Conflicts:'.length).trim().split(/\s+/)
    : [];
}
