import { parseYamlDocuments } from '../yamlDocuments';
import { analyzeManifests } from './manifests';

const analyze = (...texts: string[]) =>
  analyzeManifests(
    texts.map((text, i) => ({
      path: `deploy/${i}.yaml`,
      documents: parseYamlDocuments(text),
    })),
    parseYamlDocuments,
  );

const inferenceService = (percent: number) => `
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: { name: m }
spec:
  predictor:
    canaryTrafficPercent: ${percent}
`;

describe('analyzeManifests', () => {
  it('finds a KServe canary in the object or in a kustomize patch', () => {
    expect(analyze(inferenceService(10)).hasCanary).toBe(true);
    expect(analyze(inferenceService(100)).hasCanary).toBe(false);
    const overlay = `
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources: [../../base]
patches:
  - target: { kind: InferenceService, name: m }
    patch: |-
      - op: replace
        path: /spec/predictor/canaryTrafficPercent
        value: 10
`;
    const facts = analyze(inferenceService(100), overlay);
    expect(facts).toMatchObject({ hasManifests: true, hasCanary: true });
  });

  it('finds Argo Rollouts and Flagger canaries', () => {
    expect(
      analyze(`apiVersion: argoproj.io/v1alpha1
kind: Rollout
spec: { strategy: { canary: { steps: [{ setWeight: 20 }] } } }`).hasCanary,
    ).toBe(true);
    expect(
      analyze(`apiVersion: argoproj.io/v1alpha1
kind: Rollout
spec: { strategy: {} }`).hasCanary,
    ).toBe(false);
    expect(
      analyze('apiVersion: flagger.app/v1beta1\nkind: Canary\nspec: {}')
        .hasCanary,
    ).toBe(true);
  });

  it('finds alert rules and drift jobs, and ignores Backstage entities', () => {
    const facts = analyze(
      'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: { name: m }',
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: m-drift }',
    );
    expect(facts).toEqual({
      hasManifests: true,
      hasCanary: false,
      hasAlertRules: true,
      hasDriftJob: true,
    });
    expect(
      analyze(
        'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata: { name: m }',
      ).hasManifests,
    ).toBe(false);
    expect(analyze('{{ if .Values.x }}\nkind: [').hasManifests).toBe(false);
  });
});
