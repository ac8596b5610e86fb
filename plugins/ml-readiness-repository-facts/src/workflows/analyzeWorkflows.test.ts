import { analyzeWorkflows, parseWorkflow } from './analyzeWorkflows';

const cd = (gateNeeded: boolean) => `
name: cd
on: { push: { branches: [main] } }
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/build-push-action@v6
  gate:
    runs-on: ubuntu-latest
    steps:
      - run: curl -fsS "$URL/api/ml-readiness/gate?stage=production" -o gate.json
  production:
    runs-on: ubuntu-latest
    needs: [build${gateNeeded ? ', gate' : ''}]
    environment:
      name: production
      url: https://example.com
    steps:
      - run: kubectl apply -k deploy/overlays/production
`;

describe('analyzeWorkflows', () => {
  it('reads jobs, environments and needs from the YAML', () => {
    expect(
      parseWorkflow(cd(true))?.map(job => [job.id, job.environment, job.needs]),
    ).toEqual([
      ['build', undefined, []],
      ['gate', undefined, []],
      ['production', 'production', ['build', 'gate']],
    ]);
    expect(parseWorkflow('name: not a workflow')).toBeUndefined();
    expect(parseWorkflow('jobs: [unclosed')).toBeUndefined();
  });

  it('counts the readiness gate only when production waits for it', () => {
    const allowed = analyzeWorkflows([parseWorkflow(cd(true))!]);
    expect(allowed.callsReadinessGate).toBe(true);
    expect(allowed.usesProductionEnvironment).toBe(true);
    const bypassed = analyzeWorkflows([parseWorkflow(cd(false))!]);
    expect(bypassed.callsReadinessGate).toBe(false);
    expect(bypassed.usesProductionEnvironment).toBe(true);
  });

  it('reports no workflow as all false', () => {
    expect(Object.values(analyzeWorkflows([])).every(v => v === false)).toBe(
      true,
    );
  });
});
