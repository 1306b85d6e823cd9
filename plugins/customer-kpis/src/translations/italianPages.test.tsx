// The four pages (card, tab, leadership, admin) in an app set to Italian, through the app's own language API, against
// realistic API answers: nothing the pages show or name (text, aria-label, title, placeholder) holds a word of the
// plugin's English messages or an English month or weekday, and no Italian message holds an English word. Words that
// Italian writes as English does (brands, symbols, shared terms) are listed below with the reason; texts that the API
// answered and the pages show as they are (names, ids, server errors) are left out.
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  EntityKpisResponse,
  KpiId,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { CustomerKpisApi, KpiSeriesQuery, customerKpisApiRef } from '../api';
import {
  emptySummary,
  entityKpisResponse,
  errorResponse,
  kpiSeries,
  summaries,
} from '../__testUtils__/fixtures';
import { EntityCustomerKpisCard } from '../components/KpiCard';
import { EntityCustomerKpisContent } from '../components/KpiTab';
import { CustomerKpisPage } from '../components/LeadershipPage';
import {
  componentRows,
  fakeOverviewApi,
  systemRows,
} from '../components/LeadershipPage/overviewFixtures';
import { CustomerKpisAdminPage } from '../components/AdminPage';
import {
  adminApi,
  apiError,
  coverage,
  credentialSummaries,
  prometheusType,
  run,
  source,
  zendeskType,
} from '../components/AdminPage/__testUtils__/fixtures';
import { customerKpisMessages } from './ref';
import italian from './it';

/**
 * The words of the English messages that Italian writes alike, and why. Any other such word in an Italian message
 * is English left in it; any other on an Italian page is an untranslated text.
 */
const SAME_IN_ITALIAN: Record<string, string[]> = {
  'names of products, data sources and of the people the interval methods are named after':
    [
      'zendesk',
      'servicenow',
      'jira',
      'service',
      'management',
      'typeform',
      'surveymonkey',
      'qualtrics',
      'prometheus',
      'posthog',
      'amplitude',
      'backstage',
      'wilson',
      'wald',
      'student',
    ],
  'abbreviations, formats and unit symbols that Italian keeps': [
    'kpi',
    'nps',
    'ces',
    'csat',
    'dau',
    'wau',
    'mau',
    'min',
    'csv',
    'sql',
    'json',
    'url',
    'api',
  ],
  'Italian words too (data: a date; scale: scales; data warehouse: the term Italian uses)':
    [
      'in',
      'per',
      'formula',
      'zero',
      'tag',
      'id',
      'file',
      'server',
      'email',
      'data',
      'warehouse',
      'scale',
    ],
  'technical terms that Italian keeps': ['app', 'config', 'cron', 'webhook'],
};
const sameInItalian = new Set(Object.values(SAME_IN_ITALIAN).flat());

type Nested = { [key: string]: Nested | string };

/** The dotted keys of nested messages, as the ref flattens them. */
function flatten(nested: Nested, prefix = ''): Record<string, string> {
  return Object.fromEntries(
    Object.entries(nested).flatMap(([key, value]) =>
      typeof value === 'string'
        ? [[`${prefix}${key}`, value]]
        : Object.entries(flatten(value, `${prefix}${key}.`)),
    ),
  );
}

const english = flatten(customerKpisMessages);
const italianMessages: Record<string, string> = italian.messages;

const PLACEHOLDER = /\{\{[^}]*\}\}/g;
/** A token of code: letters or digits on both sides of a dot, slash, colon, underscore or at sign. */
const CODE = /\S*[\p{L}\p{N}][./:_@][\p{L}\p{N}]\S*/gu;

/**
 * The words of a text, lower case, of two letters or more: placeholders and code (annotations, refs, config keys,
 * file names, URLs) left out; an elided Italian article or preposition stays with its word (dall’inizio).
 */
function wordsOf(text: string): string[] {
  return (
    text
      .replace(PLACEHOLDER, ' ')
      .replace(CODE, ' ')
      .match(/\p{L}+(?:['’]\p{L}+)*/gu) ?? []
  )
    .map(word => word.toLocaleLowerCase('it-IT'))
    .filter(word => word.length > 1);
}

/** Month and weekday names, short and long, as Intl writes them in `locale` (the pages' dates). */
function calendarWords(locale: string): string[] {
  const days = Array.from(
    { length: 12 },
    (_, i) => new Date(Date.UTC(2025, i, 1 + i)),
  );
  return days.flatMap(day =>
    (['short', 'long'] as const).flatMap(width => [
      ...wordsOf(
        day.toLocaleDateString(locale, { month: width, timeZone: 'UTC' }),
      ),
      ...wordsOf(
        day.toLocaleDateString(locale, { weekday: width, timeZone: 'UTC' }),
      ),
    ]),
  );
}

const englishVocabulary = new Set(Object.values(english).flatMap(wordsOf));
const italianCalendar = new Set(calendarWords('it-IT'));

/**
 * The words that mark a text as English: those of the English messages and English dates, but for the words that
 * Italian writes alike (listed above, or in Italian dates: "mar", "set"). Built from the English side only, so that
 * English left in the Italian messages cannot make itself allowed.
 */
const englishOnlyWords = new Set(
  [...englishVocabulary, ...calendarWords('en-US')].filter(
    word => !sameInItalian.has(word) && !italianCalendar.has(word),
  ),
);

/** Shown text and the names and hints in attributes, one string per node. */
function shownTexts(root: HTMLElement): string[] {
  const texts: string[] = [];
  const walker = document.createTreeWalker(
    root,
    NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT,
  );
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node instanceof Element) {
      for (const attribute of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = node.getAttribute(attribute)?.trim();
        if (value) texts.push(value);
      }
    } else {
      const tag = node.parentElement?.tagName;
      const text = node.textContent?.trim();
      if (text && tag !== 'STYLE' && tag !== 'SCRIPT') texts.push(text);
    }
  }
  return texts;
}

/** A pattern of `text` as a whole: not inside a longer word or number. */
function wholeText(text: string): string {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return `(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`;
}

/**
 * The English found in what the document shows, one line per text: `data` are texts the API answered that the
 * pages show as they are (names, ids), taken out first.
 */
function englishShown(data: string[]): string[] {
  const values = [...data]
    .sort((a, b) => b.length - a.length)
    .map(value => new RegExp(wholeText(value), 'giu'));
  return shownTexts(document.body).flatMap(shown => {
    let text = shown;
    for (const value of values) text = text.replace(value, ' ');
    const found = [
      ...new Set(wordsOf(text).filter(word => englishOnlyWords.has(word))),
    ];
    return found.length > 0 ? [`${found.join(', ')} in: ${shown}`] : [];
  });
}

const italianConfig = {
  app: {
    baseUrl: 'http://localhost:3000',
    extensions: [
      {
        'api:app/app-language': {
          config: { availableLanguages: ['en', 'it'], defaultLanguage: 'it' },
        },
      },
    ],
  },
  backend: { baseUrl: 'http://localhost:7007' },
};

/**
 * The words a source type's config schema gives its fields, in English only: titles, descriptions, and keys as they
 * are or as words (a field without a title is named by its key: minRetryDelayMs, "Min retry delay ms").
 */
function schemaWords(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const { title, description, properties, items } = schema as {
    title?: unknown;
    description?: unknown;
    properties?: Record<string, unknown>;
    items?: unknown;
  };
  return [
    ...[title, description].filter(
      (text): text is string => typeof text === 'string',
    ),
    ...Object.entries(properties ?? {}).flatMap(([key, property]) => [
      key,
      key.replace(/([a-z0-9])([A-Z])/g, '$1 $2'),
      ...schemaWords(property),
    ]),
    ...schemaWords(items),
  ];
}

/** Renders `element` in an app set to Italian; resolves once `ready` (an Italian text) is shown. */
async function renderInItalian(
  element: JSX.Element,
  ready: string,
  options: Omit<Parameters<typeof renderInTestApp>[1], 'config'> = {},
) {
  await act(async () => {
    renderInTestApp(element, { ...options, config: italianConfig });
  });
  // The Italian texts load lazily, beyond findBy's default second on the file's first app.
  await screen.findAllByText(ready, { exact: false }, { timeout: 15_000 });
}

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-service', namespace: 'default' },
  spec: { type: 'service', owner: 'team-payments', lifecycle: 'production' },
};
const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { owner: 'team-payments' },
};

const HOUR = 60 * 60 * 1000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** A system pooled over four components whose KPIs are in every status, better, worse, unchanged or too small. */
function variedSystemKpis(): EntityKpisResponse {
  return entityKpisResponse(
    { entityRef: 'system:default/payments', members: 4 },
    {
      recommend: {
        status: 'warning',
        thresholds: { target: 30, warning: 10, source: 'annotation' },
        comparison: {
          previous: 40,
          delta: 10.98,
          significant: true,
          change: 'better',
          test: 'two-proportion-z',
          pValue: 0.01,
        },
      },
      satisfaction: {
        status: 'critical',
        thresholds: { target: 80, warning: 70, source: 'config' },
        comparison: {
          previous: 75,
          delta: -15,
          significant: true,
          change: 'worse',
          test: 'two-proportion-z',
          pValue: 0.002,
        },
      },
      retention: {
        status: 'insufficient-data',
        summary: { ...summaries.retention, n: 12 },
        comparison: {
          previous: null,
          delta: null,
          significant: false,
          change: 'insufficient-data',
          test: 'none',
        },
      },
      adoption: { summary: emptySummary('adoption'), lastUpdated: null },
    },
  );
}

function entityApi(
  getEntityKpis: () => Promise<EntityKpisResponse>,
): jest.Mocked<CustomerKpisApi> {
  return {
    getEntityKpis: jest.fn(getEntityKpis),
    getKpiSeries: jest.fn(async (_ref, kpi: KpiId, query: KpiSeriesQuery) =>
      kpiSeries(kpi, query),
    ),
    runSource: jest.fn(async () => {}),
  } as unknown as jest.Mocked<CustomerKpisApi>;
}

describe('the pages in Italian', () => {
  beforeEach(() => window.localStorage.clear());

  it('the Italian messages hold no English word but those Italian writes alike', () => {
    const leftovers = Object.entries(italianMessages).flatMap(([key, text]) => {
      const found = wordsOf(text).filter(
        word => englishVocabulary.has(word) && !sameInItalian.has(word),
      );
      return found.length > 0
        ? [`${key}: ${found.join(', ')} in: ${text}`]
        : [];
    });
    expect(leftovers).toEqual([]);
  });

  describe('the KPI card', () => {
    it('of a system in every status, with a tile’s details on hover', async () => {
      await renderInItalian(
        <EntityProvider entity={system}>
          <EntityCustomerKpisCard />
        </EntityProvider>,
        italianMessages['card.title'],
        {
          apis: [
            [customerKpisApiRef, entityApi(async () => variedSystemKpis())],
          ],
        },
      );
      await screen.findByTestId('customer-kpis-tiles');
      fireEvent.mouseOver(screen.getByTestId('kpi-tile-recommend'));
      await screen.findByTestId('kpi-tooltip-recommend');
      expect(englishShown([])).toEqual([]);
    }, 20_000);

    it.each([
      [
        'not bound to a source',
        async () =>
          entityKpisResponse(
            { bound: false },
            Object.fromEntries(
              Object.keys(summaries).map(kpi => [
                kpi,
                { summary: emptySummary(kpi as KpiId), lastUpdated: null },
              ]),
            ),
          ),
        'states.setupTitle',
      ],
      [
        'bound, before any data',
        async () =>
          entityKpisResponse(
            {},
            Object.fromEntries(
              Object.keys(summaries).map(kpi => [
                kpi,
                { summary: emptySummary(kpi as KpiId), lastUpdated: null },
              ]),
            ),
          ),
        'states.noDataTitle',
      ],
      [
        'with stale data',
        async () =>
          entityKpisResponse(
            {},
            Object.fromEntries(
              Object.keys(summaries).map(kpi => [
                kpi,
                { lastUpdated: ago(5 * 24 * HOUR) },
              ]),
            ),
          ),
        'states.staleTitle',
      ],
      [
        'that the user may not see',
        async () => {
          throw await ResponseError.fromResponse(
            errorResponse(403, 'NotAllowedError', 'Forbidden'),
          );
        },
        'states.noPermissionTitle',
      ],
    ])(
      '%s',
      async (_name, answer, readyKey) => {
        await renderInItalian(
          <EntityProvider entity={component}>
            <EntityCustomerKpisCard />
          </EntityProvider>,
          italianMessages[readyKey],
          { apis: [[customerKpisApiRef, entityApi(answer)]] },
        );
        expect(englishShown([])).toEqual([]);
      },
      20_000,
    );
  });

  it('the KPI tab, for a user who may refresh the sources', async () => {
    await renderInItalian(
      <EntityProvider entity={system}>
        <EntityCustomerKpisContent />
      </EntityProvider>,
      italianMessages['tab.refresh.button'],
      {
        apis: [
          [customerKpisApiRef, entityApi(async () => variedSystemKpis())],
          mockApis.permission(),
        ],
      },
    );
    await screen.findByTestId('kpi-section-recommend');
    await waitFor(() =>
      expect(screen.queryAllByRole('progressbar')).toHaveLength(0),
    );
    await act(async () => {
      fireEvent.click(screen.getByTestId('customer-kpis-refresh'));
    });
    await screen.findByTestId('customer-kpis-refresh-result');
    // The source that fed the KPIs is named by its id.
    expect(englishShown(['demo'])).toEqual([]);
  }, 20_000);

  it.each([
    ['by component', '', componentRows],
    ['by system', '?groupBy=system', systemRows],
  ])(
    'the leadership page %s',
    async (_name, search, rows) => {
      const api = fakeOverviewApi();
      await renderInItalian(
        <CustomerKpisPage />,
        italianMessages['leadership.title'],
        {
          apis: [[customerKpisApiRef, api]],
          initialRouteEntries: [`/customer-kpis${search}`],
          mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        },
      );
      await screen.findByTestId('overview-table');
      const answered = await api.getOverview.mock.results[0].value;
      expect(
        englishShown([
          // Names, refs and titles of the rows, their owners, systems and domains, and the names in those refs.
          ...rows.flatMap(row =>
            Object.entries(row).flatMap(([field, value]) =>
              typeof value === 'string' &&
              /^(ref|title|owner|system|domain|\w+Title)$/.test(field)
                ? [value, ...value.split('/').slice(1)]
                : [],
            ),
          ),
          // The rollup warnings are worded by the backend, in English only: the answer has no codes to translate.
          ...answered.warnings,
        ]),
      ).toEqual([]);
    },
    20_000,
  );

  it('the admin page: sources, a run history, the form, coverage and import', async () => {
    const api = adminApi({
      listSources: jest.fn(async () => [
        source({
          lastRun: run({ id: 4, status: 'failed', error: 'HTTP 503' }),
          lastSuccess: run({ id: 3 }),
          nextRunAt: ago(-HOUR),
        }),
        source({
          id: 'zendesk-eu',
          type: 'zendesk',
          title: 'Zendesk EU',
          origin: 'config',
          schedule: { frequency: { cron: '0 * * * *' } },
          config: { subdomain: 'acme', email: 'ops@acme.example' },
          lastRun: run({
            id: 9,
            sourceId: 'zendesk-eu',
            status: 'running',
            durationMs: null,
            finishedAt: null,
          }),
        }),
      ]),
      deleteSource: jest.fn(async () => {
        throw apiError(409, 'ConflictError', 'HTTP 409');
      }),
      listRuns: jest.fn(async () => [
        run({
          id: 4,
          status: 'failed',
          error: 'HTTP 503',
          trigger: 'schedule',
        }),
        run({ id: 3, trigger: 'webhook' }),
        run({ id: 2 }),
      ]),
    });
    await renderInItalian(
      <CustomerKpisAdminPage />,
      italianMessages['admin.title'],
      {
        apis: [[customerKpisApiRef, api], mockApis.permission()],
        // coverage links each entity to its page
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    await screen.findByTestId('admin-source-prom');
    // What the server answered and the pages show as it is: source titles, ids and types, run errors, credential
    // names and the type's own words (its title and schema descriptions).
    const data = [
      'Prometheus prod',
      'Zendesk EU',
      'zendesk-eu',
      'prom',
      'prometheus',
      'zendesk',
      'HTTP 503',
      'HTTP 409',
      'ops@acme.example',
      ...credentialSummaries.flatMap(c => [c.name, ...c.allowedUrls]),
      ...[prometheusType, zendeskType].flatMap(type => [
        type.title,
        type.description,
        ...schemaWords(type.configSchema),
      ]),
    ];
    const found = [...englishShown(data)];

    fireEvent.click(
      within(screen.getByTestId('admin-source-prom')).getByTestId(
        'source-history',
      ),
    );
    await screen.findByTestId('admin-run-4');
    found.push(...englishShown(data));
    fireEvent.keyDown(screen.getByTestId('admin-run-history'), {
      key: 'Escape',
    });
    await waitFor(() =>
      expect(screen.queryByTestId('admin-run-history')).not.toBeInTheDocument(),
    );

    await act(async () => {
      fireEvent.click(screen.getByTestId('admin-register'));
    });
    await screen.findByTestId('source-form');
    found.push(...englishShown(data));
    fireEvent.keyDown(screen.getByTestId('source-form'), { key: 'Escape' });
    await waitFor(() =>
      expect(screen.queryByTestId('source-form')).not.toBeInTheDocument(),
    );

    // A delete the server refuses leaves an error to close.
    await act(async () => {
      fireEvent.click(
        within(screen.getByTestId('admin-source-prom')).getByTestId(
          'source-delete',
        ),
      );
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('admin-delete-confirm'));
    });
    await screen.findByText(/HTTP 409/);
    found.push(...englishShown(data));

    fireEvent.click(screen.getByTestId('admin-tab-coverage'));
    await screen.findByTestId('admin-coverage-table');
    const covered = coverage();
    found.push(
      ...englishShown([
        ...data,
        ...covered.rows.flatMap(row => [
          row.title,
          row.entityRef,
          ...(row.owner ? [row.owner] : []),
        ]),
        ...covered.orphans.map(orphan => orphan.entityRef),
        'demo',
      ]),
    );

    fireEvent.click(screen.getByTestId('admin-tab-import'));
    await screen.findByTestId('csv-import');
    found.push(...englishShown(data));

    expect([...new Set(found)]).toEqual([]);
  }, 30_000);
});
