// The texts of the customer-kpis frontend: the English messages, and the translation ref that carries them and
// loads the other languages lazily (as its default resource, so that apps of either frontend system get them).
import {
  TranslationMessages,
  createTranslationRef,
} from '@backstage/frontend-plugin-api';

/** The English messages; every other language translates these keys (exported: the ref's type names them). */
export const customerKpisMessages = {
  card: {
    title: 'Customer KPIs',
    subheader: '{{from}} – {{to}} ({{days}} days)',
    members:
      'Pooled over {{count}} components with their own data; active users are summed, assuming separate user bases.',
    memberMean: 'Unweighted mean {{value}}',
    memberMeanHelp_one:
      'The mean of the values of {{count, number}} component with data, each counting once, so that one large component cannot hide the others. The large figure pools all their answers, tickets and users.',
    memberMeanHelp_few:
      'The mean of the values of {{count, number}} components with data, each counting once, so that one large component cannot hide the others. The large figure pools all their answers, tickets and users.',
    memberMeanHelp_many:
      'The mean of the values of {{count, number}} components with data, each counting once, so that one large component cannot hide the others. The large figure pools all their answers, tickets and users.',
    memberMeanHelp_other:
      'The mean of the values of {{count, number}} components with data, each counting once, so that one large component cannot hide the others. The large figure pools all their answers, tickets and users.',
  },
  owned: {
    groupTitle: 'Customer KPIs of what this team owns',
    homeTitle: 'My products: customer KPIs',
    component: 'Component',
    systemOf_one: 'System of {{count, number}} component',
    systemOf_few: 'System of {{count, number}} components',
    systemOf_many: 'System of {{count, number}} components',
    systemOf_other: 'System of {{count, number}} components',
    emptyGroup: 'This team owns no components or systems that you can see.',
    emptyMine:
      'You and your teams own no components or systems that you can see.',
    truncated: 'The first {{shown}} of {{total}} are shown.',
    systemsPooled:
      'A system pools the components under it: answers, tickets and users are summed (active users assuming separate user bases).',
  },
  states: {
    setupTitle: 'No customer KPIs for this entity yet',
    setupDescription:
      'Bind the entity to a data source by adding one of these annotations to its catalog-info.yaml:',
    setupTargets:
      'Targets per KPI can be set with annotations such as {{example}}.',
    setupSources: {
      demo: 'Demo data',
      zendesk: 'Zendesk',
      servicenow: 'ServiceNow',
      'jira-service-management': 'Jira Service Management',
      typeform: 'Typeform',
      surveymonkey: 'SurveyMonkey',
      qualtrics: 'Qualtrics',
      prometheus: 'Prometheus',
      posthog: 'PostHog',
      amplitude: 'Amplitude',
      sql: 'SQL warehouse',
    },
    noDataTitle: 'No data yet',
    noDataDescription:
      'The entity is bound to a data source, but no answers, tickets or users have arrived yet. Values appear after the next run of the source.',
    noPermissionTitle: 'No permission',
    noPermissionDescription:
      'You are not allowed to see the customer KPIs of this entity.',
    errorTitle: 'Could not load the customer KPIs',
    retry: 'Retry',
    staleTitle: 'Stale data',
    staleDescription:
      'The newest data arrived {{age}}: a data source may have stopped delivering.',
  },
  tile: {
    n: 'n = {{n}}',
    noValue: 'No data',
    smallSample:
      'Sample too small (n < {{minimum}}): shown for information, without a status.',
    interval: '95% interval: {{low}} to {{high}} ({{method}})',
    formula: 'Formula: {{formula}}',
    target: 'target {{target}}',
    intervalShort: '95% CI: {{low}} to {{high}}',
    name: '{{title}}: {{value}}',
    updated: 'Updated {{age}}',
    neverUpdated: 'No data has arrived yet',
    better: 'Significantly better than the previous window ({{delta}})',
    worse: 'Significantly worse than the previous window ({{delta}})',
  },
  status: {
    good: 'On target',
    warning: 'Warning',
    critical: 'Critical',
    insufficientData: 'Insufficient data',
  },
  methods: {
    wilson: 'Wilson',
    adjustedWald: 'adjusted Wald',
    t: 'Student t',
    orderStatistic: 'order statistic',
  },
  units: { minutes: 'min', hours: 'h', days: 'd' },
  kpis: {
    adoption: {
      title: 'Adoption',
      formula: 'monthly active users ÷ eligible users × 100, on the latest day',
    },
    timeToValue: {
      title: 'Time to value',
      formula: 'median time from start to first value, per start cohort',
    },
    timeToResolve: {
      title: 'Time to resolve',
      formula: 'median time from opened to resolved',
    },
    customerEffort: {
      title: 'Customer effort (CES)',
      formula: 'mean answer on the 1–7 scale, 7 = very easy',
    },
    satisfaction: {
      title: 'Satisfaction (CSAT)',
      formula: 'answers 4–5 ÷ all answers × 100',
    },
    retention: {
      title: 'Retention',
      formula: '(E − N) ÷ S × 100 (S start, E end, N new customers)',
    },
    recommend: {
      title: 'NPS',
      formula: '% promoters (9–10) − % detractors (0–6)',
    },
  },
  secondary: {
    stickiness: 'DAU/MAU {{value}}',
    activeUsers: 'DAU {{dau}} · WAU {{wau}} · MAU {{mau}} of {{eligible}}',
    p90: 'p90 {{value}}',
    calendar: 'calendar time',
    business: 'business time',
    reached: '{{value}} reached value',
    easy: '{{value}} easy',
    mean: 'mean {{value}}',
    promoters: 'promoters {{promoters}} · detractors {{detractors}}',
    kept: '{{kept}} of {{start}} kept',
  },
  tab: {
    window: 'Window',
    windows: { d30: '30 days', d90: '90 days', m12: '12 months' },
    granularity: 'Granularity',
    granularities: { day: 'Day', week: 'Week', month: 'Month' },
    value: 'Value',
    target: 'Target',
    interval: '95% interval',
    noPoints: 'No data in this window.',
    seriesError: 'Could not load the series: {{message}}',
    promoters: 'Promoters',
    passives: 'Passives',
    detractors: 'Detractors',
    answers: 'Answers',
    score: 'Score {{score}}',
    distribution: 'Answer distribution',
    p50: 'Median (p50)',
    p90: 'p90',
    basis: 'Measured in {{basis}}',
    relativeError: 'Durations are read from a histogram, within ±{{value}}.',
    dau: 'DAU',
    wau: 'WAU',
    mau: 'MAU',
    stickiness: 'Stickiness (DAU/MAU)',
    retentionPerPeriod: 'Retention per period',
    start: 'Start (S)',
    end: 'End (E)',
    new: 'New (N)',
    partial: 'Incomplete period',
    partialNote:
      'Dashed line: the period {{periods}} is not complete yet; its value may still change.',
    partialBarNote:
      'Pale bar: the period {{periods}} is not complete yet; its value may still change.',
    gapNote: 'A gap in the line is a period without data, not a zero.',
    noDataInPeriod: 'No data in this period',
    retentionBars:
      'Each bar pools the retention periods that end within it; where no period ends, there is no bar.',
    freshness: {
      title: 'Data freshness',
      source: 'Source',
      kpis: 'KPIs',
      lastUpdated: 'Last data',
      never: 'never',
      stale: 'stale',
      noSources: 'No data source has fed this entity yet.',
    },
    refresh: {
      button: 'Refresh now',
      running: 'Refreshing…',
      done: 'Ran {{sources}} data sources; the values below are reloaded.',
      failed: 'Could not run {{source}}: {{message}}',
    },
  },
  leadership: {
    title: 'Customer KPIs',
    subtitle: 'Compare products across the catalog',
    groupBy: 'Group by',
    groupByOptions: {
      component: 'Components',
      system: 'Systems',
      domain: 'Domains',
      owner: 'Owners',
    },
    window: 'Window',
    windows: { d30: '30 days', d90: '90 days', m12: '12 months' },
    period:
      '{{from}} – {{to}}, compared with {{previousFrom}} – {{previousTo}}',
    filters: {
      kind: 'Kind',
      anyKind: 'Component (default)',
      owner: 'Owner',
      system: 'System',
      domain: 'Domain',
      lifecycle: 'Lifecycle',
      tag: 'Tag',
      q: 'Search by name',
      clear: 'Clear filters',
      noOptions: 'No matches',
      loading: 'Loading…',
      open: 'Open the list',
      close: 'Close the list',
      clearOne: 'Clear',
    },
    rollup: {
      label: 'Rollup',
      pooled: 'Pooled',
      mean: 'Unweighted mean',
      pooledHelp:
        'Pooled: answers, tickets and users summed over the entities of a row, so larger products weigh more.',
      meanHelp:
        'Unweighted mean: each entity counts once, so one large product cannot hide the others.',
      basis: 'Status, change and sorting use the pooled value.',
      single: 'One entity per row: the pooled value and the mean are the same.',
      warningsTitle: 'About these rollups',
    },
    columns: {
      name: 'Name',
      entities: 'Entities',
      cci: 'Index',
      cciFull: 'Customer-Centricity Index',
      higherBetter: 'higher is better',
      lowerBetter: 'lower is better',
    },
    cell: {
      n: 'n = {{n}}',
      noValue: 'no data',
      better: 'Significantly better than the previous period: {{delta}}',
      worse: 'Significantly worse than the previous period: {{delta}}',
      notSignificant: 'No significant change: {{delta}}',
      insufficientData: 'Too little data to compare: {{delta}}',
      cciChange: 'Change against the previous period: {{delta}}',
      belowMinimum: 'fewer than {{min}} answers: no status',
    },
    change: {
      noPrevious: 'No data in the previous period to compare with',
      smallSample:
        'Too few answers to judge the change (fewer than {{min}} in a period): {{delta}}',
      noTest:
        'These periods cannot be compared (for example, answers on different scales): {{delta}}',
      cciNoPrevious: 'No index in the previous period to compare with',
      nothingToCompare:
        'No changes: there is no data from {{previousFrom}} to {{previousTo}} to compare with.',
    },
    legend: {
      title: 'Legend',
      greyed:
        'Grey: fewer than {{min}} answers in the window, or none: no status and no verdict on the change',
      changes:
        'A significant change (green better, red worse); grey figures are not significant',
    },
    drill: {
      system: 'Components of {{name}}',
      domain: 'Systems of {{name}}',
      owner: 'Components owned by {{name}}',
      backToSystems: 'All systems',
      backToDomains: 'All domains',
      backToOwners: 'All owners',
    },
    csv: {
      export: 'Export CSV',
      exporting: 'Exporting…',
      failed: 'Could not export the CSV: {{message}}',
    },
    chart: {
      kind: 'Chart',
      ranking: 'Ranking by index',
      scatter: 'Two KPIs',
      x: 'Horizontal axis',
      y: 'Vertical axis',
      rankingCaption:
        'The {{count}} rows of this page with the highest Customer-Centricity Index',
      scatterCaption: '{{count}} rows of this page have both values',
      noData: 'No rows of this page have values to plot.',
    },
    table: {
      empty: 'No entities match these filters.',
      rowsPerPage: 'Rows per page',
      displayedRows: '{{from}}–{{to}} of {{count}}',
      firstPage: 'Go to first page',
      previousPage: 'Go to previous page',
      nextPage: 'Go to next page',
      lastPage: 'Go to last page',
    },
  },
  admin: {
    title: 'KPI data sources',
    subtitle:
      'Register data sources, watch their runs, and see which components have data for which KPI.',
    tabs: { sources: 'Sources', coverage: 'Coverage', import: 'Import CSV' },
    noPermissionTitle: 'No permission to manage data sources',
    noPermissionDescription:
      'This page needs the permission customer-kpis.source.manage. Ask the administrators of your Backstage for it.',
    errorTitle: 'Could not load the data sources',
    retry: 'Retry',
    seconds: 's',
    import: {
      title: 'Import a CSV file',
      description:
        'One KPI per file, one observation per row. A file is stored whole or not at all: if one row is wrong, nothing is stored and the report names the line.',
      kpi: 'KPI',
      source: 'Source id',
      sourceHelp:
        'The observations are stored under this source, whose run list records each import. Ids are unique per source: the same file imported again changes nothing.',
      template: 'Download the template',
      chooseFile: 'Choose a CSV file',
      delimiter: 'Delimiter',
      delimiterComma: 'Comma',
      delimiterSemicolon: 'Semicolon',
      delimiterTab: 'Tab',
      checking: 'Checking the file…',
      uploading: 'Uploading: {{percent}}%',
      mappingTitle: 'Columns',
      header: 'CSV column',
      field: 'Observation field',
      ignore: 'Ignore this column',
      recheck: 'Check again',
      previewTitle: 'Preview: the first rows as observations',
      line: 'Line',
      reportValid: 'All {{rows}} rows are valid.',
      reportInvalid:
        '{{problems}} problems in {{invalidRows}} of {{rows}} rows: fix them and choose the file again, or change the mapping.',
      reportListed: 'The first {{listed}} problems:',
      column: 'Column',
      reason: 'Reason',
      import: 'Import {{rows}} rows',
      importing: 'Importing…',
      done: 'Imported into {{source}}: {{inserted}} new, {{unchanged}} unchanged, {{replaced}} replaced.',
      failed: 'The import failed: {{message}}',
    },
    sources: {
      register: 'Register a source',
      empty:
        'No data sources yet. Register one here, or add one to customerKpis.sources in app-config.yaml.',
      source: 'Source',
      type: 'Type',
      origin: 'Origin',
      schedule: 'Schedule',
      lastRun: 'Last run',
      nextRun: 'Next run',
      actions: 'Actions',
      originConfig: 'app-config',
      originApi: 'registered here',
      configReadOnly: 'Defined in app-config.yaml: change it there.',
      typeMissing: 'type not installed',
      every: 'every {{duration}}',
      cron: 'cron {{expression}}',
      never: 'never run',
      runNow: 'Run now',
      history: 'Run history',
      edit: 'Edit',
      view: 'View configuration',
      delete: 'Delete',
      deleteTitle: 'Delete {{id}}?',
      deleteDescription:
        'The source stops running and disappears from this list. Data it already delivered stays.',
      cancel: 'Cancel',
      actionFailed: '{{source}}: {{message}}',
      closeError: 'Close',
      counts:
        '{{entities}} entities · {{inserted}} new · {{replaced}} replaced · {{retracted}} retracted · {{unchanged}} unchanged',
      took: 'took {{duration}}',
      lastSuccess: 'last success {{age}}',
    },
    run: {
      queued: 'Starting…',
      running: 'Running',
      succeeded: 'Succeeded',
      failed: 'Failed',
      schedule: 'scheduled',
      manual: 'manual',
      webhook: 'webhook',
    },
    history: {
      title: 'Runs of {{source}}',
      started: 'Started',
      trigger: 'Trigger',
      status: 'Status',
      duration: 'Duration',
      pages: 'Pages',
      entities: 'Entities',
      inserted: 'New',
      replaced: 'Replaced',
      retracted: 'Retracted',
      unchanged: 'Unchanged',
      error: 'Error',
      empty: 'This source has not run yet.',
      close: 'Close',
    },
    form: {
      registerTitle: 'Register a data source',
      editTitle: 'Edit {{id}}',
      id: 'Id',
      idHelp: 'Unique and permanent: observations are stored per source id.',
      title: 'Title',
      type: 'Type',
      scheduleMinutes: 'Run every (minutes)',
      cronSchedule:
        'Runs on the cron schedule {{expression}}; change it in the API.',
      config: 'Configuration',
      binding:
        'Entities are bound through the annotation {{annotation}}; feeds {{kpis}}.',
      default: 'Default: {{value}}',
      none: 'None',
      credentialHelp:
        'Only the names of the credentials configured on the server (customerKpis.credentials) are shown, never their values.',
      noCredentials:
        'No credentials are configured on the server (customerKpis.credentials).',
      listHelp: 'One entry per line.',
      jsonHelp: 'Written as JSON.',
      noItems: 'No entries yet.',
      itemTitle: '{{field}} #{{index}}',
      addItem: 'Add to {{field}}',
      moveUp: 'Move {{field}} #{{index}} up',
      moveDown: 'Move {{field}} #{{index}} down',
      removeItem: 'Remove {{field}} #{{index}}',
      viewTitle: '{{id}}: defined in app-config',
      readOnly: 'Defined in app-config.yaml: shown read-only; change it there.',
      close: 'Close',
      test: 'Test',
      testing: 'Testing…',
      save: 'Save',
      saving: 'Saving…',
      cancel: 'Cancel',
      fixErrors: 'Correct the marked fields first.',
      serverError: 'The server refused the source',
    },
    validation: {
      required: 'Required',
      number: 'Enter a number',
      integer: 'Enter a whole number',
      minimum: 'At least {{limit}}',
      maximum: 'At most {{limit}}',
      exclusiveMinimum: 'More than {{limit}}',
      exclusiveMaximum: 'Less than {{limit}}',
      minLength: 'At least {{limit}} characters',
      maxLength: 'At most {{limit}} characters',
      minItems: 'Choose at least {{limit}}',
      pattern: 'Must match {{limit}}',
      enum: 'Choose one of {{limit}}',
      uri: 'Enter a URL such as http://prometheus:9090',
      email: 'Enter an email address',
      minEntries: 'At least {{limit}} entries',
      maxEntries: 'At most {{limit}} entries',
      json: 'Not valid JSON: {{limit}}',
      jsonObject: 'Enter a JSON object, such as {"name": "value"}',
      jsonArray: 'Enter a JSON list, such as ["a", "b"]',
      line: 'Line {{line}}: {{message}}',
      id: 'Use lower-case letters, digits, dots, dashes or underscores (at most 100), starting with a letter or digit',
    },
    dryRun: {
      title: 'Test run: nothing was stored',
      // Two counted parts, each in the plural form of its count (i18next's suffixes). Every language has the keys
      // of these messages, so the forms Russian needs (few, many) are keys here too; English reads one and other.
      summary: '{{bound}}; {{firstPage}}.',
      bound_one: '{{count, number}} entity bound',
      bound_few: '{{count, number}} entities bound',
      bound_many: '{{count, number}} entities bound',
      bound_other: '{{count, number}} entities bound',
      firstPage_one: '{{count, number}} observation on the first page',
      firstPage_few: '{{count, number}} observations on the first page',
      firstPage_many: '{{count, number}} observations on the first page',
      firstPage_other: '{{count, number}} observations on the first page',
      noEntities:
        'No catalog entity carries the annotation {{annotation}}: the source would read nothing.',
      sample: 'Sample observations',
      entity: 'Entity',
      kpi: 'KPI',
      time: 'Time',
      values: 'Values',
      invalid_one: '{{count, number}} observation would be rejected',
      invalid_few: '{{count, number}} observations would be rejected',
      invalid_many: '{{count, number}} observations would be rejected',
      invalid_other: '{{count, number}} observations would be rejected',
      invalidItem: '#{{index}} {{path}}: {{message}}',
      error: 'The test run failed',
    },
    coverage: {
      entity: 'Component',
      onlyGaps: 'Only components with gaps',
      summary:
        '{{data}} with data, {{stale}} stale, {{missing}} missing, of {{total}} KPI values.',
      staleAfter: 'Data older than {{days}} days is stale.',
      data: 'data',
      stale: 'stale',
      missing: 'missing',
      noAnnotation: 'no annotation',
      noSource: 'no source of that kind',
      sourceFailing: 'source failing',
      noDataYet: 'no data yet',
      lastData: 'Last data {{time}}',
      fedBy: 'Sources: {{sources}}',
      empty: 'No components in the catalog.',
      noGaps: 'Every component has data for every KPI.',
      errorTitle: 'Could not load the coverage',
      orphansTitle: 'Data naming entities missing from the catalog',
      orphansDescription:
        'These entity refs have KPI data but are not in the catalog (any more): renamed or deleted entities, or typos in pushed data.',
      noOrphans: 'All data names entities that are in the catalog.',
      entityRef: 'Entity ref',
      kpis: 'KPIs',
      lastDataAt: 'Last data',
      kindLabel: 'Kind of entity',
      kindComponent: 'Components',
      kindSystem: 'Systems',
      entitySystem: 'System',
      onlyGapsSystems: 'Only systems with gaps',
      emptySystems: 'No systems in the catalog.',
      noGapsSystems: 'Every system has data for every KPI.',
      systemsPooled:
        'A system has its own data and that of the components under it that you can see; it is bound when it or one of them carries a binding annotation.',
      members_one: '{{count, number}} component',
      members_few: '{{count, number}} components',
      members_many: '{{count, number}} components',
      members_other: '{{count, number}} components',
      noSourceDetail: 'No source: configure {{types}}',
      noAnnotationDetail: 'Missing annotation: {{annotations}}',
      sourceFailingDetail: 'Last run failed: {{sources}}',
      noDataYetDetail: 'No data yet from {{sources}}',
    },
  },
} as const;

/**
 * The type of {@link customerKpisTranslationRef}: its id and the dotted keys of the English messages. Declared up
 * front because each language file builds its messages from the ref, and the ref loads the language files.
 *
 * @public
 */
export type CustomerKpisTranslationRef = ReturnType<
  typeof createTranslationRef<
    'plugin.customer-kpis',
    typeof customerKpisMessages,
    {}
  >
>;

/** The messages of one language: every key of the ref (see the language files). */
type LanguageModule = Promise<{
  default: TranslationMessages<
    'plugin.customer-kpis',
    CustomerKpisTranslationRef['T'],
    true
  >;
}>;

// The ref's own loaders take the plain messages; createTranslationResource would also take the wrapper.
async function messagesOf(module: LanguageModule) {
  return { default: (await module).default.messages };
}

/** The languages besides English, each loaded when the app switches to it. */
export const customerKpisLanguages = {
  it: () => messagesOf(import('./it')),
  es: () => messagesOf(import('./es')),
  fr: () => messagesOf(import('./fr')),
  ru: () => messagesOf(import('./ru')),
};

/** The translation ref of the customer-kpis frontend. */
export const customerKpisTranslationRef: CustomerKpisTranslationRef =
  createTranslationRef({
    id: 'plugin.customer-kpis',
    messages: customerKpisMessages,
    translations: customerKpisLanguages,
  });
