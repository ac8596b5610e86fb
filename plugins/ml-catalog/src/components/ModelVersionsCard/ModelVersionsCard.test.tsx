import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { FRAUD_MODEL } from '../../testing/lineageFixtures';
import { formatMetricValue, ModelVersionsCard } from './ModelVersionsCard';

const model: Entity = {
  ...FRAUD_MODEL,
  spec: {
    ...FRAUD_MODEL.spec,
    mlops: {
      ...(FRAUD_MODEL.spec!.mlops as object),
      versions: [
        {
          version: '12',
          stage: 'production',
          registeredAt: '2026-10-02T09:00:00Z',
          metrics: {
            auc: 0.93127,
            precision_at_1pct_fpr: 0.81,
            recall: 0.7,
            rows_scored: 1234567.891,
          },
        },
        {
          version: '13',
          stage: 'staging',
          registeredAt: '2026-11-20T12:00:00Z',
        },
      ],
    },
  },
};

describe('ModelVersionsCard', () => {
  it('shows each version’s metrics as a compact list of name/value pairs', async () => {
    await renderInTestApp(
      <EntityProvider entity={model}>
        <ModelVersionsCard />
      </EntityProvider>,
    );
    const list = await screen.findByRole('list', {
      name: 'Metrics of version 12',
    });
    const items = within(list).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      'auc0.9313',
      'precision_at_1pct_fpr0.81',
      'recall0.7',
      'rows_scored1,234,567.89',
    ]);
    // Name and value are separate, unbreakable spans, so a narrow column
    // wraps between pairs and never inside a metric.
    for (const item of items) {
      const spans = item.querySelectorAll('span');
      expect(spans).toHaveLength(2);
    }
    expect(
      screen.queryByRole('list', { name: 'Metrics of version 13' }),
    ).toBeNull();
    const rows = screen.getAllByTestId('version-row');
    expect(rows.map(row => row.firstChild?.textContent)).toEqual(['13', '12']);
    expect(within(rows[0]).getAllByRole('cell')[3].textContent).toBe('—');
    expect(screen.getByRole('table', { name: 'Model versions' })).toHaveStyle({
      width: '100%',
    });
  });

  it('formats metric values compactly', () => {
    expect(formatMetricValue(0.93127)).toBe('0.9313');
    expect(formatMetricValue(0.000123456)).toBe('0.0001235');
    expect(formatMetricValue(12.3456)).toBe('12.35');
    expect(formatMetricValue(-3)).toBe('-3');
  });
});
