// Bad-input cases of the CSV import: the query (KPI, source, dry run, delimiter, mapping), the body's media type and
// size, and files whose rows or headers are wrong; each must store nothing and record no run.
import { BadInputCase } from '../badInput';

const CHECKOUT = 'component:default/checkout-service';
const GOOD = `id,entityRef,timestamp,score\nb1,${CHECKOUT},2025-03-01T09:00:00Z,9`;

const csv = (
  name: string,
  query: string,
  body: string,
  message: RegExp,
  status = 400,
): BadInputCase => ({
  name: `POST /imports: ${name}`,
  method: 'post',
  path: `/imports${query}`,
  raw: { body, headers: { 'Content-Type': 'text/csv' } },
  status,
  message,
});

/** A file of the recommend KPI whose second data row is `row`. */
const withRow = (name: string, row: string, message: RegExp) =>
  csv(name, '?kpi=recommend', `${GOOD}\n${row}`, message);

export const importCases: BadInputCase[] = [
  csv('no kpi', '', GOOD, /^Invalid query: kpi: /),
  csv('an unknown kpi', '?kpi=happiness', GOOD, /^Invalid query: kpi: /),
  csv(
    'an unknown parameter',
    '?kpi=recommend&dryrun=true',
    GOOD,
    /^Invalid query: .*dryrun/,
  ),
  csv(
    'a source id with capitals',
    '?kpi=recommend&source=My%20Sheet',
    GOOD,
    /^Invalid query: source: must be 1–100 lower-case letters/,
  ),
  csv(
    'dryRun that is not true or false',
    '?kpi=recommend&dryRun=yes',
    GOOD,
    /^Invalid query: dryRun: /,
  ),
  csv(
    'an unknown delimiter',
    '?kpi=recommend&delimiter=%7C',
    GOOD,
    /^Invalid query: delimiter: /,
  ),
  csv(
    'a mapping that is not JSON',
    '?kpi=recommend&mapping=score',
    GOOD,
    /^Invalid query: mapping: must be a JSON object from CSV header to field name/,
  ),
  csv(
    'a mapping to a field the KPI does not have',
    `?kpi=recommend&mapping=${encodeURIComponent('{"score":"nps"}')}`,
    GOOD,
    /^Invalid query: mapping: the column "score" maps to "nps", which is not a field of recommend observations/,
  ),
  csv(
    'a mapping to a number',
    `?kpi=recommend&mapping=${encodeURIComponent('{"score":1}')}`,
    GOOD,
    /^Invalid query: mapping: the column "score" must map to a field name or ""/,
  ),
  csv(
    'a query value with NUL',
    '?kpi=recommend&source=a%00b',
    GOOD,
    /^Invalid query: source: /,
  ),
  {
    name: 'POST /imports: a JSON body',
    method: 'post',
    path: '/imports?kpi=recommend',
    json: { rows: [] },
    status: 415,
    message:
      /^Invalid request body: Content-Type must be text\/csv \(got application\/json\)/,
  },
  {
    name: 'POST /imports: a body over the byte limit',
    method: 'post',
    path: '/imports?kpi=recommend',
    raw: {
      body: `${GOOD}\n${'x'.repeat(51 * 1024 * 1024)}`,
      headers: { 'Content-Type': 'text/csv' },
    },
    status: 413,
    message: /^Invalid request body: it is larger than 50mb/,
  },
  csv('an empty file', '?kpi=recommend', '', /line 1: the file is empty/),
  csv(
    'a header row only',
    '?kpi=recommend',
    'id,entityRef,timestamp,score',
    /line 1: the file has a header row but no data rows/,
  ),
  csv(
    'a header that is not a field',
    '?kpi=recommend',
    GOOD.replace('score', 'scroe'),
    /line 1, column "scroe": "scroe" is not a field of recommend observations/,
  ),
  csv(
    'a header twice',
    '?kpi=recommend',
    `id,entityRef,timestamp,score,score\nb1,${CHECKOUT},2025-03-01T09:00:00Z,9,9`,
    /line 1, column "score": the header "score" appears twice/,
  ),
  csv(
    'a required field without a column',
    '?kpi=recommend',
    `id,entityRef,timestamp\nb1,${CHECKOUT},2025-03-01T09:00:00Z`,
    /line 1: no column fills the required field score/,
  ),
  csv(
    'a mapped header the file does not have',
    `?kpi=recommend&mapping=${encodeURIComponent('{"NPS":"score"}')}`,
    GOOD,
    /line 1, column "NPS": the mapping names the column "NPS", which the file does not have/,
  ),
  withRow(
    'a score out of range',
    `b2,${CHECKOUT},2025-03-01T10:00:00Z,11`,
    /line 3, column "score": score must be an integer from 0 to 10/,
  ),
  withRow(
    'a score that is not a number',
    `b2,${CHECKOUT},2025-03-01T10:00:00Z,ten`,
    /line 3, column "score": score must be an integer from 0 to 10 \(got "ten"\)/,
  ),
  withRow(
    'a bad entity ref',
    `b2,checkout,2025-03-01T10:00:00Z,9`,
    /line 3, column "entityRef": entityRef must be a catalog entity ref/,
  ),
  withRow(
    'a timestamp without an offset',
    `b2,${CHECKOUT},2025-03-01T10:00:00,9`,
    /line 3, column "timestamp": timestamp must be an ISO 8601 date-time with an offset/,
  ),
  withRow(
    'an empty required cell',
    `b2,${CHECKOUT},2025-03-01T10:00:00Z,`,
    /line 3, column "score": score is required/,
  ),
  withRow(
    'an id twice',
    `b1,${CHECKOUT},2025-03-01T10:00:00Z,8`,
    /line 3, column "id": the id "b1" is also on line 2/,
  ),
  withRow(
    'a row with a cell too many',
    `b2,${CHECKOUT},2025-03-01T10:00:00Z,9,extra`,
    /line 3: the row has 5 cells, the header row 4/,
  ),
  withRow(
    'an unclosed quote',
    `b2,"${CHECKOUT},2025-03-01T10:00:00Z,9`,
    /the file is not valid CSV/,
  ),
  csv(
    'a retention period that ends before it starts',
    '?kpi=retention',
    `id,entityRef,periodStart,periodEnd,start,end,new\nr1,${CHECKOUT},2025-03-31,2025-03-01,100,90,25`,
    /line 2, column "periodEnd": periodEnd must not be before periodStart/,
  ),
  csv(
    'an adoption row with more daily than weekly users',
    '?kpi=adoption',
    `id,entityRef,date,dau,wau,mau,eligible\na1,${CHECKOUT},2025-03-01,50,40,100,500`,
    /line 2, column "dau": dau must not exceed wau/,
  ),
  csv(
    'a customer-effort scale of 6',
    '?kpi=customer-effort',
    `id,entityRef,timestamp,score,scale\nc1,${CHECKOUT},2025-03-01T09:00:00Z,4,6`,
    /line 2, column "scale": scale must be 5 or 7/,
  ),
  csv(
    'a semicolon file read with commas',
    '?kpi=recommend',
    `id;entityRef;timestamp;score\nb1;${CHECKOUT};2025-03-01T09:00:00Z;9`,
    /line 1, column "id;entityRef;timestamp;score": .* is not a field of recommend observations/,
  ),
  {
    name: 'GET /imports/templates: an unknown KPI',
    method: 'get',
    path: '/imports/templates/happiness.csv',
    status: 404,
    message: /^No KPI 'happiness'/,
  },
];
