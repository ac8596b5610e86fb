import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { validateMlops } from '@ml-golden-paths/plugin-ml-catalog-common';
import { FRAUD_LINEAGE, FRAUD_MODEL } from '../testing/lineageFixtures';
import { loadModelLineage } from './loadModelLineage';

const mlopsOf = (entity: typeof FRAUD_MODEL) => {
  const result = validateMlops({
    ...(entity.spec!.mlops as object),
    runbook: undefined,
  });
  if (!result.success) throw new Error(JSON.stringify(result.issues));
  return result.value;
};

describe('loadModelLineage', () => {
  it('follows relations from datasets to APIs', async () => {
    const catalogApi = catalogApiMock({
      entities: [FRAUD_MODEL, ...FRAUD_LINEAGE],
    });
    const lineage = await loadModelLineage(
      catalogApi,
      FRAUD_MODEL,
      mlopsOf(FRAUD_MODEL),
    );
    expect(lineage).toEqual({
      datasets: [
        {
          ref: 'resource:default/card-transactions',
          title: undefined,
          found: true,
        },
        { ref: 'resource:default/chargebacks', found: false },
        { ref: 'resource:default/merchants', title: undefined, found: true },
      ],
      pipelines: [
        {
          ref: 'component:default/fraud-training-pipeline',
          title: undefined,
          found: true,
        },
      ],
      servers: [
        {
          ref: 'component:default/fraud-api-server',
          title: undefined,
          found: true,
        },
      ],
      apis: [{ ref: 'api:default/fraud-api', found: true }],
    });
  });

  it('returns empty lists for a model without relations', async () => {
    const bare = { ...FRAUD_MODEL, relations: [] };
    const catalogApi = catalogApiMock({ entities: [bare] });
    const lineage = await loadModelLineage(catalogApi, bare, undefined);
    expect(lineage).toEqual({
      datasets: [],
      pipelines: [],
      servers: [],
      apis: [],
    });
  });
});
