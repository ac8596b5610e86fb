import { baseName } from '../paths';

/** Whether the path names a Dockerfile or Containerfile. */
export function isDockerfilePath(path: string): boolean {
  const name = baseName(path);
  return (
    /^(Dockerfile|Containerfile)([.-][\w.-]+)?$/.test(name) ||
    /\.(Dockerfile|Containerfile)$/i.test(name)
  );
}

/** Distroless `:nonroot` images run as the `nonroot` user. */
function baseImageUser(image: string): string | undefined {
  return /:nonroot\b/.test(image) ? 'nonroot' : undefined;
}

type Stage = { name?: string; user?: string; vars: Map<string, string> };

function instructions(text: string): Array<[string, string]> {
  const lines = text
    .split(/\r?\n/)
    .filter(line => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\[ \t]*\n/g, ' ')
    .split('\n');
  return lines.flatMap(line => {
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    return match ? [[match[1].toUpperCase(), match[2].trim()]] : [];
  });
}

function expand(value: string, vars: Map<string, string>): string | undefined {
  let unresolved = false;
  const result = value.replace(
    /\$\{?([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}?/g,
    (_, name: string, fallback: string | undefined) => {
      const known = vars.get(name) ?? fallback;
      if (known === undefined) {
        unresolved = true;
        return '';
      }
      return known;
    },
  );
  return unresolved ? undefined : result;
}

function assignments(value: string): Array<[string, string]> {
  const pairs = [
    ...value.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S*)/g),
  ];
  if (pairs.length > 0) {
    return pairs.map(([, key, raw]) => [key, raw.replace(/^["']|["']$/g, '')]);
  }
  const legacy = /^([A-Za-z_][A-Za-z0-9_]*)\s+(.*)$/.exec(value);
  return legacy ? [[legacy[1], legacy[2]]] : [];
}

/**
 * The user the final stage of a Dockerfile runs as: its last `USER`, or the
 * user of the stage it builds `FROM`; `nonroot` for distroless `:nonroot`
 * images. Undefined when no user is set (the image runs as root) or when the
 * user is a variable that cannot be resolved.
 */
export function finalStageUser(text: string): string | undefined {
  const globalArgs = new Map<string, string>();
  const stages: Stage[] = [];
  let current: Stage | undefined;
  for (const [instruction, value] of instructions(text)) {
    if (instruction === 'FROM') {
      const words = value.split(/\s+/).filter(word => !word.startsWith('--'));
      const image = words[0] ?? '';
      const alias = words[1]?.toLowerCase() === 'as' ? words[2] : undefined;
      const parent = stages.find(stage => stage.name === image.toLowerCase());
      current = {
        name: alias?.toLowerCase(),
        user: parent ? parent.user : baseImageUser(image),
        vars: new Map(parent?.vars ?? globalArgs),
      };
      stages.push(current);
    } else if (!current) {
      if (instruction === 'ARG') {
        assignments(value).forEach(([key, v]) => globalArgs.set(key, v));
      }
    } else if (instruction === 'ARG' || instruction === 'ENV') {
      for (const [key, v] of assignments(value)) {
        current.vars.set(key, v);
      }
      if (instruction === 'ARG' && !value.includes('=')) {
        const name = value.trim();
        if (globalArgs.has(name)) {
          current.vars.set(name, globalArgs.get(name)!);
        }
      }
    } else if (instruction === 'USER') {
      current.user = expand(value.split(/\s+/)[0], current.vars);
    }
  }
  return current?.user;
}

/** Whether a Dockerfile's final stage runs as a user other than root (uid 0). */
export function runsAsNonRoot(text: string): boolean {
  const user = finalStageUser(text);
  if (!user) {
    return false;
  }
  const name = user.split(':')[0].trim();
  return name !== '' && name !== 'root' && !/^0+$/.test(name);
}
