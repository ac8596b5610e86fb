import { parseYamlDocuments } from '../yamlDocuments';
import { parseCodeowners } from './codeowners';
import { parseGoldenPathRecord } from './goldenPathRecord';
import { countPins, dependenciesPinned } from './requirements';
import { isScannable, scanForSecrets } from './secrets';

describe('parseCodeowners', () => {
  it('lists the owners named, without comments or patterns', () => {
    expect(
      parseCodeowners(
        '# Owners: @acme/not-this\n*  @acme/risk-ml\n/deploy/ @acme/risk-ml @dana-gh # trailing @nope\n/docs/ ml@example.com\n\n',
      ),
    ).toEqual(['@acme/risk-ml', '@dana-gh', 'ml@example.com']);
    expect(parseCodeowners('# nothing\n')).toEqual([]);
  });
});

describe('requirements pinning', () => {
  it('counts exact pins only', () => {
    expect(
      countPins(
        '-r base.txt\n# comment\nnumpy==1.26.4\npandas[perf]==2.2.2 ; python_version>"3.9"\nscikit-learn>=1.2,<2\nfoo==1.0 \\\n  --hash=sha256:abc\n-e .\n',
      ),
    ).toEqual({ requirements: 4, pinned: 3 });
  });

  it('accepts a lock file, a pinned constraints file or fully pinned requirements', () => {
    const ranges = 'numpy>=1.24,<3\n';
    expect(
      dependenciesPinned({
        lockFiles: [],
        constraints: [],
        requirements: [ranges],
      }),
    ).toBe(false);
    expect(
      dependenciesPinned({
        lockFiles: ['uv.lock'],
        constraints: [],
        requirements: [ranges],
      }),
    ).toBe(true);
    expect(
      dependenciesPinned({
        lockFiles: [],
        constraints: ['numpy==1.26.4\n'],
        requirements: [ranges],
      }),
    ).toBe(true);
    expect(
      dependenciesPinned({
        lockFiles: [],
        constraints: [],
        requirements: [
          'numpy==1.26.4\n',
          '-r requirements.txt\npytest==8.3.3\n',
        ],
      }),
    ).toBe(true);
    expect(
      dependenciesPinned({
        lockFiles: [],
        constraints: [],
        requirements: ['-r x.txt\n'],
      }),
    ).toBe(false);
  });
});

describe('scanForSecrets', () => {
  const scan = (text: string) =>
    scanForSecrets('f.txt', Buffer.from(text)).map(f => [f.kind, f.line]);

  it('finds private keys, GitHub tokens and AWS keys with their line', () => {
    expect(scan('a\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn...')).toEqual([
      ['private key', 2],
    ]);
    expect(scan(`token = "ghp_${'a1B2'.repeat(9)}"`)).toEqual([
      ['GitHub token', 1],
    ]);
    expect(scan(`github_pat_${'A'.repeat(22)}_${'b'.repeat(59)}`)).toEqual([
      ['GitHub token', 1],
    ]);
    expect(scan('x\ny\nkey=AKIAZ7Q3VXWPLMN4RT2S')).toEqual([
      ['AWS access key', 3],
    ]);
    expect(
      scan(
        `aws_secret_access_key = ${'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz9s7Qz1Lp'}`,
      ),
    ).toEqual([['AWS secret key', 1]]);
  });

  it('ignores documented examples, short look-alikes and binary content', () => {
    expect(scan('AKIAIOSFODNN7EXAMPLE')).toEqual([]);
    expect(scan('ghp_short')).toEqual([]);
    expect(scan('-----BEGIN PUBLIC KEY-----')).toEqual([]);
    const binary = Buffer.concat([
      Buffer.from([0, 1, 2]),
      Buffer.from('AKIAZ7Q3VXWPLMN4RT2S'),
    ]);
    expect(scanForSecrets('model.bin', binary)).toEqual([]);
    expect(isScannable('models/model.pkl', 10, 1000)).toBe(false);
    expect(isScannable('big.txt', 2000, 1000)).toBe(false);
    expect(isScannable('src/app.py', 10, 1000)).toBe(true);
  });
});

describe('parseGoldenPathRecord', () => {
  it('reads template and version, and rejects records without them', () => {
    expect(
      parseGoldenPathRecord(
        '# Written by the ML golden path\ntemplate: online-inference\nversion: 1.0.0\nanswers: {}\n',
      ),
    ).toEqual({ template: 'online-inference', version: '1.0.0' });
    expect(parseGoldenPathRecord('version: 1.0.0\n')).toBeUndefined();
    expect(parseGoldenPathRecord(': : [')).toBeUndefined();
  });
});

describe('parseYamlDocuments', () => {
  it('drops an alias bomb instead of expanding it', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      lines.push(
        `${next}: &${next} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`,
      );
    }
    const started = Date.now();
    expect(parseYamlDocuments(lines.join('\n'))).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('keeps the documents that parse', () => {
    expect(parseYamlDocuments('a: 1\n---\nb: [\n---\nc: 3\n')).toEqual([
      { a: 1 },
      { c: 3 },
    ]);
  });
});
