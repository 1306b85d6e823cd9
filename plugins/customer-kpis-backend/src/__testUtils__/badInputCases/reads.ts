// Bad-input cases of the read routes: KPI definitions, an entity's KPIs and series, the overview, coverage,
// credentials and the source list, by their path and query parameters.
import { BadInputCase } from '../badInput';

const get = (
  name: string,
  path: string,
  message: RegExp,
  status = 400,
): BadInputCase => ({
  name,
  method: 'get',
  path,
  status,
  message,
});

const KPIS = '/entities/component/default/checkout-service/kpis';
const SERIES = `${KPIS}/recommend/series`;
const LONG = 'k'.repeat(64);

// One case a line: the table reads as a list of what the API refuses.
// prettier-ignore
export const readCases: BadInputCase[] = [
  // GET /kpis takes no parameters
  get('/kpis with an unknown parameter', '/kpis?lang=en', /Invalid query: .*Unrecognized key: "lang"/),
  get('/kpis with a NUL in a parameter', '/kpis?lang=a%00b', /Invalid query: lang: must not contain the NUL character/),
  get('/kpis with a NUL in a nested parameter', '/kpis?filter[kind]=a%00', /Invalid query: filter\.kind: must not contain the NUL/),
  // The entity in the path
  get('an entity kind that climbs directories', '/entities/..%2F..%2F/default/x/kpis', /Invalid path: kind must be 1–63 letters or digits, starting with a letter \(got "\.\.\/\.\.\/"\)/),
  get('an entity kind with a dash', '/entities/my-kind/default/x/kpis', /kind must be 1–63 letters or digits/),
  get('an entity kind of 64 characters', `/entities/${LONG}/default/x/kpis`, /kind must be 1–63 letters or digits/),
  get('an entity kind with a NUL', '/entities/comp%00onent/default/x/kpis', /Invalid path: kind must not contain the NUL character/),
  get('an entity namespace with an underscore', '/entities/component/team_a/x/kpis', /Invalid path: namespace must be 1–63 lower-case letters/),
  get('an entity namespace of 64 characters', `/entities/component/${'n'.repeat(64)}/x/kpis`, /namespace must be 1–63/),
  get('an entity namespace starting with a dash', '/entities/component/-x/x/kpis', /namespace must be 1–63/),
  get('an entity namespace that climbs directories', '/entities/component/..%2F..%2F/x/kpis', /namespace must be/),
  get('an entity name of 64 characters', `/entities/component/default/${'n'.repeat(64)}/kpis`, /Invalid path: name must be 1–63 letters/),
  get('an entity name ending with a dash', '/entities/component/default/x-/kpis', /name must be 1–63 letters/),
  get('an entity name of two dots', '/entities/component/default/../kpis', /name must be 1–63/),
  get('an entity name with an encoded slash', '/entities/component/default/a%2Fb/kpis', /name must be 1–63/),
  get('an entity name with a NUL', '/entities/component/default/a%00b/kpis', /name must not contain the NUL character/),
  get('an entity name that is not percent-encoding', '/entities/component/default/a%E0%A4%A/kpis', /Failed to decode param/),
  get('an entity the catalog does not have', '/entities/component/default/no-such-thing/kpis', /No entity component:default\/no-such-thing/, 404),
  // Its query
  get('a window of 0 days', `${KPIS}?window=0d`, /Invalid query: window: must be a duration such as 30d/),
  get('a window of 731 days', `${KPIS}?window=731d`, /window: must be a duration .* at most 730 days/),
  get('a window in hours', `${KPIS}?window=24h`, /window: must be a duration/),
  get('an empty window', `${KPIS}?window=`, /window: must be a duration/),
  get('a window given twice', `${KPIS}?window=30d&window=90d`, /window: .*expected string/),
  get('a window with a NUL', `${KPIS}?window=30d%00`, /window: must not contain the NUL/),
  get('a misspelt window parameter', `${KPIS}?windw=30d`, /Unrecognized key: "windw"/),
  // Series
  get('a series of an unknown KPI', '/entities/component/default/checkout-service/kpis/happiness/series', /No KPI "happiness"; the KPIs are adoption/, 404),
  get('a series of a KPI with a NUL', '/entities/component/default/checkout-service/kpis/recommend%00/series', /No KPI "recommend\\u0000"/, 404),
  get('a series of an entity with a bad kind', '/entities/..%2F/default/x/kpis/recommend/series', /Invalid path: kind must be/),
  get('a series from 30 February', `${SERIES}?from=2025-02-30`, /Invalid query: from: must be a day YYYY-MM-DD/),
  get('a series from a timestamp', `${SERIES}?from=2025-03-01T00:00:00Z`, /from: must be at most 10 characters/),
  get('a series to "yesterday"', `${SERIES}?to=yesterday`, /to: must be a day YYYY-MM-DD/),
  get('a series from after to', `${SERIES}?from=2025-03-02&to=2025-03-01`, /from: must not be after to/),
  get('a series over 800 days', `${SERIES}?from=2023-01-01&to=2025-03-11`, /from: the range covers at most 731 days/),
  get('a series by year', `${SERIES}?granularity=year`, /granularity: .*"day"\|"week"\|"month"/),
  get('a series from with a NUL', `${SERIES}?from=2025%00`, /from: must not contain the NUL/),
  get('a series from given twice', `${SERIES}?from=2025-01-01&from=2025-01-02`, /from: must be a string \(got an array\)/),
  get('a series with an unknown parameter', `${SERIES}?step=day`, /Unrecognized key: "step"/),
  // Overview
  get('an overview grouped by team', '/overview?groupBy=team', /Invalid query: groupBy: .*"component"\|"system"\|"domain"\|"owner"/),
  get('an overview over 45 days', '/overview?window=45d', /window: the overview covers 30d, 90d, 365d/),
  get('an overview over "a while"', '/overview?window=a%20while', /window: must be a duration/),
  get('an overview of a kind with a dash', '/overview?kind=my-kind', /kind must be 1–63 letters or digits/),
  get('an overview of a kind of 64 characters', `/overview?kind=${LONG}`, /kind must be 1–63/),
  get('an overview of an owner without a kind', '/overview?owner=team-a', /owner: must be an entity ref "kind:namespace\/name", but it has no kind/),
  get('an overview of an owner with a NUL', '/overview?owner=group:default/a%00', /Invalid query: owner: must not contain the NUL/),
  get('an overview of a system with a bad name', '/overview?system=system:default/a/b', /system: must be an entity ref .*its name must be/),
  get('an overview of a domain of 10,000 characters', `/overview?domain=domain:default/${'d'.repeat(10_000)}`, /domain: must be an entity ref .*its name must be 1–63/),
  get('an overview of a lifecycle of 101 characters', `/overview?lifecycle=${'l'.repeat(101)}`, /lifecycle: must be at most 100 characters \(got 101\)/),
  get('an overview of a tag of 64 characters', `/overview?tag=${'t'.repeat(64)}`, /tag: must be at most 63 characters/),
  get('an overview of an empty tag', '/overview?tag=', /tag: must not be empty/),
  get('an overview searching a%00b', '/overview?q=a%00b', /Invalid query: q: must not contain the NUL character/),
  get('an overview searching 201 characters', `/overview?q=${'q'.repeat(201)}`, /q: must be at most 200 characters/),
  get('an overview searching two terms', '/overview?q=a&q=b', /q: must be a string \(got an array\)/),
  get('an overview sorted by happiness', '/overview?sort=happiness', /sort: /),
  get('an overview in random order', '/overview?order=random', /order: .*"asc"\|"desc"/),
  get('an overview page 0', '/overview?page=0', /page: .*>=1/),
  get('an overview page -1', '/overview?page=-1', /page: /),
  get('an overview page 1.5', '/overview?page=1.5', /page: .*expected int/),
  get('an overview page "two"', '/overview?page=two', /page: .*expected number/),
  get('an overview page size 0', '/overview?pageSize=0', /pageSize: .*>=1/),
  get('an overview page size 501', '/overview?pageSize=501', /pageSize: .*<=500/),
  get('an overview with an unknown parameter', '/overview?rollup=mean', /Unrecognized key: "rollup"/),
  get('overview facets of a kind with a dash', '/overview/facets?kind=my-kind', /Invalid query: kind must be 1–63 letters or digits/),
  get('overview facets of two kinds', '/overview/facets?kind=a&kind=b', /Invalid query: kind: .*expected string, received array/),
  get('overview facets grouped by system', '/overview/facets?groupBy=system', /Unrecognized key: "groupBy"/),
  get('an overview with a constructor parameter', '/overview?constructor=x', /Unrecognized key: "constructor"/),
  get('owned products without an owner', '/overview/owned?window=90d', /Invalid query: owner: /),
  get('owned products of an owner without a kind', '/overview/owned?owner=team-a', /owner\.0: must be an entity ref "kind:namespace\/name", but it has no kind/),
  get('owned products of an owner with a NUL', '/overview/owned?owner=group:default/a%00', /Invalid query: owner: must not contain the NUL/),
  get('owned products of 51 owners', `/overview/owned?${Array.from({ length: 51 }, (_, i) => `owner=group:default/t${i}`).join('&')}`, /owner: must name at most 50 owners/),
  get('owned products over 45 days', '/overview/owned?owner=group:default/a&window=45d', /window: the owned products cover 30d, 90d, 365d/),
  get('owned products with an unknown parameter', '/overview/owned?owner=group:default/a&groupBy=system', /Unrecognized key: "groupBy"/),
  // Coverage, credentials and sources take little input
  get('coverage of an empty kind', '/coverage?kind=', /Invalid query: kind must be /),
  get('coverage of two kinds', '/coverage?kind=component&kind=system', /kind: .*expected string/),
  get('coverage of a kind with a NUL', '/coverage?kind=comp%00onent', /Invalid query: kind: must not contain the NUL/),
  get('credentials with a NUL in a parameter', '/credentials?name=%00', /Invalid query: name: must not contain the NUL/),
  get('sources with a NUL in a parameter', '/sources?type=fake%00', /Invalid query: type: must not contain the NUL/),
];
