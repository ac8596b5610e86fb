import { programOf, splitShellCommands } from './splitShellCommands';

/** What a CI step does, as far as readiness is concerned. */
export type StepCapability =
  | 'tests'
  | 'dataValidation'
  | 'evaluationGate'
  | 'dependencyScan'
  | 'containerScan'
  | 'readinessGate';

/** A workflow step as written in the YAML. */
export type WorkflowStep = {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
};

const TEST_TARGETS = /^(test|tests|pytest|unit-?tests?|test-unit|check-tests)$/;
const VALIDATION_TARGETS =
  /^(validate|validate-data|data-validation|validate_data|data-quality|check-data)$/;
const EVALUATION_TARGETS =
  /^(evaluate|evaluation|eval|gate|evaluation-gate|eval-gate|evaluate-gate)$/;
/** Sub-commands of a project CLI (`python -m mlapp validate`). */
const VALIDATION_SUBCOMMANDS = /^(validate|validate-data|check-data)$/;
const EVALUATION_SUBCOMMANDS = /^(evaluate|gate|evaluation-gate)$/;

/** The readiness gate endpoint of this plugin suite. */
const READINESS_GATE_URL = /\/api\/ml-readiness\/\S*gate/;

/** Programs that only print their arguments. */
const PRINTERS = new Set(['echo', 'printf', ':', 'true']);
const PYTHON = /^python(\d+(\.\d+)?)?$/;
/** `make` options that take a separate argument. */
const MAKE_OPTIONS_WITH_ARGUMENT = new Set(['-C', '-f', '-I', '-o', '-W']);

function basename(program: string): string {
  return program.slice(program.lastIndexOf('/') + 1);
}

function makeTargets(args: string[]): string[] {
  const targets: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (MAKE_OPTIONS_WITH_ARGUMENT.has(arg)) {
      i++;
    } else if (!arg.startsWith('-') && !arg.includes('=')) {
      targets.push(arg);
    }
  }
  return targets;
}

function classifyPython(args: string[], found: Set<StepCapability>) {
  if (args[0] === '-c') {
    return;
  }
  const moduleIndex = args.indexOf('-m');
  if (moduleIndex >= 0) {
    const module = args[moduleIndex + 1] ?? '';
    const sub = args[moduleIndex + 2] ?? '';
    if (module === 'pytest' || module === 'unittest' || module === 'tox') {
      found.add('tests');
    } else if (module === 'pip_audit' || module === 'safety') {
      found.add('dependencyScan');
    } else if (module === 'great_expectations') {
      found.add('dataValidation');
    } else if (VALIDATION_SUBCOMMANDS.test(sub)) {
      found.add('dataValidation');
    } else if (EVALUATION_SUBCOMMANDS.test(sub)) {
      found.add('evaluationGate');
    }
    return;
  }
  const script = basename(args.find(arg => !arg.startsWith('-')) ?? '');
  if (/\.py$/.test(script)) {
    if (/validat/i.test(script)) {
      found.add('dataValidation');
    } else if (/evaluat|gate/i.test(script)) {
      found.add('evaluationGate');
    }
  }
}

/** Classifies one simple shell command. */
function classifyCommand(words: string[], found: Set<StepCapability>) {
  const [program, ...args] = programOf(words);
  if (!program) {
    return;
  }
  const name = basename(program);
  if (PRINTERS.has(name)) {
    return;
  }
  if (args.some(word => READINESS_GATE_URL.test(word))) {
    found.add('readinessGate');
  }
  const first = args[0];
  if (
    name === 'pytest' ||
    name === 'py.test' ||
    name === 'tox' ||
    name === 'nox'
  ) {
    found.add('tests');
  } else if (PYTHON.test(name)) {
    classifyPython(args, found);
  } else if (name === 'make' || name === 'gmake') {
    for (const target of makeTargets(args)) {
      if (TEST_TARGETS.test(target)) found.add('tests');
      if (VALIDATION_TARGETS.test(target)) found.add('dataValidation');
      if (EVALUATION_TARGETS.test(target)) found.add('evaluationGate');
    }
  } else if (name === 'pip-audit' || name === 'osv-scanner') {
    found.add('dependencyScan');
  } else if (name === 'safety' && (first === 'check' || first === 'scan')) {
    found.add('dependencyScan');
  } else if (name === 'snyk' && first === 'test') {
    found.add('dependencyScan');
  } else if (name === 'snyk' && first === 'container') {
    found.add('containerScan');
  } else if (name === 'trivy') {
    const mode = args.find(arg => !arg.startsWith('-'));
    if (mode === 'image' || mode === 'i') found.add('containerScan');
    if (
      mode === 'fs' ||
      mode === 'filesystem' ||
      mode === 'repo' ||
      mode === 'repository'
    ) {
      found.add('dependencyScan');
    }
  } else if (name === 'grype') {
    const target = args.find(arg => !arg.startsWith('-')) ?? '';
    found.add(
      /^(dir|file|sbom):/.test(target) ? 'dependencyScan' : 'containerScan',
    );
  } else if (name === 'docker' && first === 'scout' && args[1] === 'cves') {
    found.add('containerScan');
  } else if (
    (name === 'great_expectations' || name === 'gx') &&
    args.includes('checkpoint')
  ) {
    found.add('dataValidation');
  } else if (name === 'soda' && first === 'scan') {
    found.add('dataValidation');
  }
}

/** Classifies a `uses:` action by its repository and its `with:` inputs. */
function classifyAction(
  uses: string,
  inputs: Record<string, unknown>,
  found: Set<StepCapability>,
) {
  const action = uses.split('@')[0].toLowerCase();
  const input = (key: string) =>
    typeof inputs[key] === 'string' ? (inputs[key] as string).trim() : '';
  if (
    action === 'actions/dependency-review-action' ||
    action === 'pypa/gh-action-pip-audit' ||
    action.startsWith('google/osv-scanner-action') ||
    action === 'snyk/actions/python'
  ) {
    found.add('dependencyScan');
  } else if (action === 'aquasecurity/trivy-action') {
    const scanType = input('scan-type') || 'image';
    if (scanType === 'image') found.add('containerScan');
    if (['fs', 'repo', 'rootfs'].includes(scanType))
      found.add('dependencyScan');
  } else if (action === 'anchore/scan-action') {
    found.add(input('image') ? 'containerScan' : 'dependencyScan');
  } else if (
    action === 'docker/scout-action' ||
    action === 'snyk/actions/docker'
  ) {
    found.add('containerScan');
  } else if (action === 'great-expectations/great_expectations_action') {
    found.add('dataValidation');
  }
  for (const value of Object.values(inputs)) {
    if (typeof value === 'string' && READINESS_GATE_URL.test(value)) {
      found.add('readinessGate');
    }
  }
}

/**
 * What a workflow step does: read from the programs its `run:` script runs
 * (not from its name) and from the action its `uses:` names.
 */
export function classifyStep(step: WorkflowStep): Set<StepCapability> {
  const found = new Set<StepCapability>();
  if (typeof step.run === 'string') {
    for (const command of splitShellCommands(step.run)) {
      classifyCommand(command, found);
    }
  }
  if (typeof step.uses === 'string') {
    classifyAction(step.uses, step.with ?? {}, found);
  }
  return found;
}
