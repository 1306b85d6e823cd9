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

describe('resolveThresholds per domain, system and entity', () => {
  // An airline's travel domain expects tickets resolved within 4 hours; its booking system within 2; one
  // component within 1, by its own entry.
  const config = {
    'time-to-resolve': { target: '1d', warning: '3d' },
    recommend: { target: 40 },
    entities: [
      {
        entity: 'domain:default/travel',
        targets: { 'time-to-resolve': { target: '4h', warning: '8h' } },
      },
      {
        entity: 'System:Booking',
        targets: { 'time-to-resolve': { target: '2h' } },
      },
      {
        entity: 'component:default/seat-map',
        targets: { 'time-to-resolve': { target: 60, warning: 90 } },
      },
    ],
  };
  const seatMap = {
    domain: 'domain:default/travel',
    system: 'system:default/booking',
    component: 'component:default/seat-map',
  };
  const resolve = (scope: object, annotations?: Record<string, string>) =>
    resolveThresholds({
      kpi: 'time-to-resolve',
      config,
      annotations,
      ...scope,
    });

  it("gives a component under the domain the domain's entry, naming it", () => {
    expect(
      resolve({
        domain: 'domain:default/travel',
        system: 'system:default/loyalty',
        component: 'component:default/miles',
      }),
    ).toEqual({
      target: 240,
      warning: 480,
      source: 'config',
      entity: 'domain:default/travel',
      problems: [],
    });
  });

  it("lets the system's entry win over the domain's; a target alone keeps the domain's distance", () => {
    expect(
      resolve({ ...seatMap, component: 'component:default/checkout' }),
    ).toEqual({
      target: 120,
      warning: 360,
      source: 'config',
      entity: 'system:default/booking',
      problems: [],
    });
  });

  it("lets the entity's own entry win over its system's, and its annotation over every entry", () => {
    expect(resolve(seatMap)).toMatchObject({
      target: 60,
      warning: 90,
      entity: 'component:default/seat-map',
    });
    const annotated = resolve(seatMap, {
      [targetAnnotation('time-to-resolve')]: '30/45',
    });
    expect(annotated).toEqual({
      target: 30,
      warning: 45,
      source: 'annotation',
      problems: [],
    });
  });

  it("resolves a system's and a domain's own figures by their own chain", () => {
    expect(
      resolve({
        domain: 'domain:default/travel',
        system: 'system:default/booking',
        component: 'system:default/booking',
      }),
    ).toMatchObject({ target: 120, entity: 'system:default/booking' });
    expect(
      resolve({
        domain: 'domain:default/travel',
        component: 'domain:default/travel',
      }),
    ).toMatchObject({ target: 240, entity: 'domain:default/travel' });
  });

  it('keeps the global thresholds outside the domain, and for KPIs the entries leave alone', () => {
    expect(
      resolve({
        domain: 'domain:default/retail',
        component: 'component:default/till',
      }),
    ).toEqual({ target: 1440, warning: 4320, source: 'config', problems: [] });
    expect(resolveThresholds({ kpi: 'recommend', config, ...seatMap })).toEqual(
      { target: 40, warning: 10, source: 'config', problems: [] },
    );
  });

  it('skips an unreadable entry (when config was not checked) and names it', () => {
    const unchecked = {
      entities: [
        {
          entity: 'domain:default/travel',
          targets: { recommend: { target: 'lots' } },
        },
      ],
    };
    expect(
      resolveThresholds({
        kpi: 'recommend',
        config: unchecked,
        domain: 'domain:default/travel',
      }),
    ).toEqual({
      target: 30,
      warning: 0,
      source: 'default',
      problems: [
        'customerKpis.targets.entities.0.targets.recommend.target: "lots" is not a nps value',
      ],
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
