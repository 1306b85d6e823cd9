// Bad-input cases of POST /observations: the body, the batch, and every field of every KPI's observation.
import {
  addDaysToDay,
  utcDay,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { BadInputCase, withProtoKey } from '../badInput';

const today = utcDay(new Date());
const ENTITY = 'component:default/checkout-service';
const STAMP = `${addDaysToDay(today, -1)}T10:00:00Z`;

/** A valid NPS answer; each case breaks one thing. */
export const validAnswer = {
  id: 'bad-input-0',
  kpi: 'recommend',
  entityRef: ENTITY,
  timestamp: STAMP,
  score: 9,
};

const envelope = { id: 'bad-input-1', entityRef: ENTITY, timestamp: STAMP };

function batch(
  name: string,
  body: unknown,
  message: RegExp,
  status = 400,
): BadInputCase {
  return {
    name,
    method: 'post',
    path: '/observations',
    json: body,
    status,
    message,
  };
}

/** A case with one observation: the valid answer with `changes` (undefined deletes a field). */
function answer(
  name: string,
  changes: Record<string, unknown>,
  message: RegExp,
): BadInputCase {
  const observation: Record<string, unknown> = { ...validAnswer, ...changes };
  for (const key of Object.keys(changes))
    if (changes[key] === undefined) delete observation[key];
  return batch(name, { observations: [observation] }, message);
}

/** A case with one observation of another KPI, on a valid envelope. */
function item(
  name: string,
  observation: Record<string, unknown>,
  message: RegExp,
): BadInputCase {
  return batch(
    name,
    { observations: [{ ...envelope, ...observation }] },
    message,
  );
}

const raw = (
  name: string,
  body: string,
  headers: Record<string, string>,
  status: number,
  message: RegExp,
): BadInputCase => ({
  name,
  method: 'post',
  path: '/observations',
  raw: { body, headers },
  status,
  message,
});

const JSON_TYPE = { 'Content-Type': 'application/json' };
const RANGE = /between 2000-01-01T00:00:00Z and now \+ 1 day/;
const ticket = { kpi: 'time-to-resolve', openedAt: STAMP, resolvedAt: STAMP };
const journey = { kpi: 'time-to-value', startedAt: STAMP };
const gauges = {
  kpi: 'adoption',
  date: today,
  dau: 1,
  wau: 2,
  mau: 3,
  eligible: 4,
};
const period = {
  kpi: 'retention',
  periodStart: addDaysToDay(today, -30),
  periodEnd: today,
  start: 10,
  end: 10,
  new: 0,
};

// One case a line: the table reads as a list of what the API refuses.
// prettier-ignore
export const observationCases: BadInputCase[] = [
  // The body itself
  raw('a body that is not JSON', '{"observations": [', JSON_TYPE, 400, /request body: it is not a JSON/),
  raw('a JSON string as the body', '"observations"', JSON_TYPE, 400, /request body: it is not a JSON/),
  raw('a text/plain body', '{"observations":[]}', { 'Content-Type': 'text/plain' }, 415, /Content-Type must be application\/json \(got text\/plain\)/),
  raw('a form-encoded body', 'observations=1', { 'Content-Type': 'application/x-www-form-urlencoded' }, 415, /Content-Type must be application\/json/),
  raw('a body without a content type', '{"observations":[]}', { 'Content-Type': '' }, 415, /Content-Type must be application\/json/),
  raw('a JSON body in an unsupported charset', '{"observations":[]}', { 'Content-Type': 'application/json; charset=latin1' }, 415, /charset/),
  raw('a JSON body in an unknown content encoding', '{"observations":[]}', { ...JSON_TYPE, 'Content-Encoding': 'compress' }, 415, /encoding/),
  batch('a JSON array as the body', [validAnswer], /request body: .*expected object/),
  batch('a body without observations or retractions', { source: 'push' }, /observations: must hold at least one observation, unless retractions holds at least one id/),
  batch('empty observations and retractions', { observations: [], retractions: [] }, /observations: must hold at least one observation, unless retractions/),
  batch('observations as an object', { observations: validAnswer }, /observations: .*expected array/),
  batch('observations as a string', { observations: 'all of them' }, /observations: .*expected array/),
  batch('an empty batch', { observations: [] }, /observations: must hold at least one observation/),
  batch('a batch of 5,001', () => ({ observations: Array.from({ length: 5001 }, (_, i) => ({ ...validAnswer, id: `o-${i}` })) }), /at most 5000 observations/, 413),
  batch('a body over 25 MB', () => ({ observations: [{ ...validAnswer, id: 'x'.repeat(26 * 1024 * 1024) }] }), /larger than 25mb/, 413),
  batch('an unknown top-level field', { observations: [validAnswer], sourc: 'push' }, /Unrecognized key: "sourc"/),
  batch('a source with capitals and spaces', { source: 'My Source', observations: [validAnswer] }, /source: must be 1–100 lower-case/),
  batch('a source of 101 characters', { source: 's'.repeat(101), observations: [validAnswer] }, /source: must be 1–100/),
  batch('a source with a NUL', { source: 'push\u0000', observations: [validAnswer] }, /source: must be 1–100/),
  batch('a source that is a number', { source: 7, observations: [validAnswer] }, /source: .*expected string/),
  batch('a __proto__ key in the body', withProtoKey({ observations: [validAnswer] }), /__proto__: __proto__ is not allowed as a key/),
  batch('a constructor key in the body', { constructor: { prototype: {} }, observations: [validAnswer] }, /constructor: constructor is not allowed as a key/),
  batch('a __proto__ key in an observation', { observations: [withProtoKey(validAnswer)] }, /observations\.0\.__proto__: __proto__ is not allowed/),
  batch('a prototype key deep in an observation', { observations: [{ ...validAnswer, score: { prototype: 1 } }] }, /observations\.0\.score\.prototype: prototype is not allowed/),
  batch('a key with a NUL', { observations: [{ ...validAnswer, 'sc\u0000ore': 9 }] }, /observations\.0: a key must not contain the NUL/),
  batch('a body nested 40 levels deep', { observations: [JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`)] }, /nests deeper than 32 levels/),
  batch('the same id twice in a batch', { observations: [validAnswer, { ...validAnswer, score: 3 }] }, /observations\.1\.id: repeats the id of item 0/),
  batch('the same id twice after trimming', { observations: [validAnswer, { ...validAnswer, id: ` ${validAnswer.id} ` }] }, /observations\.1\.id: repeats the id of item 0/),
  // Retractions
  batch('retractions as a string', { retractions: 'bad-input-0' }, /retractions: .*expected array/),
  batch('retractions as an object', { retractions: { id: 'bad-input-0' } }, /retractions: .*expected array/),
  batch('a retraction that is a number', { retractions: [12] }, /retractions\.0: id must be a string \(got 12\)/),
  batch('a retraction that is an observation', { retractions: [validAnswer] }, /retractions\.0: id must be a string \(got an object\)/),
  batch('an empty retraction beside the stored answer (nothing is retracted)', { retractions: [validAnswer.id, '   '] }, /retractions\.1: id must not be empty/),
  batch('a retraction of 201 characters', { retractions: ['r'.repeat(201)] }, /retractions\.0: id must be at most 200 characters/),
  batch('a retraction with a NUL', { retractions: ['a\u0000b'] }, /retractions\.0: id must not contain the NUL character/),
  batch('a retraction with a lone surrogate', { retractions: ['a\ud800'] }, /retractions\.0: id must be well-formed Unicode/),
  batch('the same id retracted twice', { retractions: [validAnswer.id, 'r-2', validAnswer.id] }, /retractions\.2: repeats retraction 0 \("bad-input-0"\)/),
  batch('the same id retracted twice after trimming', { retractions: [' r-1', 'r-1 '] }, /retractions\.1: repeats retraction 0/),
  batch('an id both observed and retracted', { observations: [{ ...validAnswer, id: 'other' }, validAnswer], retractions: ['bad-input-0'] }, /retractions\.0: "bad-input-0" is also the id of observation 1; a batch may add or retract an id, not both/),
  batch('an id observed and retracted after trimming', { observations: [validAnswer], retractions: [' bad-input-0 '] }, /retractions\.0: "bad-input-0" is also the id of observation 0/),
  batch('5,001 retractions', () => ({ retractions: Array.from({ length: 5001 }, (_, i) => `r-${i}`) }), /at most 5000 observations and retractions together, this one has 0 \+ 5001/, 413),
  batch('2,500 observations and 2,501 retractions', () => ({ observations: Array.from({ length: 2500 }, (_, i) => ({ ...validAnswer, id: `o-${i}` })), retractions: Array.from({ length: 2501 }, (_, i) => `r-${i}`) }), /at most 5000 observations and retractions together, this one has 2500 \+ 2501/, 413),
  batch('a retraction beside a bad observation (nothing is retracted)', { observations: [{ ...validAnswer, id: 'other', score: 11 }], retractions: [validAnswer.id] }, /1 of 1 observations are invalid \(first: item 0, score/),
  batch('a good item and a bad one (nothing is stored)', { observations: [validAnswer, { ...validAnswer, id: 'other', score: 11 }] }, /1 of 2 observations are invalid \(first: item 1, score/),
  // One observation that is not one
  batch('an observation that is a number', { observations: [42] }, /item 0, : observation must be a JSON object/),
  batch('an observation that is null', { observations: [null] }, /observation must be a JSON object/),
  batch('an observation that is an array', { observations: [[validAnswer]] }, /observation must be a JSON object/),
  answer('no kpi', { kpi: undefined }, /kpi: kpi is required; kpi must be one of/),
  answer('an unknown kpi', { kpi: 'happiness' }, /kpi "happiness" is not a KPI/),
  answer('a kpi that is a number', { kpi: 7 }, /kpi 7 is not a KPI/),
  answer('a kpi with a NUL', { kpi: 'recommend\u0000' }, /kpi "recommend\\u0000" is not a KPI/),
  answer('an unknown field (misspelt score)', { scroe: 9 }, /scroe: scroe is not a field of this observation/),
  answer('a constructor field', { constructor: 'x' }, /constructor: constructor is not allowed as a key/),
  // id
  answer('no id', { id: undefined }, /id: id is required/),
  answer('an empty id', { id: '' }, /id: id must not be empty/),
  answer('an id of spaces', { id: '   ' }, /id: id must not be empty/),
  answer('an id that is a number', { id: 12 }, /id: id must be a string \(got 12\)/),
  answer('an id that is an object', { id: { a: 1 } }, /id: id must be a string \(got an object\)/),
  answer('an id of 201 characters', { id: 'i'.repeat(201) }, /id: id must be at most 200 characters/),
  answer('an id with a NUL', { id: 'a\u0000b' }, /id: id must not contain the NUL character/),
  answer('an id with a lone high surrogate', { id: 'a\ud800' }, /id: id must be well-formed Unicode/),
  answer('an id with a lone low surrogate', { id: '\udc00b' }, /id: id must be well-formed Unicode/),
  // entityRef
  answer('no entityRef', { entityRef: undefined }, /entityRef: entityRef is required/),
  answer('an entityRef that is a number', { entityRef: 5 }, /entityRef must be a string/),
  answer('an empty entityRef', { entityRef: '' }, /entityRef must be a catalog entity ref .*it has no kind/),
  answer('an entityRef without a kind', { entityRef: 'default/checkout-service' }, /entityRef must be a catalog entity ref .*it has no kind/),
  answer('an entityRef whose kind has 500 characters', { entityRef: `${'k'.repeat(500)}:default/x` }, /entityRef .*its kind must be 1–63 letters or digits/),
  answer('an entityRef whose kind has 10,000 characters', { entityRef: `${'k'.repeat(10_000)}:default/x` }, /entityRef .*its kind must be 1–63/),
  answer('an entityRef whose kind has a dash', { entityRef: 'my-kind:default/x' }, /its kind must be 1–63 letters or digits/),
  answer('an entityRef whose kind starts with a digit', { entityRef: '1component:default/x' }, /its kind must be/),
  answer('an entityRef whose namespace has 64 characters', { entityRef: `component:${'n'.repeat(64)}/x` }, /its namespace must be 1–63/),
  answer('an entityRef whose namespace has an underscore', { entityRef: 'component:team_a/x' }, /its namespace must be/),
  answer('an entityRef whose name has 64 characters', { entityRef: `component:default/${'n'.repeat(64)}` }, /its name must be 1–63/),
  answer('an entityRef whose name ends with a dash', { entityRef: 'component:default/x-' }, /its name must be/),
  answer('an entityRef with a path in its name', { entityRef: 'component:default/a/b' }, /its name must be/),
  answer('an entityRef that climbs directories', { entityRef: 'component:../../etc/passwd' }, /its namespace must be/),
  answer('an entityRef with a NUL', { entityRef: 'component:default/a\u0000b' }, /entityRef must not contain the NUL/),
  answer('an entityRef with a lone surrogate', { entityRef: 'component:default/\ud800' }, /entityRef must be well-formed Unicode/),
  // timestamp
  answer('no timestamp on a survey answer', { timestamp: undefined }, /timestamp: timestamp is required/),
  answer('a timestamp that is a number', { timestamp: 1700000000 }, /timestamp must be an ISO 8601 date-time \(got 1700000000\)/),
  answer('a timestamp that is null', { timestamp: null }, /timestamp must be an ISO 8601 date-time \(got null\)/),
  answer('a timestamp without an offset', { timestamp: '2025-03-01T10:00:00' }, /timestamp must be an ISO 8601 date-time with an offset/),
  answer('a timestamp of a day only', { timestamp: '2025-03-01' }, /timestamp must be an ISO 8601 date-time with an offset/),
  answer('a timestamp on 30 February', { timestamp: '2025-02-30T10:00:00Z' }, /timestamp must be an ISO 8601/),
  answer('a timestamp at 24:00', { timestamp: '2025-03-01T24:00:00Z' }, /timestamp must be an ISO 8601/),
  answer('a timestamp with offset +25:00', { timestamp: '2025-03-01T10:00:00+25:00' }, /timestamp must be an ISO 8601/),
  answer('a timestamp with a NUL', { timestamp: `${STAMP}\u0000` }, /timestamp must not contain the NUL/),
  answer('a timestamp with a lone surrogate', { timestamp: `\udbff${STAMP}` }, /timestamp must be well-formed Unicode/),
  answer('a timestamp in 1900', { timestamp: '1900-01-01T00:00:00Z' }, RANGE),
  answer('a timestamp just before 2000', { timestamp: '1999-12-31T23:59:59.999Z' }, RANGE),
  answer('a timestamp in 2100', { timestamp: '2100-01-01T00:00:00Z' }, RANGE),
  answer('a timestamp in 9999', { timestamp: '9999-12-31T23:59:59Z' }, /timestamp must be between .* \(got 9999-12-31T23:59:59\.000Z\)/),
  answer('a timestamp in the year 99', { timestamp: '0099-06-01T00:00:00Z' }, /timestamp must be between .* \(got 0099-06-01T00:00:00\.000Z\)/),
  answer('a timestamp in the year 0', { timestamp: '0000-01-01T00:00:00Z' }, RANGE),
  answer('a timestamp two days ahead', { timestamp: `${addDaysToDay(today, 2)}T12:00:00Z` }, RANGE),
  // NPS, CSAT and CES answers
  answer('an NPS score of 11', { score: 11 }, /score: score must be an integer from 0 to 10/),
  answer('an NPS score of -1', { score: -1 }, /score must be an integer from 0 to 10/),
  answer('an NPS score of 7.5', { score: 7.5 }, /score must be an integer from 0 to 10/),
  answer('an NPS score as a string', { score: '9' }, /score must be an integer from 0 to 10 \(got "9"\)/),
  answer('an NPS score of true', { score: true }, /score must be an integer from 0 to 10 \(got true\)/),
  answer('an NPS score of null', { score: null }, /score must be an integer from 0 to 10 \(got null\)/),
  answer('an NPS score of 1e308', { score: 1e308 }, /score must be an integer from 0 to 10/),
  answer('no NPS score', { score: undefined }, /score: score is required/),
  item('a CSAT score of 0', { kpi: 'satisfaction', score: 0 }, /score must be an integer from 1 to 5/),
  item('a CSAT score of 6', { kpi: 'satisfaction', score: 6 }, /score must be an integer from 1 to 5/),
  item('a CES score of 6 on a 5-point scale', { kpi: 'customer-effort', score: 6, scale: 5 }, /score must be an integer from 1 to 5 on a 5-point scale/),
  item('a CES scale of 10', { kpi: 'customer-effort', score: 3, scale: 10 }, /scale: scale must be 5 or 7/),
  item('a CES answer without a scale', { kpi: 'customer-effort', score: 3 }, /scale: scale is required/),
  item('a CES inverted flag as a string', { kpi: 'customer-effort', score: 3, scale: 7, inverted: 'yes' }, /inverted: inverted must be true or false/),
  // Time to resolve
  item('a ticket without openedAt', { ...ticket, openedAt: undefined }, /openedAt: openedAt is required/),
  item('a ticket opened in 1900', { ...ticket, openedAt: '1900-01-01T00:00:00Z' }, /openedAt must be between 2000-01-01/),
  item('a ticket resolved in 9999', { ...ticket, resolvedAt: '9999-01-01T00:00:00Z' }, /resolvedAt must be between 2000-01-01T00:00:00Z and now \+ 1 day/),
  item('a ticket resolved before it was opened', { ...ticket, resolvedAt: '2020-01-01T00:00:00Z' }, /resolvedAt: resolvedAt must not be before openedAt/),
  item('negative business minutes', { ...ticket, businessMinutes: -1 }, /businessMinutes: businessMinutes must be a number ≥ 0/),
  item('business minutes as a string', { ...ticket, businessMinutes: '5' }, /businessMinutes must be a number ≥ 0 \(got "5"\)/),
  item('business minutes longer than the ticket', { ...ticket, businessMinutes: 60 }, /businessMinutes must not exceed the calendar time/),
  // Time to value
  item('a journey started in 1900', { ...journey, startedAt: '1900-01-01T00:00:00Z' }, /startedAt must be between 2000-01-01/),
  item('a journey that reached value in 9999', { ...journey, valueAt: '9999-01-01T00:00:00Z' }, /valueAt must be between 2000-01-01/),
  item('value reached before the start', { ...journey, valueAt: '2020-01-01T00:00:00Z' }, /valueAt: valueAt must not be before startedAt/),
  item('value reached as a number', { ...journey, valueAt: 5 }, /valueAt must be an ISO 8601 date-time \(got 5\)/),
  // Adoption
  item('an adoption date of 9999-12-31', { ...gauges, date: '9999-12-31' }, /date must be a day between 2000-01-01 and today \+ 1 day .* \(got 9999-12-31\)/),
  item('an adoption date two days ahead', { ...gauges, date: addDaysToDay(today, 2) }, /date must be a day between 2000-01-01 and today \+ 1 day/),
  item('an adoption date in 1999', { ...gauges, date: '1999-12-31' }, /date must be a day between 2000-01-01/),
  item('an adoption date of 30 February', { ...gauges, date: '2025-02-30' }, /date: date must be a real calendar day/),
  item('an adoption date without zero padding', { ...gauges, date: '2025-3-1' }, /date must be a real calendar day written YYYY-MM-DD/),
  item('an adoption date with a NUL', { ...gauges, date: `${today}\u0000` }, /date must not contain the NUL/),
  item('more daily than weekly actives', { ...gauges, dau: 3, wau: 2 }, /dau: dau must not exceed wau/),
  item('negative monthly actives', { ...gauges, mau: -3 }, /mau: mau must be an integer ≥ 0/),
  item('fractional eligible users', { ...gauges, eligible: 4.5 }, /eligible: eligible must be an integer ≥ 0/),
  item('adoption without dau', { ...gauges, dau: undefined }, /dau: dau is required/),
  item('a misspelt gauge', { ...gauges, dua: 1 }, /dua: dua is not a field/),
  // Retention
  item('a period that ends before it starts', { ...period, periodEnd: addDaysToDay(today, -40) }, /periodEnd: periodEnd must not be before periodStart/),
  item('a period that ends 400 days ahead', { ...period, periodEnd: addDaysToDay(today, 400) }, /periodEnd must be a day between 2000-01-01 and today \+ 366 days/),
  item('a period that starts next month', { ...period, periodStart: addDaysToDay(today, 30), periodEnd: addDaysToDay(today, 60) }, /periodStart must be a day between 2000-01-01 and today \+ 1 day/),
  item('a period that starts in 1999', { ...period, periodStart: '1999-01-01' }, /periodStart must be a day between 2000-01-01/),
  item('more new customers than at the end', { ...period, end: 5, new: 6 }, /new: new must not exceed end/),
  item('more kept than there were', { ...period, start: 1, end: 10, new: 0 }, /end: end − new must not exceed start/),
  item('a negative start', { ...period, start: -1 }, /start: start must be an integer ≥ 0/),
  item('a period without a start day', { ...period, periodStart: undefined }, /periodStart: periodStart is required/),
];
