import { Octokit } from '@octokit/rest';
import {
  RepositoryFile,
  RepositoryReader,
} from '@ml-golden-paths/plugin-ml-readiness-repository-facts';
import { BlobCache } from './BlobCache';

type TreeEntry = { path: string; sha: string; size: number };

/**
 * Reads one commit of a GitHub repository through the REST API: the tree of
 * the commit (git trees API, recursive), blobs by their sha (cached across
 * collections, since a blob never changes) and, per path, the time of the
 * newest commit that touched it on the branch.
 */
export class GithubRepositoryReader implements RepositoryReader {
  private entries?: Map<string, TreeEntry>;

  /** True when GitHub cut the tree short (more than 100,000 entries or 7 MB). */
  truncated = false;

  constructor(
    private readonly octokit: Octokit,
    private readonly target: {
      owner: string;
      repo: string;
      branch: string;
      treeSha: string;
    },
    private readonly blobs: BlobCache,
  ) {}

  async listFiles(): Promise<RepositoryFile[]> {
    const entries = await this.tree();
    return [...entries.values()].map(({ path, size }) => ({ path, size }));
  }

  async readFile(path: string): Promise<Buffer> {
    const entry = (await this.tree()).get(path);
    if (!entry) {
      throw new Error(`${path} is not a file of the analysed commit`);
    }
    const cached = this.blobs.get(entry.sha);
    if (cached) {
      return cached;
    }
    const { data } = await this.octokit.rest.git.getBlob({
      owner: this.target.owner,
      repo: this.target.repo,
      file_sha: entry.sha,
    });
    const content = Buffer.from(
      data.content,
      data.encoding === 'base64' ? 'base64' : 'utf8',
    );
    this.blobs.set(entry.sha, content);
    return content;
  }

  async lastChangedAt(path: string): Promise<Date> {
    const { data } = await this.octokit.rest.repos.listCommits({
      owner: this.target.owner,
      repo: this.target.repo,
      sha: this.target.branch,
      path,
      per_page: 1,
    });
    const date =
      data[0]?.commit.committer?.date ?? data[0]?.commit.author?.date;
    if (!date) {
      throw new Error(
        `GitHub lists no commit touching ${path} on ${this.target.branch}`,
      );
    }
    return new Date(date);
  }

  private async tree(): Promise<Map<string, TreeEntry>> {
    if (!this.entries) {
      const { data } = await this.octokit.rest.git.getTree({
        owner: this.target.owner,
        repo: this.target.repo,
        tree_sha: this.target.treeSha,
        recursive: 'true',
      });
      this.truncated = data.truncated;
      this.entries = new Map(
        data.tree
          .filter(item => item.type === 'blob' && item.path && item.sha)
          // Symbolic links (mode 120000) are blobs holding a path: not files.
          .filter(item => item.mode !== '120000')
          .map(item => [
            item.path!,
            { path: item.path!, sha: item.sha!, size: item.size ?? 0 },
          ]),
      );
    }
    return this.entries;
  }
}
