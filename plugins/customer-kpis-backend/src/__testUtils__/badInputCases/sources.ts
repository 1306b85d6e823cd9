// Bad-input cases of the data-source admin API: definitions (POST, PUT, dry run), source ids in paths, run listings.
import { BadInputCase, withProtoKey } from '../badInput';

/** A source registered before the cases run, so that routes reach their own checks after finding it. */
export const EXISTING_SOURCE = {
  id: 'bad-input-existing',
  type: 'fake',
  title: 'Existing',
  schedule: { frequency: { hours: 6 } },
  config: { label: 'existing' },
};

const valid = {
  id: 'bad-input-new',
  type: 'fake',
  title: 'New',
  schedule: { frequency: { minutes: 30 } },
  config: { label: 'new' },
};
const validUpdate = {
  type: valid.type,
  title: valid.title,
  schedule: valid.schedule,
  config: valid.config,
};

const create = (
  name: string,
  body: unknown,
  message: RegExp,
  status = 400,
): BadInputCase => ({
  name: `POST /sources: ${name}`,
  method: 'post',
  path: '/sources',
  json: body,
  status,
  message,
});
/** POST /sources with the valid definition changed by `changes`. */
const createWith = (
  name: string,
  changes: Record<string, unknown>,
  message: RegExp,
) => create(name, { ...valid, ...changes }, message);
const update = (
  name: string,
  body: unknown,
  message: RegExp,
  status = 400,
): BadInputCase => ({
  name: `PUT /sources/{id}: ${name}`,
  method: 'put',
  path: `/sources/${EXISTING_SOURCE.id}`,
  json: body,
  status,
  message,
});
const dryRun = (
  name: string,
  body: unknown,
  message: RegExp,
  status = 400,
): BadInputCase => ({
  name: `POST /sources/test: ${name}`,
  method: 'post',
  path: '/sources/test',
  json: body,
  status,
  message,
});

/** Source ids no source can have, as they appear in a path, and what the API says about each. */
const BAD_IDS: [string, string, RegExp][] = [
  [
    'capitals and a space',
    'My%20Source',
    /Invalid path: id: must be 1–100 lower-case letters/,
  ],
  ['101 characters', 's'.repeat(101), /Invalid path: id: must be 1–100/],
  ['a NUL', 'src%00', /Invalid path: id: must be 1–100/],
  ['directory climbing', '..%2F..%2Fetc', /Invalid path: id: must be 1–100/],
];

/** Every route with a source id in its path, each with every bad id and with an id no source has. */
const byId: BadInputCase[] = (
  [
    ['get', '/sources/{id}'],
    ['put', '/sources/{id}'],
    ['delete', '/sources/{id}'],
    ['post', '/sources/{id}/run'],
    ['post', '/sources/{id}/test'],
    ['get', '/sources/{id}/runs'],
  ] as const
).flatMap(([method, route]) => [
  ...BAD_IDS.map(
    ([what, id, message]): BadInputCase => ({
      name: `${method.toUpperCase()} ${route}: an id with ${what}`,
      method,
      path: route.replace('{id}', id),
      ...(method === 'put' ? { json: validUpdate } : {}),
      status: 400,
      message,
    }),
  ),
  {
    name: `${method.toUpperCase()} ${route}: an id no source has`,
    method,
    path: route.replace('{id}', 'no-such-source'),
    ...(method === 'put' ? { json: validUpdate } : {}),
    status: 404,
    message: /No data source 'no-such-source'/,
  },
]);

const RUNS = `/sources/${EXISTING_SOURCE.id}/runs`;

// One case a line: the table reads as a list of what the API refuses.
// prettier-ignore
export const sourceCases: BadInputCase[] = [
  ...byId,
  // POST /sources: the body
  { name: 'POST /sources: a text/plain body', method: 'post', path: '/sources', raw: { body: JSON.stringify(valid), headers: { 'Content-Type': 'text/plain' } }, status: 415, message: /Content-Type must be application\/json/ },
  { name: 'POST /sources: a body that is not JSON', method: 'post', path: '/sources', raw: { body: "{id: 'x'}", headers: { 'Content-Type': 'application/json' } }, status: 400, message: /request body: it is not a JSON object or array/ },
  create('a JSON array', [valid], /request body: .*expected object/),
  create('an unknown field', { ...valid, shedule: { minutes: 5 } }, /Unrecognized key: "shedule"/),
  create('a __proto__ key', withProtoKey(valid), /__proto__: __proto__ is not allowed as a key/),
  create('a constructor key in the config', { ...valid, config: { label: 'x', constructor: {} } }, /config\.constructor: constructor is not allowed as a key/),
  create('a __proto__ key in the config', { ...valid, config: withProtoKey({ label: 'x' }, { credential: 'stolen' }) }, /config\.__proto__: __proto__ is not allowed/),
  createWith('no id', { id: undefined }, /id: .*expected string/),
  createWith('an id with capitals', { id: 'MySource' }, /id: must be 1–100 lower-case letters/),
  createWith('an id of 101 characters', { id: 'a'.repeat(101) }, /id: must be 1–100/),
  createWith('an id with a NUL', { id: 'a\u0000' }, /id: must be 1–100/),
  createWith('an id that is a number', { id: 42 }, /id: .*expected string/),
  createWith('no type', { type: undefined }, /type: is required/),
  createWith('an empty type', { type: '' }, /type: must not be empty/),
  createWith('a type of 101 characters', { type: 't'.repeat(101) }, /type: must be at most 100 characters/),
  createWith('a type with a NUL', { type: 'fake\u0000' }, /type: must not contain the NUL/),
  createWith('a type that is not installed', { type: 'nope' }, /No data-source type 'nope' is installed/),
  createWith('an empty title', { title: '' }, /title: must not be empty/),
  createWith('a title of 201 characters', { title: 'T'.repeat(201) }, /title: must be at most 200 characters \(got 201\)/),
  createWith('a title with a lone surrogate', { title: 'Shop \ud83d' }, /title: must be well-formed Unicode/),
  createWith('a title that is a number', { title: 5 }, /title: must be a string \(got 5\)/),
  createWith('a schedule without a frequency', { schedule: {} }, /schedule\.frequency: /),
  createWith('a frequency without a unit', { schedule: { frequency: {} } }, /schedule\.frequency/),
  createWith('a frequency of 0 minutes', { schedule: { frequency: { minutes: 0 } } }, /schedule\.frequency/),
  createWith('a frequency of 1.5 minutes', { schedule: { frequency: { minutes: 1.5 } } }, /schedule\.frequency/),
  createWith('a frequency in fortnights', { schedule: { frequency: { fortnights: 1 } } }, /schedule\.frequency/),
  createWith('a cron of 5 characters', { schedule: { frequency: { cron: '* * *' } } }, /schedule\.frequency/),
  createWith('a cron with a NUL', { schedule: { frequency: { cron: '0 * * * *\u0000' } } }, /schedule\.frequency/),
  createWith('a misspelt timeout', { schedule: { frequency: { hours: 1 }, timeot: { minutes: 5 } } }, /schedule: Unrecognized key: "timeot"/),
  createWith('a config that is a string', { config: 'label=x' }, /config: .*expected record/),
  createWith('a config that is an array', { config: ['x'] }, /config: .*expected record/),
  createWith('a config the type refuses', { config: { label: '' } }, /config\.label/),
  createWith('a config string with a NUL', { config: { label: 'a\u0000b' } }, /config\.label: must not contain the NUL character/),
  createWith('a config string with a lone surrogate', { config: { label: '\udc00' } }, /config\.label: must be well-formed Unicode/),
  createWith('a config string of 10,001 characters', { config: { label: 'l'.repeat(10_001) } }, /config\.label: must be at most 10000 characters/),
  createWith('a config key of 101 characters', { config: { label: 'x', ['k'.repeat(101)]: 1 } }, /config: key "k+" must be at most 100 characters/),
  createWith('a config nested 9 levels deep', { config: { label: 'x', a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } } } }, /config\.a\.b\.c\.d\.e\.f\.g\.h: must nest at most 8 levels/),
  create('an id that exists already', EXISTING_SOURCE, /exists already/, 409),
  // PUT /sources/{id}: the body
  update('an unknown field', { ...validUpdate, enabled: false }, /Unrecognized key: "enabled"/),
  update('no type', { ...validUpdate, type: undefined }, /type: is required/),
  update('a title of 201 characters', { ...validUpdate, title: 'T'.repeat(201) }, /title: must be at most 200 characters/),
  update('a config string with a NUL', { ...validUpdate, config: { label: '\u0000' } }, /config\.label: must not contain the NUL/),
  update('a config the type refuses', { ...validUpdate, config: {} }, /config\.label/),
  update('a __proto__ key', withProtoKey(validUpdate), /__proto__: __proto__ is not allowed/),
  { name: 'PUT /sources/{id}: a form-encoded body', method: 'put', path: `/sources/${EXISTING_SOURCE.id}`, raw: { body: 'type=fake', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, status: 415, message: /Content-Type must be application\/json/ },
  // POST /sources/test: a dry run of a definition
  dryRun('no type', { config: { label: 'x' } }, /type: is required/),
  dryRun('a type with a NUL', { type: '\u0000', config: { label: 'x' } }, /type: must not contain the NUL/),
  dryRun('a type that is not installed', { type: 'nope', config: {} }, /No data-source type 'nope'/),
  dryRun('a config the type refuses', { type: 'fake', config: { label: '' } }, /config\.label/),
  dryRun('a config string with a NUL', { type: 'fake', config: { label: 'a\u0000' } }, /config\.label: must not contain the NUL/),
  dryRun('a schedule (a dry run has none)', { type: 'fake', config: { label: 'x' }, schedule: {} }, /Unrecognized key: "schedule"/),
  dryRun('an id with capitals', { id: 'Draft', type: 'fake', config: { label: 'x' } }, /id: must be 1–100 lower-case/),
  dryRun('a constructor key', { type: 'fake', config: { label: 'x' }, constructor: 1 }, /constructor: constructor is not allowed/),
  { name: 'POST /sources/test: a text/plain body', method: 'post', path: '/sources/test', raw: { body: '{}', headers: { 'Content-Type': 'text/plain' } }, status: 415, message: /Content-Type must be application\/json/ },
  { name: 'POST /sources/{id}/run: a text/plain body', method: 'post', path: `/sources/${EXISTING_SOURCE.id}/run`, raw: { body: 'now', headers: { 'Content-Type': 'text/plain' } }, status: 415, message: /Content-Type must be application\/json/ },
  // GET /sources/{id}/runs: its limit
  { name: 'GET /sources/{id}/runs: a limit of 0', method: 'get', path: `${RUNS}?limit=0`, status: 400, message: /limit: .*>=1/ },
  { name: 'GET /sources/{id}/runs: a limit of 501', method: 'get', path: `${RUNS}?limit=501`, status: 400, message: /limit: .*<=500/ },
  { name: 'GET /sources/{id}/runs: a limit of "all"', method: 'get', path: `${RUNS}?limit=all`, status: 400, message: /limit: .*expected number/ },
  { name: 'GET /sources/{id}/runs: a limit of 2.5', method: 'get', path: `${RUNS}?limit=2.5`, status: 400, message: /limit: .*expected int/ },
  { name: 'GET /sources/{id}/runs: a limit with a NUL', method: 'get', path: `${RUNS}?limit=5%00`, status: 400, message: /Invalid query: limit: must not contain the NUL/ },
];
