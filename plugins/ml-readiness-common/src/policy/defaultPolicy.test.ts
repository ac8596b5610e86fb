import { builtInFactSets, deliveryFactSet, servingFactSet } from '../facts';
import { exemplaryFacts } from '../testing/factFixtures';
import { checkCategories } from './CheckDefinition';
import { compilePolicy } from './compilePolicy';
import { defaultPolicy } from './defaultPolicy';
import { deliveryKpiChecks, servingKpiChecks } from './deliveryKpiChecks';
import { evaluateScorecard, FactSnapshot } from './evaluateScorecard';

type Facts = ReturnType<typeof exemplaryFacts>;

const now = new Date('2026-11-29T12:00:00Z');
const collectedAt = '2026-11-29T11:00:00Z';
const policy = compilePolicy({
  checks: defaultPolicy,
  factSets: builtInFactSets,
});

function snapshots(facts: Partial<Facts>): Record<string, FactSnapshot> {
  const result: Record<string, FactSnapshot> = {};
  for (const [id, values] of Object.entries(facts)) {
    result[id] = { status: 'available', values, collectedAt };
  }
  return result;
}

function stateOf(checkId: string, facts: Partial<Facts>) {
  const evaluation = evaluateScorecard(policy, {
    facts: snapshots(facts),
    now,
  });
  return evaluation.checks.find(c => c.checkId === checkId)!;
}

/** For every default check: the smallest change of the exemplary facts that fails it. */
const failures: Record<string, (f: Facts) => void> = {
  'owner-defined': f => {
    f.entity.ownerExists = false;
  },
  'description-present': f => {
    f.entity.hasDescription = false;
  },
  'model-card-linked': f => {
    f.entity.hasModelCard = false;
  },
  'model-card-current': f => {
    f.repository.docs.modelCardAgeDays = 400;
  },
  'runbook-linked': f => {
    f.entity.hasRunbook = false;
  },
  'rollback-runbook-present': f => {
    f.repository.docs.rollbackRunbookPresent = false;
  },
  'rollback-runbook-current': f => {
    f.repository.docs.rollbackRunbookAgeDays = 181;
  },
  'codeowners-present': f => {
    f.repository.codeowners.owners = [];
  },
  'on-call-defined': f => {
    f.entity.hasOnCall = false;
  },
  'system-assigned': f => {
    f.entity.hasSystem = false;
  },
  'ci-workflow-present': f => {
    f.repository.ci.hasWorkflow = false;
  },
  'tests-present': f => {
    f.repository.hasTests = false;
  },
  'ci-runs-tests': f => {
    f.repository.ci.runsTests = false;
  },
  'ci-data-validation': f => {
    f.repository.ci.runsDataValidation = false;
  },
  'ci-evaluation-gate': f => {
    f.repository.ci.runsEvaluationGate = false;
  },
  'required-status-checks': f => {
    f.repositorySettings.defaultBranch.requiredStatusChecks = [];
  },
  'code-owner-review': f => {
    f.repositorySettings.defaultBranch.requiresCodeOwnerReviews = false;
  },
  'dependencies-pinned': f => {
    f.repository.reproducibility.dependenciesPinned = false;
  },
  'data-validation-versioned': f => {
    f.repository.reproducibility.hasDataValidationConfig = false;
  },
  'evaluation-thresholds-versioned': f => {
    f.repository.reproducibility.hasEvaluationThresholds = false;
  },
  'version-dataset-recorded': f => {
    f.entity.versions.productionHasDataset = false;
  },
  'version-commit-recorded': f => {
    f.entity.versions.productionHasCodeCommit = false;
  },
  'golden-path-recorded': f => {
    f.repository.goldenPath.template = 'batch-scoring';
  },
  'golden-path-current': f => {
    f.repository.goldenPath.isCurrent = false;
  },
  'deployment-manifests': f => {
    f.repository.deployment.hasManifests = false;
  },
  'progressive-rollout': f => {
    f.repository.deployment.hasCanary = false;
  },
  'cd-calls-gate': f => {
    f.repository.ci.callsReadinessGate = false;
  },
  'production-environment': f => {
    f.repositorySettings.productionEnvironment.exists = false;
  },
  'production-approval-required': f => {
    f.repositorySettings.productionEnvironment.preventSelfReview = false;
  },
  'slo-defined': f => {
    f.entity.slo = { defined: false, latencyP99Ms: 0, availability: 0 };
  },
  'dashboard-linked': f => {
    f.entity.monitoring.dashboard = false;
  },
  'drift-monitored': f => {
    f.repository.deployment.hasDriftConfig = false;
  },
  'data-quality-monitored': f => {
    f.entity.monitoring.dataQuality = false;
  },
  'alerts-routed': f => {
    f.repository.deployment.hasAlertRules = false;
  },
  'no-committed-secrets': f => {
    f.repository.security.secretFindings = 2;
  },
  'dependency-scan': f => {
    f.repository.ci.runsDependencyScan = false;
  },
  'container-scan': f => {
    f.repository.ci.runsContainerScan = false;
  },
  'container-non-root': f => {
    f.repository.container.runsAsNonRoot = false;
  },
  'branch-protected': f => {
    f.repositorySettings.defaultBranch.protected = false;
  },
  'tier-declared': f => {
    f.entity.tier = 0;
  },
  'production-version-approved': f => {
    f.entity.versions.productionApproved = false;
  },
  'evaluation-evidence': f => {
    f.entity.versions.productionHasMetrics = false;
  },
  'lineage-datasets': f => {
    f.entity.lineage.datasets = 0;
  },
  'lineage-pipeline': f => {
    f.entity.lineage.pipelines = 0;
  },
};

describe('default policy', () => {
  it('has at least 30 checks covering every checklist category but delivery', () => {
    expect(defaultPolicy.length).toBeGreaterThanOrEqual(30);
    const categories = new Set(defaultPolicy.map(c => c.category));
    for (const category of checkCategories.filter(c => c !== 'delivery')) {
      expect(categories).toContain(category);
    }
    expect(new Set(defaultPolicy.map(c => c.level))).toEqual(
      new Set(['bronze', 'silver', 'gold']),
    );
  });

  it('with the KPI checks the KPI modules add, covers every category with unique ids and compiles', () => {
    const effective = [
      ...defaultPolicy,
      ...deliveryKpiChecks,
      ...servingKpiChecks,
    ];
    expect(new Set(effective.map(c => c.id)).size).toBe(effective.length);
    expect(new Set(effective.map(c => c.category))).toEqual(
      new Set(checkCategories),
    );
    const compiled = compilePolicy({
      checks: effective,
      factSets: [...builtInFactSets, deliveryFactSet, servingFactSet],
    });
    expect(compiled.checks).toHaveLength(defaultPolicy.length + 6);
  });

  it('has a failing fixture for every check (and none for checks that do not exist)', () => {
    expect(Object.keys(failures).sort()).toEqual(
      defaultPolicy.map(c => c.id).sort(),
    );
  });

  it('grades the exemplary tier-1 production model Gold with every check passing', () => {
    const evaluation = evaluateScorecard(policy, {
      facts: snapshots(exemplaryFacts()),
      now,
    });
    expect(evaluation.checks.filter(c => c.state !== 'pass')).toEqual([]);
    expect(evaluation.level).toBe('gold');
    expect(evaluation.requiredLevel).toBe('gold');
    expect(evaluation.meetsRequiredLevel).toBe(true);
  });

  it('asks a canary only of online models: a batch model without one passes, an online one fails', () => {
    const batch = exemplaryFacts();
    batch.entity.servingPattern = 'batch';
    batch.repository.deployment.hasCanary = false;
    expect(stateOf('progressive-rollout', batch).state).toBe('pass');
    batch.repository.deployment.hasManifests = false;
    expect(stateOf('progressive-rollout', batch).state).toBe('fail');

    const online = exemplaryFacts();
    online.repository.deployment.hasCanary = false;
    expect(stateOf('progressive-rollout', online).state).toBe('fail');
  });

  it('asks latency and availability SLOs only of models that serve requests; a batch model needs its freshness SLO', () => {
    const batch = exemplaryFacts();
    batch.entity.servingPattern = 'batch';
    batch.entity.slo = { defined: true, latencyP99Ms: 0, availability: 0 };
    expect(stateOf('slo-defined', batch).state).toBe('pass');
    batch.entity.slo.defined = false;
    expect(stateOf('slo-defined', batch).state).toBe('fail');

    const online = exemplaryFacts();
    online.entity.slo = { defined: true, latencyP99Ms: 0, availability: 99.9 };
    expect(stateOf('slo-defined', online).state).toBe('fail');
  });

  describe.each(defaultPolicy.map(c => [c.id, c] as const))(
    '%s',
    (id, check) => {
      it('passes on the exemplary facts', () => {
        expect(stateOf(id, exemplaryFacts()).state).toBe('pass');
      });

      it('fails when its fact is not met, and the level drops below its level', () => {
        const facts = exemplaryFacts();
        failures[id](facts);
        const evaluation = evaluateScorecard(policy, {
          facts: snapshots(facts),
          now,
        });
        const outcome = evaluation.checks.find(c => c.checkId === id)!;
        expect(outcome.state).toBe('fail');
        expect(outcome.reason).toContain('Not met');
        const rank = ['bronze', 'silver', 'gold'].indexOf(check.level);
        expect(
          ['none', 'bronze', 'silver', 'gold'].indexOf(evaluation.level),
        ).toBeLessThanOrEqual(rank);
      });

      it.each(check.facts)(
        'is unknown (never pass) without %s facts',
        factSet => {
          const facts: Partial<Facts> = exemplaryFacts();
          delete facts[factSet as keyof Facts];
          const outcome = stateOf(id, facts);
          // Without entity facts the stage falls back to development, so a
          // production-only check is not applicable; anything else is unknown.
          const expected =
            factSet === 'entity' && !check.stages.includes('development')
              ? 'not-applicable'
              : 'unknown';
          expect(outcome.state).toBe(expected);
          expect(outcome.reason).toContain(
            expected === 'unknown'
              ? `no ${factSet} facts collected yet`
              : 'Applies to stages',
          );
          expect(outcome.state).not.toBe('pass');
        },
      );
    },
  );
});
