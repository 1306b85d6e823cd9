import { ConfigReader } from '@backstage/config';
import { readCustomerKpisSettings } from './config';

const settingsOf = (customerKpis: object) =>
  readCustomerKpisSettings(new ConfigReader({ customerKpis }));

describe('readCustomerKpisSettings: targets', () => {
  it('reads the global form and the entries per domain, system or component', () => {
    const targets = {
      recommend: { target: 40 },
      entities: [
        {
          entity: 'domain:default/travel',
          targets: { 'time-to-resolve': { target: '4h', warning: '8h' } },
        },
      ],
    };
    expect(settingsOf({ targets }).targets).toEqual(targets);
    expect(settingsOf({}).targets).toEqual({});
  });

  it('stops start-up with the path of an unreadable value', () => {
    expect(() =>
      settingsOf({
        targets: {
          entities: [
            { entity: 'domain:default/retail', targets: {} },
            {
              entity: 'domain:default/travel',
              targets: { 'time-to-resolve': { target: '4 hours' } },
            },
          ],
        },
      }),
    ).toThrow(
      'Invalid app-config customerKpis.targets.entities.1.targets.time-to-resolve.target: "4 hours" is not a number of minutes, or a duration such as "90m", "24h", "3d" or "1w"',
    );
  });

  it('stops start-up on an entity that is not a ref, or a warning better than its target', () => {
    expect(() =>
      settingsOf({
        targets: { entities: [{ entity: 'travel', targets: {} }] },
      }),
    ).toThrow(
      'Invalid app-config customerKpis.targets.entities.0.entity: "travel" is not an entity ref such as "system:default/payments": it has no kind',
    );
    expect(() =>
      settingsOf({ targets: { satisfaction: { target: 70, warning: 80 } } }),
    ).toThrow(
      'Invalid app-config customerKpis.targets.satisfaction: the warning 80 is better than the target 70 (satisfaction: higher is better)',
    );
  });
});
