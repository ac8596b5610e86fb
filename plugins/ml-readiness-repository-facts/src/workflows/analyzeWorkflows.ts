import { RepositoryFacts } from '@ml-golden-paths/plugin-ml-readiness-common';
import { isRecord, parseYamlDocuments } from '../yamlDocuments';
import { classifyStep, StepCapability, WorkflowStep } from './classifyStep';

/** The CI facts of a repository. */
export type CiFacts = RepositoryFacts['ci'];

/** A job of a GitHub Actions workflow, as far as readiness reads it. */
export type WorkflowJob = {
  id: string;
  /** The environment name, when it is a literal. */
  environment?: string;
  needs: string[];
  steps: WorkflowStep[];
};

/** Whether the path is a GitHub Actions workflow file. */
export function isWorkflowPath(path: string): boolean {
  return /^\.github\/workflows\/[^/]+\.ya?ml$/i.test(path);
}

function environmentName(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  if (isRecord(value) && typeof value.name === 'string') {
    return value.name;
  }
  return undefined;
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') {
    return [value];
  }
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

function toStep(value: unknown): WorkflowStep | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  return {
    name: typeof value.name === 'string' ? value.name : undefined,
    run: typeof value.run === 'string' ? value.run : undefined,
    uses: typeof value.uses === 'string' ? value.uses : undefined,
    with: isRecord(value.with) ? value.with : undefined,
  };
}

/**
 * Parses a workflow file into its jobs; returns undefined when the text is
 * not a workflow (no `jobs` mapping).
 */
export function parseWorkflow(text: string): WorkflowJob[] | undefined {
  const [document] = parseYamlDocuments(text);
  if (!isRecord(document) || !isRecord(document.jobs)) {
    return undefined;
  }
  return Object.entries(document.jobs).flatMap(([id, job]) => {
    if (!isRecord(job)) {
      return [];
    }
    const steps = Array.isArray(job.steps)
      ? job.steps
          .map(toStep)
          .filter((step): step is WorkflowStep => step !== undefined)
      : [];
    return [
      {
        id,
        environment: environmentName(job.environment),
        needs: stringList(job.needs),
        steps,
      },
    ];
  });
}

function capabilitiesOf(job: WorkflowJob): Set<StepCapability> {
  const all = new Set<StepCapability>();
  for (const step of job.steps) {
    classifyStep(step).forEach(capability => all.add(capability));
  }
  return all;
}

/** The job and every job it needs, directly or indirectly. */
function withPrerequisites(
  job: WorkflowJob,
  byId: Map<string, WorkflowJob>,
): WorkflowJob[] {
  const seen = new Map<string, WorkflowJob>();
  const visit = (current: WorkflowJob) => {
    if (seen.has(current.id)) {
      return;
    }
    seen.set(current.id, current);
    for (const need of current.needs) {
      const next = byId.get(need);
      if (next) {
        visit(next);
      }
    }
  };
  visit(job);
  return [...seen.values()];
}

const isProduction = (job: WorkflowJob) =>
  job.environment?.trim().toLowerCase() === 'production';

/**
 * CI facts from the parsed workflows (each a list of jobs). A step counts by
 * the programs it runs or the action it uses, never by its name. The
 * readiness gate counts when a job deploying to the `production` environment
 * calls it or needs (directly or not) a job that does; in a workflow without
 * such a job any call counts.
 */
export function analyzeWorkflows(workflows: WorkflowJob[][]): CiFacts {
  const facts: CiFacts = {
    hasWorkflow: workflows.length > 0,
    runsTests: false,
    runsDataValidation: false,
    runsEvaluationGate: false,
    runsDependencyScan: false,
    runsContainerScan: false,
    callsReadinessGate: false,
    usesProductionEnvironment: false,
  };
  for (const jobs of workflows) {
    const byId = new Map(jobs.map(job => [job.id, job]));
    const capabilities = new Map(
      jobs.map(job => [job.id, capabilitiesOf(job)]),
    );
    const has = (job: WorkflowJob, capability: StepCapability) =>
      capabilities.get(job.id)?.has(capability) ?? false;
    for (const job of jobs) {
      facts.runsTests ||= has(job, 'tests');
      facts.runsDataValidation ||= has(job, 'dataValidation');
      facts.runsEvaluationGate ||= has(job, 'evaluationGate');
      facts.runsDependencyScan ||= has(job, 'dependencyScan');
      facts.runsContainerScan ||= has(job, 'containerScan');
    }
    const productionJobs = jobs.filter(isProduction);
    facts.usesProductionEnvironment ||= productionJobs.length > 0;
    if (productionJobs.length > 0) {
      facts.callsReadinessGate ||= productionJobs.every(job =>
        withPrerequisites(job, byId).some(prerequisite =>
          has(prerequisite, 'readinessGate'),
        ),
      );
    } else {
      facts.callsReadinessGate ||= jobs.some(job => has(job, 'readinessGate'));
    }
  }
  return facts;
}
