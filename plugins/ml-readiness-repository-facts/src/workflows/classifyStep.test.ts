import { classifyStep } from './classifyStep';
import { splitShellCommands } from './splitShellCommands';

const run = (script: string) => [...classifyStep({ run: script })].sort();

describe('splitShellCommands', () => {
  it('splits on separators, drops comments and joins continuations', () => {
    expect(
      splitShellCommands(
        'pip install -r req.txt && pytest -q # not: make test\nif make gate; then echo "a b"; fi\ncurl \\\n  -fsS "$URL"',
      ),
    ).toEqual([
      ['pip', 'install', '-r', 'req.txt'],
      ['pytest', '-q'],
      ['if', 'make', 'gate'],
      ['then', 'echo', 'a b'],
      ['fi'],
      ['curl', '-fsS', '$URL'],
    ]);
  });
});

describe('classifyStep', () => {
  it('recognises test runners however they are started', () => {
    for (const script of [
      'pytest',
      'python -m pytest tests',
      'python3.11 -m pytest',
      'uv run pytest -x',
      'poetry run python -m pytest',
      'make test PYTHON=python',
      'make -C service test',
      'CI=1 tox -e py311',
    ]) {
      expect(run(script)).toEqual(['tests']);
    }
  });

  it('does not count a command that is only printed, commented or named', () => {
    expect(run('echo "run pytest and pip-audit later"')).toEqual([]);
    expect(run('# pytest\nruff check .')).toEqual([]);
    expect(classifyStep({ name: 'pytest', run: 'ls' }).size).toBe(0);
    expect(run('make lint')).toEqual([]);
    expect(run('python -c "import pytest"')).toEqual([]);
  });

  it('recognises data validation and evaluation gate steps', () => {
    expect(run('make validate PYTHON=python')).toEqual(['dataValidation']);
    expect(run('python -m mlapp validate data/sample/train.csv')).toEqual([
      'dataValidation',
    ]);
    expect(run('great_expectations checkpoint run train')).toEqual([
      'dataValidation',
    ]);
    expect(run('make train evaluate model-card PYTHON=python')).toEqual([
      'evaluationGate',
    ]);
    expect(run('python scripts/evaluate_model.py --enforce')).toEqual([
      'evaluationGate',
    ]);
    // The degraded-sample assertion is not itself the gate.
    expect(run('if make gate-degraded; then exit 1; fi')).toEqual([]);
  });

  it('recognises dependency and container scans by command and by action', () => {
    expect(run('pip-audit --requirement requirements.txt --strict')).toEqual([
      'dependencyScan',
    ]);
    expect(run('safety check -r requirements.txt')).toEqual(['dependencyScan']);
    expect(run('osv-scanner -r .')).toEqual(['dependencyScan']);
    expect(run('trivy image --exit-code 1 app:1')).toEqual(['containerScan']);
    expect(run('trivy fs .')).toEqual(['dependencyScan']);
    expect(run('grype app:1')).toEqual(['containerScan']);
    expect(run('grype dir:.')).toEqual(['dependencyScan']);
    const uses = (action: string, inputs?: Record<string, unknown>) => [
      ...classifyStep({ uses: action, with: inputs }),
    ];
    expect(uses('actions/dependency-review-action@v4')).toEqual([
      'dependencyScan',
    ]);
    expect(uses('pypa/gh-action-pip-audit@v1.1.0')).toEqual(['dependencyScan']);
    expect(
      uses('aquasecurity/trivy-action@0.28.0', { 'image-ref': 'a:1' }),
    ).toEqual(['containerScan']);
    expect(
      uses('aquasecurity/trivy-action@0.28.0', { 'scan-type': 'fs' }),
    ).toEqual(['dependencyScan']);
    expect(uses('anchore/scan-action@v4', { image: 'a:1' })).toEqual([
      'containerScan',
    ]);
    expect(uses('actions/checkout@v4')).toEqual([]);
  });

  it('recognises a call of the readiness gate, not a mention of it', () => {
    expect(
      run(
        'curl -fsS -H "Authorization: Bearer ${T}" "${BACKSTAGE_URL}/api/ml-readiness/gate?entityRef=${E}&version=${V}&stage=production" -o gate.json',
      ),
    ).toEqual(['readinessGate']);
    expect(run('echo "see ${URL}/api/ml-readiness/gate"')).toEqual([]);
  });
});
