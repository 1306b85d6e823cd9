// The bench's generated catalog: components spread over systems, domains and owner groups, as one YAML file of
// JSON documents (YAML accepts JSON) for a `file` location.
const fs = require('node:fs');
const path = require('node:path');

const pad = (n, width) => String(n).padStart(width, '0');

/** The bench's catalog for `components` components: 50 systems, 10 domains and 100 groups per 5,000, at least 1 each. */
function benchCatalog(components) {
  const scale = n => Math.max(1, Math.round((n * components) / 5000));
  const counts = {
    components,
    systems: scale(50),
    domains: scale(10),
    groups: scale(100),
  };
  const group = i => `bench-team-${pad(i, 3)}`;
  const system = i => `bench-system-${pad(i, 3)}`;
  const domain = i => `bench-domain-${pad(i, 2)}`;
  const component = i => `bench-service-${pad(i, 5)}`;
  const entities = [];
  for (let i = 0; i < counts.groups; i++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: group(i), title: `Team ${pad(i, 3)}` },
      spec: { type: 'team', children: [] },
    });
  }
  for (let i = 0; i < counts.domains; i++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: { name: domain(i), title: `Domain ${pad(i, 2)}` },
      spec: { owner: `group:default/${group(i % counts.groups)}` },
    });
  }
  for (let i = 0; i < counts.systems; i++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: system(i), title: `System ${pad(i, 3)}` },
      spec: {
        owner: `group:default/${group(i % counts.groups)}`,
        domain: domain(i % counts.domains),
      },
    });
  }
  const componentRefs = [];
  for (let i = 0; i < components; i++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: component(i),
        title: `Service ${pad(i, 5)}`,
        tags: [i % 2 ? 'web' : 'api'],
      },
      spec: {
        type: 'service',
        lifecycle: i % 10 ? 'production' : 'experimental',
        owner: `group:default/${group(i % counts.groups)}`,
        system: system(i % counts.systems),
      },
    });
    componentRefs.push(`component:default/${component(i)}`);
  }
  return {
    counts,
    entities,
    componentRefs,
    groupRefs: Array.from(
      { length: counts.groups },
      (_, i) => `group:default/${group(i)}`,
    ),
  };
}

/** Writes the entities to `dir`/entities.yaml and returns its absolute path. */
function writeCatalogFile(dir, entities) {
  const file = path.join(dir, 'entities.yaml');
  fs.writeFileSync(
    file,
    entities.map(e => `---\n${JSON.stringify(e)}\n`).join(''),
  );
  return file;
}

module.exports = { benchCatalog, writeCatalogFile };
