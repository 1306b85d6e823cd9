import { kpiTargetsConfigSchema } from './targetsConfig';

/** The first problem of a targets block, as "path: message". */
function problemOf(block: unknown): string | undefined {
  const result = kpiTargetsConfigSchema.safeParse(block);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return `${issue.path.join('.')}: ${issue.message}`;
}

describe('kpiTargetsConfigSchema', () => {
  it('keeps the global form working', () => {
    const block = {
      recommend: { target: 40 },
      'time-to-resolve': { target: '4h', warning: '1d' },
    };
    expect(kpiTargetsConfigSchema.parse(block)).toEqual(block);
  });

  it('reads entries per domain, system or component beside it', () => {
    const block = {
      satisfaction: { target: '85%' },
      entities: [
        {
          entity: 'domain:default/travel',
          targets: { 'time-to-resolve': { target: '4h', warning: '8h' } },
        },
        { entity: 'System:Booking', targets: { recommend: { warning: -10 } } },
      ],
    };
    expect(kpiTargetsConfigSchema.parse(block)).toEqual(block);
  });

  it.each([
    [
      'an unreadable global value',
      { 'time-to-resolve': { target: '4 hours' } },
      'time-to-resolve.target: "4 hours" is not a number of minutes, or a duration such as "90m", "24h", "3d" or "1w"',
    ],
    [
      'a value outside the unit',
      {
        entities: [
          {
            entity: 'domain:default/travel',
            targets: { satisfaction: { target: '120%' } },
          },
        ],
      },
      'entities.0.targets.satisfaction.target: "120%" is not a percentage from 0 to 100, such as 85 or "85%"',
    ],
    [
      'a warning better than its target',
      {
        entities: [
          {
            entity: 'system:default/booking',
            targets: { 'time-to-resolve': { target: '8h', warning: '4h' } },
          },
        ],
      },
      'entities.0.targets.time-to-resolve: the warning "4h" is better than the target "8h" (time-to-resolve: lower is better)',
    ],
    [
      'an unknown KPI',
      { nps: { target: 40 } },
      ': unknown key "nps"; the keys are adoption, time-to-value, time-to-resolve, customer-effort, satisfaction, retention, recommend, entities',
    ],
    [
      'an unknown KPI in an entry',
      { entities: [{ entity: 'domain:travel', targets: { csat: {} } }] },
      'entities.0.targets: unknown key "csat"; the keys are adoption, time-to-value, time-to-resolve, customer-effort, satisfaction, retention, recommend',
    ],
    [
      'a misspelt threshold',
      { recommend: { targt: 40 } },
      'recommend: unknown key "targt"; the keys are target, warning',
    ],
    [
      'an entity without a kind',
      { entities: [{ entity: 'travel', targets: {} }] },
      'entities.0.entity: "travel" is not an entity ref such as "system:default/payments": it has no kind',
    ],
    [
      'an entity listed twice',
      {
        entities: [
          { entity: 'domain:travel', targets: {} },
          { entity: 'Domain:default/Travel', targets: {} },
        ],
      },
      'entities.1.entity: domain:default/travel has an entry already (entities.0); merge the two',
    ],
    [
      'an entry without targets',
      { entities: [{ entity: 'domain:travel' }] },
      'entities.0.targets: Invalid input: expected object, received undefined',
    ],
  ])('refuses %s, naming its path', (_what, block, problem) => {
    expect(problemOf(block)).toBe(problem);
  });
});
