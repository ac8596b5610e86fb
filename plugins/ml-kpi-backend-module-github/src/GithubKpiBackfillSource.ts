import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  GithubOctokitFactory,
  redactSecrets,
} from '@ml-golden-paths/plugin-ml-github-node';
import type {
  KpiBackfillContext,
  KpiBackfillItem,
  KpiBackfillSource,
} from '@ml-golden-paths/plugin-ml-kpi-node';
import { z } from 'zod';
import {
  commitSchema,
  commitTime,
  compareSchema,
  deploymentSchema,
  deploymentStatusSchema,
  issueSchema,
  repositorySchema,
  workflowRunsSchema,
} from './githubShapes';
import { ListPage, NewestFirstState, newestFirstPass } from './newestFirstPass';

const DAY = 86_400_000;
/** Items near the watermark that may still change are read again. */
const OVERLAP_MS = DAY;
const PER_PAGE = 100;
/** A compare longer than this many pages is cut (GitHub caps it anyway). */
const MAX_COMPARE_PAGES = 10;
/** GitHub owner and repository name rules. */
const SLUG = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;

type Deployment = z.infer<typeof deploymentSchema>;
type Commit = z.infer<typeof commitSchema>;
type Run = z.infer<typeof workflowRunsSchema>['workflow_runs'][number];

type Octokit = Awaited<
  ReturnType<GithubOctokitFactory['forRepository']>
>['octokit'];

/** An ISO 8601 time without milliseconds, as GitHub documents `since`. */
const isoSeconds = (iso: string) =>
  new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');

const statusOf = (error: unknown) =>
  (error as { status?: unknown } | undefined)?.status;

type Client = {
  octokit: Octokit;
  owner: string;
  repo: string;
  secrets: string[];
};

async function get(
  client: Client,
  route: string,
  params: Record<string, unknown>,
  ifNoneMatch?: string,
): Promise<{
  data: unknown;
  next: boolean;
  etag?: string;
  notModified: boolean;
}> {
  try {
    const response = await client.octokit.request(route, {
      owner: client.owner,
      repo: client.repo,
      ...params,
      headers: ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {},
    });
    const etag = response.headers.etag;
    return {
      data: response.data,
      next: /rel="next"/.test(String(response.headers.link ?? '')),
      etag,
      notModified: ifNoneMatch !== undefined && etag === ifNoneMatch,
    };
  } catch (error) {
    if (statusOf(error) === 304) {
      return {
        data: undefined,
        next: false,
        etag: ifNoneMatch,
        notModified: true,
      };
    }
    throw error;
  }
}

/**
 * A `fetchPage` for {@link newestFirstPass}: one page of a GitHub list with
 * its items parsed (none when the conditional request answered 304).
 */
function pageReader<T>(
  client: Client,
  route: string,
  params: Record<string, unknown>,
  parse: (data: unknown) => Promise<T[]> | T[],
): (page: number, ifNoneMatch?: string) => Promise<ListPage<T>> {
  return async (page, ifNoneMatch) => {
    const r = await get(
      client,
      route,
      { ...params, per_page: PER_PAGE, page },
      ifNoneMatch,
    );
    return { ...r, items: r.notModified ? [] : await parse(r.data) };
  };
}

/**
 * Backfills the KPI records of one GitHub repository through the one octokit
 * factory (throttled, retried, conditional): production deployments and their
 * statuses, the commits each successful production deployment shipped (the
 * compare between the previous successful production deployment's sha and
 * its own), commits of the default branch, completed workflow runs on the
 * default branch, and issues (incidents by label). Every resource keeps a
 * watermark in the KPI database, saved after each page, so an interrupted run
 * resumes where it stopped.
 */
export class GithubKpiBackfillSource implements KpiBackfillSource {
  readonly id = 'github';

  private constructor(
    private readonly factory: GithubOctokitFactory,
    private readonly logger: LoggerService,
  ) {}

  static create(options: {
    integrations: ScmIntegrationRegistry;
    logger: LoggerService;
  }): GithubKpiBackfillSource {
    return new GithubKpiBackfillSource(
      GithubOctokitFactory.create({
        integrations: options.integrations,
        logger: options.logger,
        inputName: 'github.com/project-slug',
      }),
      options.logger,
    );
  }

  async backfill(ctx: KpiBackfillContext): Promise<void> {
    const match = SLUG.exec(ctx.repository.trim());
    if (!match || match[2] === '.' || match[2] === '..') {
      throw new NotFoundError(
        `github.com/project-slug '${ctx.repository}' is not a GitHub owner/repo`,
      );
    }
    const client = await this.factory.forRepository({
      host: 'github.com',
      owner: match[1],
      repo: match[2],
    });
    try {
      const repository = await this.readRepository(client, ctx);
      await this.deployments(client, ctx);
      await this.compares(client, ctx);
      await this.commits(client, ctx, repository.default_branch);
      await this.workflowRuns(client, ctx, repository.default_branch);
      await this.issues(client, ctx, repository.default_branch);
    } catch (error) {
      if (error instanceof NotFoundError) {
        throw error;
      }
      const status = statusOf(error);
      const message = redactSecrets(
        String((error as Error)?.message ?? error),
        client.secrets,
      );
      throw new Error(
        `GitHub ${status ? `answered ${status}: ` : ''}${message}`,
      );
    }
  }

  private async readRepository(client: Client, ctx: KpiBackfillContext) {
    try {
      const { data } = await get(client, 'GET /repos/{owner}/{repo}', {});
      return repositorySchema.parse(data);
    } catch (error) {
      if (statusOf(error) === 404) {
        throw new NotFoundError(
          `GitHub repository ${ctx.repository} does not exist or is not readable with the configured credentials`,
        );
      }
      throw error;
    }
  }

  /** Parses list items one by one; a malformed one is skipped and counted. */
  private async valid<S extends z.ZodTypeAny>(
    ctx: KpiBackfillContext,
    what: string,
    schema: S,
    items: unknown,
  ): Promise<Array<z.output<S>>> {
    if (!Array.isArray(items)) {
      throw new Error(`GitHub answered a ${what} list that is not an array`);
    }
    const result: Array<z.output<S>> = [];
    let bad = 0;
    for (const item of items) {
      const parsed = schema.safeParse(item);
      if (parsed.success) {
        result.push(parsed.data);
      } else {
        bad += 1;
        const issue = parsed.error.issues[0];
        this.logger.warn(
          `KPI backfill of ${ctx.repository}: skipped a malformed ${what} (${issue.path.join('.')}: ${issue.message})`,
        );
      }
    }
    if (bad > 0) {
      await ctx.count('backfill.malformed', bad);
    }
    return result;
  }

  private initial(ctx: KpiBackfillContext): NewestFirstState {
    return {
      since: new Date(
        ctx.now.getTime() - ctx.settings.lookbackDays * DAY,
      ).toISOString(),
    };
  }

  private async deployments(client: Client, ctx: KpiBackfillContext) {
    const windowStart = ctx.now.getTime() - ctx.settings.windowDays * DAY;
    for (const environment of ctx.settings.productionEnvironments) {
      const resource = `deployments:${environment.toLowerCase()}`;
      const stored = (await ctx.loadState(resource)) as
        (NewestFirstState & { anchored?: boolean }) | undefined;
      // A deployment with no predecessor gives no lead-time sample, so read
      // until one production deployment succeeded before the window.
      let anchored =
        stored?.anchored ??
        (await ctx.productionSuccesses()).some(
          s => s.at.getTime() <= windowStart,
        );
      await newestFirstPass<Deployment>({
        state: stored ?? this.initial(ctx),
        now: ctx.now,
        overlapMs: OVERLAP_MS,
        timeOf: d => d.created_at,
        keepGoing: () => !anchored,
        fetchPage: pageReader(
          client,
          'GET /repos/{owner}/{repo}/deployments',
          { environment },
          data => this.valid(ctx, 'deployment', deploymentSchema, data),
        ),
        process: async deployments => {
          for (const deployment of deployments) {
            const statuses = await this.statuses(client, ctx, deployment.id);
            await ctx.store(
              statuses.map(status => ({
                event: 'deployment_status' as const,
                payload: {
                  deployment: {
                    id: deployment.id,
                    sha: deployment.sha,
                    environment: deployment.environment ?? environment,
                    created_at: deployment.created_at,
                  },
                  deployment_status: status,
                },
              })),
            );
            if (
              statuses.some(
                s =>
                  s.state === 'success' &&
                  new Date(s.created_at).getTime() <= windowStart,
              )
            ) {
              anchored = true;
            }
          }
        },
        save: state => {
          // A finished pass either found the anchor or read the whole list:
          // later passes need not read past their watermark either way.
          if (state.passStartedAt === undefined) {
            anchored = true;
          }
          return ctx.saveState(resource, { ...state, anchored });
        },
      });
    }
  }

  private async statuses(
    client: Client,
    ctx: KpiBackfillContext,
    deploymentId: number,
  ) {
    const all: Array<z.infer<typeof deploymentStatusSchema>> = [];
    for (let page = 1; ; page += 1) {
      const r = await get(
        client,
        'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
        { deployment_id: deploymentId, per_page: PER_PAGE, page },
      );
      all.push(
        ...(await this.valid(
          ctx,
          'deployment status',
          deploymentStatusSchema,
          r.data,
        )),
      );
      if (!r.next) {
        return all;
      }
    }
  }

  /**
   * For each successful production deployment not compared yet, the commits
   * between the previous successful production deployment's sha and its own
   * (every commit, not only the merge commits), with their parents, so each
   * commit is attributed to the first deployment that shipped it.
   */
  private async compares(client: Client, ctx: KpiBackfillContext) {
    const stored = (await ctx.loadState('compare')) as
      { through?: string } | undefined;
    const through = stored?.through ? new Date(stored.through).getTime() : -1;
    const successes = await ctx.productionSuccesses();
    for (let i = 1; i < successes.length; i += 1) {
      const base = successes[i - 1];
      const head = successes[i];
      if (head.at.getTime() <= through) {
        continue;
      }
      if (base.sha !== head.sha) {
        await this.compare(client, ctx, base.sha, head.sha);
      }
      await ctx.saveState('compare', { through: head.at.toISOString() });
    }
  }

  private async compare(
    client: Client,
    ctx: KpiBackfillContext,
    base: string,
    head: string,
  ) {
    for (let page = 1; page <= MAX_COMPARE_PAGES; page += 1) {
      let r;
      try {
        r = await get(client, 'GET /repos/{owner}/{repo}/compare/{basehead}', {
          basehead: `${base}...${head}`,
          per_page: PER_PAGE,
          page,
        });
      } catch (error) {
        if (statusOf(error) === 404 || statusOf(error) === 422) {
          // A sha gone from the repository (force push): nothing to compare.
          await ctx.count('backfill.compareNotFound');
          this.logger.warn(
            `KPI backfill of ${ctx.repository}: no compare ${base.slice(0, 7)}...${head.slice(0, 7)} (${statusOf(error)})`,
          );
          return;
        }
        throw error;
      }
      const comparison = compareSchema.parse(r.data);
      const commits = await this.valid(
        ctx,
        'commit',
        commitSchema,
        comparison.commits,
      );
      await this.storeCommits(ctx, commits);
      if (
        !r.next ||
        comparison.commits.length < PER_PAGE ||
        page * PER_PAGE >= comparison.total_commits
      ) {
        return;
      }
    }
  }

  private async storeCommits(
    ctx: KpiBackfillContext,
    commits: Array<z.infer<typeof commitSchema>>,
  ) {
    const item: KpiBackfillItem = {
      commits: commits
        .filter(c => commitTime(c) !== '')
        .map(c => ({
          sha: c.sha,
          parents: c.parents.map(p => p.sha),
          committedAt: new Date(commitTime(c)),
        })),
    };
    await ctx.store([item]);
  }

  private async commits(
    client: Client,
    ctx: KpiBackfillContext,
    defaultBranch: string,
  ) {
    const stored = (await ctx.loadState('commits')) as
      NewestFirstState | undefined;
    const state = stored ?? this.initial(ctx);
    await newestFirstPass<Commit>({
      state,
      now: ctx.now,
      overlapMs: OVERLAP_MS,
      timeOf: commitTime,
      fetchPage: pageReader(
        client,
        'GET /repos/{owner}/{repo}/commits',
        { sha: defaultBranch, since: isoSeconds(state.since) },
        data => this.valid(ctx, 'commit', commitSchema, data),
      ),
      process: commits => this.storeCommits(ctx, commits),
      save: next => ctx.saveState('commits', next),
    });
  }

  private async workflowRuns(
    client: Client,
    ctx: KpiBackfillContext,
    defaultBranch: string,
  ) {
    const stored = (await ctx.loadState('workflow-runs')) as
      NewestFirstState | undefined;
    const state = stored ?? this.initial(ctx);
    const repository = { default_branch: defaultBranch };
    await newestFirstPass<Run>({
      state,
      now: ctx.now,
      overlapMs: OVERLAP_MS,
      timeOf: run => run.created_at,
      fetchPage: pageReader(
        client,
        'GET /repos/{owner}/{repo}/actions/runs',
        {
          branch: defaultBranch,
          status: 'completed',
          // GitHub's search syntax takes a date; the overlap covers the day.
          created: `>=${state.since.slice(0, 10)}`,
        },
        data => workflowRunsSchema.parse(data).workflow_runs,
      ),
      process: runs =>
        ctx
          .store(
            runs.map(run => ({
              event: 'workflow_run' as const,
              payload: { action: 'completed', repository, workflow_run: run },
            })),
          )
          .then(() => undefined),
      save: next => ctx.saveState('workflow-runs', next),
    });
  }

  /**
   * Issues updated since the watermark, oldest update first (GitHub's
   * `since` + `sort=updated&direction=asc`), so the watermark is simply the
   * last update read. Each goes through the webhook mapping: an issue with
   * the incident label is an incident (impact start from its label or body
   * field), one without it is none.
   */
  private async issues(
    client: Client,
    ctx: KpiBackfillContext,
    defaultBranch: string,
  ) {
    const stored = (await ctx.loadState('issues')) as
      { since: string } | undefined;
    const since = stored?.since ?? this.initial(ctx).since;
    const repository = { default_branch: defaultBranch };
    let last = since;
    for (let page = 1; ; page += 1) {
      const r = await get(client, 'GET /repos/{owner}/{repo}/issues', {
        state: 'all',
        sort: 'updated',
        direction: 'asc',
        since: isoSeconds(since),
        per_page: PER_PAGE,
        page,
      });
      const issues = (await this.valid(ctx, 'issue', issueSchema, r.data))
        // The issues list includes pull requests; they are not incidents.
        .filter(issue => issue.pull_request === undefined);
      await ctx.store(
        issues.map(issue => ({
          event: 'issues' as const,
          payload: { action: 'edited', repository, issue },
        })),
      );
      for (const issue of issues) {
        if (issue.updated_at > last) {
          last = issue.updated_at;
        }
      }
      await ctx.saveState('issues', { since: last });
      if (!r.next) {
        return;
      }
    }
  }
}
