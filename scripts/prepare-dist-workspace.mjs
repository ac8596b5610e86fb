// Unpacks the backend's production bundle (packages/backend/dist/bundle.tar.gz,
// made by `yarn build:all`) into dist-workspace/ and gives it a node_modules
// folder: the bundle's own workspace packages (built, main -> dist) take
// precedence, every third-party package is linked from the repository's
// node_modules. The result runs exactly the built code, without a second install.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'packages/backend/dist/bundle.tar.gz');
const target = join(root, 'dist-workspace');

if (!existsSync(bundle)) {
  console.error(
    `prepare-dist-workspace: ${bundle} is missing; run 'yarn build:all' first`,
  );
  process.exit(1);
}
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
execFileSync('tar', ['xzf', bundle, '-C', target]);

// Workspace packages inside the bundle, by package name.
const bundled = new Map();
for (const group of ['packages', 'plugins']) {
  const dir = join(target, group);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir)) {
    const pkg = JSON.parse(
      readFileSync(join(dir, name, 'package.json'), 'utf8'),
    );
    bundled.set(pkg.name, join(dir, name));
  }
}

const modules = join(target, 'node_modules');
mkdirSync(modules);
const rootModules = join(root, 'node_modules');
for (const entry of readdirSync(rootModules)) {
  if (entry.startsWith('.')) continue;
  if (entry.startsWith('@')) {
    mkdirSync(join(modules, entry));
    for (const sub of readdirSync(join(rootModules, entry))) {
      const name = `${entry}/${sub}`;
      symlinkSync(
        bundled.get(name) ?? join(rootModules, name),
        join(modules, name),
      );
    }
  } else {
    symlinkSync(
      bundled.get(entry) ?? join(rootModules, entry),
      join(modules, entry),
    );
  }
}
console.log(
  `prepare-dist-workspace: ${bundled.size} bundled workspace packages (${[...bundled.keys()].join(', ')})`,
);
