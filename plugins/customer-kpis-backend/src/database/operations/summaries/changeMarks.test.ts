import { componentRecord } from '../../../__testUtils__/entities';
import { CHECKOUT, SEARCH } from '../../../__testUtils__/observations';
import { describeOnEachDatabase } from '../../__testUtils__/migratedDatabases';
import { EntityStore } from '../../EntityStore';
import {
  clearEntityMarks,
  clearGroupMarks,
  markAllGroupsChanged,
  markEntitiesChanged,
  markGroupsOfEntitiesChanged,
  readEntityMarks,
  readGroupMarks,
} from './changeMarks';

jest.setTimeout(60_000);

const SHOP = 'system:default/shop';

describeOnEachDatabase('the change marks', db => {
  const mark = (refs: string[]) =>
    db().transaction(trx => markEntitiesChanged(trx, refs));

  it('bumps the version of an entity at every mark', async () => {
    await mark([CHECKOUT, SEARCH]);
    await mark([CHECKOUT]);

    expect(
      (await readEntityMarks(db())).sort((a, b) =>
        a.entityRef < b.entityRef ? -1 : 1,
      ),
    ).toEqual([
      { entityRef: CHECKOUT, version: 2 },
      { entityRef: SEARCH, version: 1 },
    ]);
  });

  it('clears only the marks whose version is still the one read', async () => {
    await mark([CHECKOUT, SEARCH]);
    const read = await readEntityMarks(db());
    // Ingest lands between the read and the clear.
    await mark([SEARCH]);

    await clearEntityMarks(db(), read);

    expect(await readEntityMarks(db())).toEqual([
      { entityRef: SEARCH, version: 2 },
    ]);
  });

  it("marks the entities' groups as the catalog mirror has them, and every group at once", async () => {
    await new EntityStore(db()).replaceAll(
      [
        componentRecord(CHECKOUT, { system: SHOP }),
        componentRecord(SEARCH, {
          owner: 'group:default/team-b',
          domain: 'domain:default/commerce',
        }),
      ],
      '2026-06-30T10:00:00.000Z',
    );

    await db().transaction(trx => markGroupsOfEntitiesChanged(trx, [CHECKOUT]));

    expect(await readGroupMarks(db(), 'system')).toEqual(new Map([[SHOP, 1]]));
    expect(await readGroupMarks(db(), 'owner')).toEqual(
      new Map([['group:default/team-a', 1]]),
    );
    expect(await readGroupMarks(db(), 'domain')).toEqual(new Map());

    await db().transaction(trx => markAllGroupsChanged(trx));

    expect(await readGroupMarks(db(), 'system')).toEqual(new Map([[SHOP, 2]]));
    expect(await readGroupMarks(db(), 'owner')).toEqual(
      new Map([
        ['group:default/team-a', 2],
        ['group:default/team-b', 1],
      ]),
    );
    expect(
      await readGroupMarks(db(), 'owner', ['group:default/team-b']),
    ).toEqual(new Map([['group:default/team-b', 1]]));
  });

  it('clears only the group marks whose version is still the one read', async () => {
    await new EntityStore(db()).replaceAll(
      [
        componentRecord(CHECKOUT, { system: SHOP }),
        componentRecord(SEARCH, { system: 'system:default/other' }),
      ],
      '2026-06-30T10:00:00.000Z',
    );
    const markGroups = (refs: string[]) =>
      db().transaction(trx => markGroupsOfEntitiesChanged(trx, refs));
    await markGroups([CHECKOUT, SEARCH]);
    const seen = await readGroupMarks(db(), 'system');
    await markGroups([SEARCH]);

    await clearGroupMarks(db(), 'system', seen);

    expect(await readGroupMarks(db(), 'system')).toEqual(
      new Map([['system:default/other', 2]]),
    );
    expect((await readGroupMarks(db(), 'owner')).size).toBe(1);
  });
});
