const SEPARATORS = new Set([';', '&', '|', '\n', '(', ')', '`']);

/**
 * Splits a shell script (a workflow step's `run:`) into simple commands, each
 * a list of words with quotes removed. Comments, line continuations and the
 * separators `; & && | || ( ) $( )` and backticks are understood; expansions
 * are kept as written. Good enough to recognise which programs a step runs,
 * which is all it is used for.
 */
export function splitShellCommands(script: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  const endWord = () => {
    if (inWord) {
      words.push(word);
    }
    word = '';
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) {
      commands.push(words);
    }
    words = [];
  };
  const text = script.replace(/\\\r?\n/g, ' ');
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === quote) {
        quote = undefined;
      } else if (char === '\\' && quote === '"' && i + 1 < text.length) {
        word += text[++i];
      } else {
        word += char;
      }
      continue;
    }
    if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (char === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (char === '#' && !inWord) {
      while (i + 1 < text.length && text[i + 1] !== '\n') {
        i++;
      }
    } else if (char === '$' && text[i + 1] === '(') {
      endCommand();
      i++;
    } else if (SEPARATORS.has(char)) {
      endCommand();
    } else if (char === ' ' || char === '\t' || char === '\r') {
      endWord();
    } else {
      word += char;
      inWord = true;
    }
  }
  endCommand();
  return commands;
}

const PREFIX_WORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'do',
  'while',
  'until',
  '!',
  'time',
  'exec',
  'sudo',
  'command',
  'nohup',
  '{',
]);

/** Tools that run another command: `uv run pytest`, `poetry run pytest`. */
const RUNNERS = new Set(['uv', 'poetry', 'pipenv', 'pdm', 'hatch', 'rye']);

/**
 * Strips what only wraps the real program: shell keywords, `VAR=value`
 * assignments, `env`, and `uv run`-style runners. Returns the program and its
 * arguments (empty when nothing is left).
 */
export function programOf(words: string[]): string[] {
  let rest = words;
  for (;;) {
    const [first, second] = rest;
    if (first === undefined) {
      return rest;
    }
    if (PREFIX_WORDS.has(first) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(first)) {
      rest = rest.slice(1);
    } else if (first === 'env') {
      rest = rest.slice(1);
      while (rest[0]?.startsWith('-')) {
        rest = rest.slice(1);
      }
    } else if (RUNNERS.has(first) && second === 'run') {
      rest = rest.slice(2);
      while (rest[0]?.startsWith('-')) {
        rest = rest.slice(1);
      }
    } else {
      return rest;
    }
  }
}
