import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { compilePathPatterns } from './pathPatterns';
import { applyPlan, mergeFile, planUpgrade } from './planUpgrade';

async function tree(dir: string, files: Record<string, string>) {
  for (const [rel, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await fs.writeFile(path.join(dir, rel), content);
  }
  return dir;
}

describe('planUpgrade', () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'plan-upgrade-'));
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  const plan = (
    dirs: { old: string; next: string; repo: string },
    extra: { alwaysRestored?: string[]; neverTouch?: string[] } = {},
  ) =>
    planUpgrade({
      oldDir: dirs.old,
      newDir: dirs.next,
      repoDir: dirs.repo,
      fromVersion: '1.0.0',
      toVersion: '1.1.0',
      alwaysRestored: compilePathPatterns(extra.alwaysRestored ?? [], 'a'),
      neverTouch: compilePathPatterns(extra.neverTouch ?? [], 'n'),
    });

  it('decides every case and writes only what it planned', async () => {
    const old = await tree(path.join(root, 'old'), {
      'same.txt': 'same\n',
      'template-only.txt': 'a\nb\nc\n',
      'both-apart.txt': '1\n2\n3\n4\n5\n6\n7\n8\n',
      'both-same-line.txt': 'x\ny\nz\n',
      'deleted.txt': 'old\n',
      'restored.yaml': 'old\n',
      'dropped.txt': 'drop me\n',
      'dropped-edited.txt': 'drop me\n',
      'protected/config.txt': 'old\n',
    });
    const next = await tree(path.join(root, 'next'), {
      'same.txt': 'same\n',
      'template-only.txt': 'a\nB\nc\n',
      'both-apart.txt': '1\n2\n3\n4\n5\n6\n7\nEIGHT\n',
      'both-same-line.txt': 'x\nY-template\nz\n',
      'deleted.txt': 'new\n',
      'restored.yaml': 'new\n',
      'added.txt': 'brand new\n',
      'protected/config.txt': 'new\n',
    });
    const repo = await tree(path.join(root, 'repo'), {
      'same.txt': 'team edited\n',
      'template-only.txt': 'a\nb\nc\n',
      'both-apart.txt': 'ONE\n2\n3\n4\n5\n6\n7\n8\n',
      'both-same-line.txt': 'x\nY-team\nz\n',
      'dropped.txt': 'drop me\n',
      'dropped-edited.txt': 'kept by team\n',
      'protected/config.txt': 'team\n',
      'team-only.txt': 'ours\n',
    });
    const result = await plan(
      { old, next, repo },
      { alwaysRestored: ['*.yaml'], neverTouch: ['protected/'] },
    );
    const actions = Object.fromEntries(
      result.files.map(f => [f.path, f.action]),
    );
    expect(actions).toEqual({
      'added.txt': 'added',
      'both-apart.txt': 'merged',
      'both-same-line.txt': 'conflict',
      'deleted.txt': 'kept-deleted',
      'dropped-edited.txt': 'untouched',
      'dropped.txt': 'removed',
      'protected/config.txt': 'untouched',
      'restored.yaml': 'restored',
      'same.txt': 'untouched',
      'template-only.txt': 'updated',
    });
    expect(result.conflicted).toEqual(['both-same-line.txt']);

    await applyPlan(result, repo);
    const read = (rel: string) =>
      fs.readFile(path.join(repo, rel), 'utf8').catch(() => undefined);
    expect(await read('same.txt')).toBe('team edited\n');
    expect(await read('template-only.txt')).toBe('a\nB\nc\n');
    expect(await read('both-apart.txt')).toBe('ONE\n2\n3\n4\n5\n6\n7\nEIGHT\n');
    expect(await read('both-same-line.txt')).toBe(
      'x\n<<<<<<< your repository\nY-team\n||||||| golden path 1.0.0\ny\n=======\nY-template\n>>>>>>> golden path 1.1.0\nz\n',
    );
    expect(await read('deleted.txt')).toBeUndefined();
    expect(await read('restored.yaml')).toBe('new\n');
    expect(await read('added.txt')).toBe('brand new\n');
    expect(await read('dropped.txt')).toBeUndefined();
    expect(await read('dropped-edited.txt')).toBe('kept by team\n');
    expect(await read('protected/config.txt')).toBe('team\n');
    expect(await read('team-only.txt')).toBe('ours\n');
  });

  it('never follows a symbolic link the repository holds (abuse)', async () => {
    const outside = await tree(path.join(root, 'outside'), {
      'victim.txt': 'a\nb\nc\n',
    });
    const old = await tree(path.join(root, 'old'), {
      'link/victim.txt': 'a\nb\nc\n',
      'file.txt': 'a\nb\nc\n',
    });
    const next = await tree(path.join(root, 'next'), {
      'link/victim.txt': 'a\nOWNED\nc\n',
      'file.txt': 'a\nOWNED\nc\n',
    });
    const repo = path.join(root, 'repo');
    await fs.mkdir(repo);
    await fs.symlink(outside, path.join(repo, 'link'));
    await fs.symlink(
      path.join(outside, 'victim.txt'),
      path.join(repo, 'file.txt'),
    );
    const result = await plan({ old, next, repo });
    expect(result.files.map(f => [f.path, f.action])).toEqual([
      ['file.txt', 'conflict'],
      ['link/victim.txt', 'conflict'],
    ]);
    await applyPlan(result, repo);
    expect(await fs.readFile(path.join(outside, 'victim.txt'), 'utf8')).toBe(
      'a\nb\nc\n',
    );
  });

  it('keeps a binary file both sides changed and reports it', async () => {
    const old = await tree(path.join(root, 'old'), { 'model.bin': 'a\0b' });
    const next = await tree(path.join(root, 'next'), { 'model.bin': 'a\0c' });
    const repo = await tree(path.join(root, 'repo'), { 'model.bin': 'a\0d' });
    const result = await plan({ old, next, repo });
    expect(result.conflicted).toEqual(['model.bin']);
    await applyPlan(result, repo);
    expect(await fs.readFile(path.join(repo, 'model.bin'), 'utf8')).toBe(
      'a\0d',
    );
  });
});

describe('mergeFile', () => {
  it('returns the number of conflicts git merge-file reports', async () => {
    const scratchDir = await fs.mkdtemp(path.join(os.tmpdir(), 'merge-'));
    const merged = await mergeFile({
      scratchDir,
      ours: Buffer.from('1\nours\n3\n4\n5\n6\nours\n'),
      base: Buffer.from('1\n2\n3\n4\n5\n6\n7\n'),
      theirs: Buffer.from('1\ntheirs\n3\n4\n5\n6\ntheirs\n'),
      labels: ['a', 'b', 'c'],
    });
    expect(merged.conflicts).toBe(2);
    expect(merged.content.toString()).toContain('<<<<<<< a');
    await fs.rm(scratchDir, { recursive: true, force: true });
  });
});

describe('compilePathPatterns', () => {
  it('matches folders, files and globs', () => {
    const match = compilePathPatterns(
      ['docs/', 'Makefile', 'deploy/**/*.yaml', '*.md'],
      'neverTouch',
    );
    expect(match('docs/runbooks/incident.md')).toBe(true);
    expect(match('Makefile')).toBe(true);
    expect(match('src/Makefile')).toBe(false);
    expect(match('deploy/overlays/production/kustomization.yaml')).toBe(true);
    expect(match('deploy/base/kustomization.yaml')).toBe(true);
    expect(match('README.md')).toBe(true);
    expect(match('src/README.md')).toBe(false);
  });

  it.each(['/etc/passwd', '../outside', 'a/../../b', '', 'C:\\x', 'a\\b'])(
    'refuses %j, naming the field and index',
    pattern => {
      expect(() => compilePathPatterns(['ok', pattern], 'neverTouch')).toThrow(
        /^neverTouch\[1\]: /,
      );
    },
  );
});
