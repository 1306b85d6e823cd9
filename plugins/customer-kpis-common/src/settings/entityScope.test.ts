import { entriesInScope } from './entityScope';

describe('entriesInScope', () => {
  const entries = [
    { entity: 'Component:Checkout', n: 1 },
    { entity: 'system:default/shop', n: 2 },
    { entity: 'domain:commerce', n: 3 },
    { entity: 'system:default/search', n: 4 },
  ];

  it('gives the entries of the domain, the system and the entity, least specific first', () => {
    expect(
      entriesInScope(entries, {
        component: 'component:default/checkout',
        system: 'system:default/shop',
        domain: 'domain:default/commerce',
      }).map(e => e.n),
    ).toEqual([3, 2, 1]);
  });

  it('leaves out levels without an entry or without a ref', () => {
    expect(
      entriesInScope(entries, {
        component: 'component:default/cart',
        domain: 'domain:default/commerce',
      }).map(e => e.n),
    ).toEqual([3]);
    expect(entriesInScope(undefined, { system: 'system:shop' })).toEqual([]);
  });

  it("counts a system's own entry once when it is both the system and the entity", () => {
    expect(
      entriesInScope(entries, {
        component: 'system:default/shop',
        system: 'System:Shop',
        domain: 'domain:default/commerce',
      }).map(e => e.n),
    ).toEqual([3, 2]);
  });

  it('never matches a ref that is not one', () => {
    expect(entriesInScope([{ entity: 'shop' }], { component: 'shop' })).toEqual(
      [],
    );
  });
});
