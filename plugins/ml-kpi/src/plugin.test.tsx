import { mlKpiPlugin } from './plugin';

describe('mlKpiPlugin', () => {
  it.each(['api:ml-kpi', 'page:ml-kpi', 'entity-card:ml-kpi/kpis'] as const)(
    'provides %s',
    id => {
      expect(mlKpiPlugin.getExtension(id)).toBeDefined();
    },
  );
});
