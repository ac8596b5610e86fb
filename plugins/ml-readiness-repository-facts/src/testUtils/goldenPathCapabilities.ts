import type { RepositoryFacts } from '@ml-golden-paths/plugin-ml-readiness-common';

/**
 * The CI, container and deployment facts every repository rendered from a
 * golden path must have, whatever source reads it. Only the online path
 * serves traffic that can be split, so only it has a canary.
 *
 * @public
 */
export function goldenPathCapabilities(
  template: string,
): Pick<RepositoryFacts, 'ci' | 'container' | 'deployment'> {
  return {
    ci: {
      hasWorkflow: true,
      runsTests: true,
      runsDataValidation: true,
      runsEvaluationGate: true,
      runsDependencyScan: true,
      runsContainerScan: true,
      callsReadinessGate: true,
      usesProductionEnvironment: true,
    },
    container: { hasDockerfile: true, runsAsNonRoot: true },
    deployment: {
      hasManifests: true,
      hasCanary: template === 'online-inference',
      hasAlertRules: true,
      hasDriftConfig: true,
    },
  };
}
