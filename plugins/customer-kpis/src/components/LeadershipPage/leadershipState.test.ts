// The URL form of the leadership page's state, and how it becomes the overview query.
import {
  DEFAULT_STATE,
  drillDown,
  drillUp,
  readLeadershipState,
  sortBy,
  toFilterRef,
  toFilterText,
  toOverviewQuery,
  writeLeadershipState,
} from './leadershipState';

const read = (search: string) =>
  readLeadershipState(new URLSearchParams(search));

describe('leadership page state', () => {
  it('writes nothing for the defaults and reads them back', () => {
    expect(writeLeadershipState(DEFAULT_STATE).toString()).toBe('');
    expect(read('')).toEqual(DEFAULT_STATE);
  });

  it('round-trips every parameter', () => {
    const search =
      'groupBy=owner&window=30d&kind=system&owner=team-a&system=payments&domain=commerce&lifecycle=production' +
      '&tag=web&q=pay&sort=time-to-resolve&order=desc&page=3&pageSize=100&rollup=mean&chart=scatter&x=adoption&y=satisfaction';
    expect(writeLeadershipState(read(search)).toString()).toBe(search);
  });

  it('takes the default for unknown values and page sizes the API refuses', () => {
    expect(
      read(
        'groupBy=team&window=7d&sort=cost&order=up&page=0&pageSize=501&rollup=median&x=cost',
      ),
    ).toEqual(DEFAULT_STATE);
    expect(read('pageSize=1000').pageSize).toBe(50);
    expect(read('pageSize=500').pageSize).toBe(500);
  });

  it('turns owner, system and domain filters into full lower-case refs for the API', () => {
    expect(toFilterRef('Payments', 'system')).toBe('system:default/payments');
    expect(toFilterRef('ops/payments', 'system')).toBe('system:ops/payments');
    expect(toFilterRef('user:jane', 'group')).toBe('user:default/jane');
    expect(toFilterRef('group:default/team-a', 'group')).toBe(
      'group:default/team-a',
    );
    expect(toFilterText('system:default/payments', 'system')).toBe('payments');
    expect(toFilterText('system:ops/payments', 'system')).toBe(
      'system:ops/payments',
    );
  });

  it('builds the API query of exactly the page shown', () => {
    expect(
      toOverviewQuery(read('owner=team-a&tag=web&page=2&sort=cci&order=desc')),
    ).toEqual({
      groupBy: 'component',
      window: '90d',
      owner: 'group:default/team-a',
      tag: 'web',
      sort: 'cci',
      order: 'desc',
      page: 2,
      pageSize: 50,
    });
  });

  it('sorts best first on a new column and back to page one', () => {
    const state = read('page=4');
    expect(sortBy(state, 'recommend')).toMatchObject({
      sort: 'recommend',
      order: 'desc',
      page: 1,
    });
    expect(sortBy(state, 'time-to-resolve').order).toBe('asc');
    expect(sortBy(state, 'cci').order).toBe('desc');
    expect(sortBy(state, 'title').order).toBe('desc'); // title asc is current: flips
  });

  it('drills a system into its components, a domain into its systems, an owner into its components', () => {
    const ref = (groupBy: string, row: string) =>
      writeLeadershipState(
        drillDown(read(`groupBy=${groupBy}&q=pay&page=2`), { ref: row })!,
      ).toString();
    expect(ref('system', 'system:default/payments')).toBe('system=payments');
    expect(ref('domain', 'domain:default/commerce')).toBe(
      'groupBy=system&domain=commerce',
    );
    expect(ref('owner', 'group:default/team-a')).toBe('owner=team-a');
    expect(drillDown(read(''), { ref: 'component:default/a' })).toBeUndefined();
  });

  it('leads back up from a drill-down only', () => {
    const up = drillUp(read('system=payments&sort=recommend'))!;
    expect(up.value).toBe('payments');
    expect(writeLeadershipState(up.state).toString()).toBe(
      'groupBy=system&sort=recommend',
    );
    expect(drillUp(read('groupBy=system&system=payments'))).toBeUndefined();
  });

  it('leads back from an owner’s components to the owners, and from a domain’s systems to the domains', () => {
    const owner = drillUp(read('owner=team-a&window=30d'))!;
    expect([owner.filter, owner.value]).toEqual(['owner', 'team-a']);
    expect(writeLeadershipState(owner.state).toString()).toBe(
      'groupBy=owner&window=30d',
    );
    const domain = drillUp(read('groupBy=system&domain=commerce'))!;
    expect([domain.filter, domain.value]).toEqual(['domain', 'commerce']);
    expect(writeLeadershipState(domain.state).toString()).toBe(
      'groupBy=domain',
    );
    // A system filter wins over an owner filter: the drill-down it comes from is the system's.
    expect(drillUp(read('owner=team-a&system=payments'))!.filter).toBe(
      'system',
    );
  });
});
