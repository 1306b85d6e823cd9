import { entityFacts, factsDigest } from './entityFacts';
import { toFactCriteria } from './readConditions';

describe('entityFacts', () => {
  const facts = entityFacts({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'Checkout',
      labels: { Tier: 'Gold' },
      tags: ['java', 'java'],
      annotations: { 'x.io/long': 'v'.repeat(201) },
      etag: 'abc',
    },
    spec: { type: 'service', owner: 'team-a', ports: [80, 443] },
    relations: [
      { type: 'ownedBy', targetRef: 'group:default/team-a' },
      { type: 'partOf', targetRef: 'system:default/shop' },
    ],
  });
  const has = (key: string, value: string | null) =>
    facts.some(f => f.key === key && f.value === value);

  it('lower-cases keys and values, and keeps identity fields once', () => {
    expect(has('kind', 'component')).toBe(true);
    expect(has('metadata.name', 'checkout')).toBe(true);
    expect(has('metadata.namespace', 'default')).toBe(true);
    expect(has('metadata.labels.tier', 'gold')).toBe(true);
    expect(facts.some(f => f.key === 'metadata.etag')).toBe(false);
  });

  it('gives array items under their key, and string items a key of their own, once', () => {
    expect(facts.filter(f => f.key === 'metadata.tags')).toEqual([
      { key: 'metadata.tags', value: 'java' },
    ]);
    expect(has('metadata.tags.java', 'true')).toBe(true);
    expect(has('spec.ports', '80')).toBe(true);
    expect(has('spec.ports', '443')).toBe(true);
  });

  it('keeps a too long value as a key without value, and only the ownership relation', () => {
    expect(has('metadata.annotations.x.io/long', null)).toBe(true);
    expect(has('relations.ownedby', 'group:default/team-a')).toBe(true);
    expect(facts.some(f => f.key === 'relations.partof')).toBe(false);
  });

  it('digests facts regardless of their order', () => {
    expect(factsDigest([...facts].reverse())).toBe(factsDigest(facts));
    expect(factsDigest(facts.slice(1))).not.toBe(factsDigest(facts));
  });
});

describe('toFactCriteria', () => {
  const owner = {
    rule: 'IS_ENTITY_OWNER',
    resourceType: 'catalog-entity',
    params: { claims: ['group:default/team-a'] },
  };

  it('translates the catalog rules, nested', () => {
    expect(
      toFactCriteria({
        anyOf: [
          owner,
          {
            not: {
              rule: 'HAS_LABEL',
              resourceType: 'catalog-entity',
              params: { label: 'tier' },
            },
          },
        ],
      }),
    ).toEqual({
      anyOf: [
        { key: 'relations.ownedBy', values: ['group:default/team-a'] },
        { not: { key: 'metadata.labels.tier' } },
      ],
    });
  });

  it('gives up on a rule it does not know, on bad parameters and on another resource type', () => {
    const custom = {
      rule: 'IN_SYSTEM',
      resourceType: 'catalog-entity',
      params: { system: 'shop' },
    };
    expect(toFactCriteria({ allOf: [owner, custom] })).toBeUndefined();
    expect(
      toFactCriteria({ ...owner, params: { claims: 'group:default/team-a' } }),
    ).toBeUndefined();
    expect(
      toFactCriteria({ ...owner, resourceType: 'scaffolder-template' }),
    ).toBeUndefined();
    expect(
      toFactCriteria({ ...owner, rule: 'toString', params: {} }),
    ).toBeUndefined();
  });
});
