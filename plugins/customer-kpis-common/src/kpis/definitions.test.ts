import { KPI_IDS, isKpiId } from './ids';
import { kpiDefinitions } from './definitions';

describe('KPI definitions', () => {
  it('defines the seven KPIs, keyed by their ids', () => {
    expect(KPI_IDS).toEqual([
      'adoption',
      'time-to-value',
      'time-to-resolve',
      'customer-effort',
      'satisfaction',
      'retention',
      'recommend',
    ]);
    for (const kpi of KPI_IDS) expect(kpiDefinitions[kpi].id).toBe(kpi);
  });

  it('puts every default warning threshold on the worse side of the target', () => {
    for (const kpi of KPI_IDS) {
      const { direction, defaultTarget } = kpiDefinitions[kpi];
      const worse =
        direction === 'higher'
          ? defaultTarget.warning < defaultTarget.target
          : defaultTarget.warning > defaultTarget.target;
      expect([kpi, worse]).toEqual([kpi, true]);
    }
  });

  it('says lower is better only for the two durations', () => {
    expect(
      KPI_IDS.filter(kpi => kpiDefinitions[kpi].direction === 'lower'),
    ).toEqual(['time-to-value', 'time-to-resolve']);
  });

  it('recognises KPI ids', () => {
    expect(isKpiId('recommend')).toBe(true);
    expect(isKpiId('nps')).toBe(false);
    expect(isKpiId(7)).toBe(false);
  });
});
