import {
  parseTargetAnnotation,
  parseThresholdValue,
  resolveThresholds,
  targetAnnotation,
} from './thresholds';

describe('resolveThresholds', () => {
  it('starts from the KPI default', () => {
    expect(resolveThresholds({ kpi: 'recommend' })).toEqual({
      target: 30,
      warning: 0,
      source: 'default',
      problems: [],
    });
  });

  it('lets app-config override the default, keeping the target-to-warning distance when only the target is set', () => {
    expect(
      resolveThresholds({
        kpi: 'recommend',
        config: { recommend: { target: 40 } },
      }),
    ).toEqual({
      target: 40,
      warning: 10,
      source: 'config',
      problems: [],
    });
    expect(
      resolveThresholds({
        kpi: 'time-to-resolve',
        config: { 'time-to-resolve': { target: '4h', warning: '1d' } },
      }),
    ).toMatchObject({
      target: 240,
      warning: 1440,
    });
  });

  it('lets the entity annotation override app-config', () => {
    expect(
      resolveThresholds({
        kpi: 'satisfaction',
        config: { satisfaction: { target: 90, warning: 85 } },
        annotations: { 'customer-kpis.io/target.satisfaction': '85%/70%' },
      }),
    ).toEqual({ target: 85, warning: 70, source: 'annotation', problems: [] });
    expect(
      resolveThresholds({
        kpi: 'time-to-resolve',
        annotations: { [targetAnnotation('time-to-resolve')]: '8h' },
      }),
    ).toMatchObject({ target: 480, warning: 3360, source: 'annotation' });
  });

  it('skips unreadable or inconsistent layers and says why', () => {
    expect(
      resolveThresholds({
        kpi: 'recommend',
        config: { recommend: { target: 'lots' } },
        annotations: { 'customer-kpis.io/target.recommend': '20/40' },
      }),
    ).toEqual({
      target: 30,
      warning: 0,
      source: 'default',
      problems: [
        'customerKpis.targets.recommend.target: "lots" is not a nps value',
        'customer-kpis.io/target.recommend: the warning threshold is better than the target',
      ],
    });
    expect(
      resolveThresholds({
        kpi: 'satisfaction',
        annotations: { 'customer-kpis.io/target.satisfaction': '120' },
      }).problems,
    ).toEqual([
      'customer-kpis.io/target.satisfaction: "120" is not "<target>" or "<target>/<warning>" in percent',
    ]);
  });

  it('keeps a derived warning inside the unit’s range', () => {
    expect(
      resolveThresholds({
        kpi: 'satisfaction',
        config: { satisfaction: { target: 5 } },
      }),
    ).toMatchObject({
      target: 5,
      warning: 0,
    });
  });
});

describe('parseThresholdValue', () => {
  it.each([
    ['time-to-value', '90', 90],
    ['time-to-value', '1.5h', 90],
    ['time-to-value', '2d', 2880],
    ['time-to-value', '1w', 10080],
    ['satisfaction', '85%', 85],
    ['recommend', '-10', -10],
    ['customer-effort', '5.5', 5.5],
    ['customer-effort', '9', undefined],
    ['recommend', '10%', undefined],
    ['time-to-value', '3 fortnights', undefined],
  ] as const)('reads %s threshold %j as %j', (kpi, text, expected) => {
    expect(parseThresholdValue(kpi, text)).toBe(expected);
  });

  it('parses "<target>/<warning>" annotations', () => {
    expect(parseTargetAnnotation('time-to-value', '1d/3d')).toEqual({
      target: 1440,
      warning: 4320,
    });
    expect(parseTargetAnnotation('recommend', '1/2/3')).toHaveProperty('error');
  });
});
