// The register form with the real config schemas of the new source types: a union chosen by its discriminator,
// lists of texts and of objects edited item by item, JSON for maps, the server's 400 at its field, configOnly types
// not offered, and an app-config source shown read-only.
import { act, fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { SourceTypeSummary } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { CustomerKpisApi, customerKpisApiRef } from '../../../api';
import { adminApi, apiError, source } from '../__testUtils__/fixtures';
import { SourceFormDialog } from '../SourceFormDialog';
import { sourceConfigSchemas } from './__fixtures__/sourceSchemas';

const serviceNowType: SourceTypeSummary = {
  id: 'servicenow',
  title: 'ServiceNow',
  description: 'Incidents and survey results.',
  kpis: ['time-to-resolve', 'satisfaction'],
  annotation: 'servicenow.com/assignment-group',
  configSchema: sourceConfigSchemas.servicenow,
  configOnly: false,
};

const typeformType: SourceTypeSummary = {
  id: 'typeform',
  title: 'Typeform',
  description: 'Survey responses.',
  kpis: ['recommend', 'satisfaction', 'customer-effort'],
  annotation: 'typeform.com/form-id',
  configSchema: sourceConfigSchemas.typeform,
  configOnly: false,
};

const sqlType: SourceTypeSummary = {
  id: 'sql',
  title: 'SQL',
  description: 'Queries on a warehouse.',
  kpis: ['adoption'],
  annotation: 'customer-kpis.io/sql-key',
  configSchema: sourceConfigSchemas.sql,
  configOnly: true,
};

const credentials = [
  {
    name: 'servicenow-oauth',
    allowedUrls: ['https://acme.service-now.com'],
  },
  { name: 'typeform-token', allowedUrls: ['https://api.typeform.com'] },
  { name: 'warehouse', allowedUrls: ['postgresql://warehouse:5432/kpi'] },
];

async function renderForm(
  api: jest.Mocked<CustomerKpisApi>,
  props: Partial<Parameters<typeof SourceFormDialog>[0]> = {},
) {
  await act(async () => {
    renderInTestApp(
      <SourceFormDialog
        types={[serviceNowType, typeformType, sqlType]}
        credentials={credentials}
        onClose={jest.fn()}
        onSaved={jest.fn()}
        {...props}
      />,
      { apis: [[customerKpisApiRef, api]] },
    );
  });
}

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

function tick(testId: string) {
  fireEvent.click(within(screen.getByTestId(testId)).getByRole('checkbox'));
}

async function click(testId: string) {
  await act(async () => {
    fireEvent.click(screen.getByTestId(testId));
  });
}

// a full form of MUI inputs on a machine shared with other jobs: role queries over it take seconds
jest.setTimeout(30_000);

describe('the source form with the new kinds of config', () => {
  it('does not offer a configOnly type for registration', async () => {
    await renderForm(adminApi());
    expect(
      within(screen.getByTestId('source-field-type'))
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['ServiceNow (servicenow)', 'Typeform (typeform)']);
  });

  it('registers a ServiceNow source with OAuth: the variant’s fields only, a list of states, a survey metric', async () => {
    const api = adminApi();
    await renderForm(api);
    type('source-field-id', 'servicenow-prod');
    type('config-field-instance', 'acme');

    // the required union starts at its first variant; its fields are labelled inputs
    const authType = screen.getByTestId('config-field-auth.type');
    expect(authType).toHaveValue('basic');
    expect(screen.getByLabelText(/^User name/)).toBeRequired();
    type('config-field-auth.username', 'kpi-reader');
    type('config-field-auth.type', 'oauth');
    // nothing of the basic variant is kept
    expect(
      screen.queryByTestId('config-field-auth.username'),
    ).not.toBeInTheDocument();
    type('config-field-auth.clientId', 'kpi-client');
    type('config-field-auth.credential', 'servicenow-oauth');

    type('config-field-resolvedStates', '6\n7\n\n8');
    tick('config-field-businessDuration');

    await click('config-add-surveyMetrics');
    type('config-field-surveyMetrics.0.metric', 'How satisfied are you?');
    type('config-field-surveyMetrics.0.kpi', 'satisfaction');
    type(
      'config-field-surveyMetrics.0.values',
      '{"Very satisfied": 5, "Satisfied": 4}',
    );

    await click('source-save');
    expect(api.createSource).toHaveBeenCalledWith({
      id: 'servicenow-prod',
      type: 'servicenow',
      schedule: { frequency: { minutes: 30 } },
      config: {
        instance: 'acme',
        auth: {
          type: 'oauth',
          clientId: 'kpi-client',
          credential: 'servicenow-oauth',
        },
        resolvedStates: ['6', '7', '8'],
        businessDuration: false,
        surveyMetrics: [
          {
            metric: 'How satisfied are you?',
            kpi: 'satisfaction',
            inverted: false,
            values: { 'Very satisfied': 5, Satisfied: 4 },
          },
        ],
      },
    });
  });

  it('registers a survey source with two question mappings, added, reordered and removed by named buttons', async () => {
    const api = adminApi();
    await renderForm(api);
    type('source-field-type', 'typeform');
    type('source-field-id', 'typeform-nps');
    type('config-field-credential', 'typeform-token');
    expect(screen.getByText('No entries yet.')).toBeInTheDocument();

    await click('config-add-questions');
    await click('config-add-questions');
    await click('config-add-questions');
    type('config-field-questions.0.question', 'ces_ref');
    type('config-field-questions.0.kpi', 'customer-effort');
    type('config-field-questions.0.scale', '7');
    tick('config-field-questions.0.inverted');
    type('config-field-questions.1.question', 'unused_ref');
    type('config-field-questions.2.question', 'nps_ref');
    type('config-field-questions.2.kpi', 'recommend');

    // the item's buttons are named after the list and the item's number, for screen readers and the keyboard
    expect(
      within(screen.getByTestId('config-item-questions.1'))
        .getAllByRole('button')
        .map(b => b.getAttribute('aria-label')),
    ).toEqual([
      'Move Questions #2 up',
      'Move Questions #2 down',
      'Remove Questions #2',
    ]);
    await click('config-remove-questions.1');
    expect(screen.getByTestId('config-field-questions.1.question')).toHaveValue(
      'nps_ref',
    );
    expect(screen.getByTestId('config-move-up-questions.0')).toBeDisabled();
    await click('config-move-up-questions.1');
    expect(screen.getByTestId('config-field-questions.0.question')).toHaveValue(
      'nps_ref',
    );
    expect(screen.getByTestId('config-field-questions.1.question')).toHaveValue(
      'ces_ref',
    );
    type('config-field-forms', 'u6nXL7\nAb12');

    await click('source-save');
    expect(api.createSource).toHaveBeenCalledWith({
      id: 'typeform-nps',
      type: 'typeform',
      schedule: { frequency: { minutes: 30 } },
      config: {
        credential: 'typeform-token',
        forms: ['u6nXL7', 'Ab12'],
        questions: [
          { question: 'nps_ref', kpi: 'recommend' },
          {
            question: 'ces_ref',
            kpi: 'customer-effort',
            scale: 7,
            inverted: true,
          },
        ],
      },
    });
  });

  // The e2e screenshot of a long list shows the action bar over its add button: an element screenshot taller than
  // the dialog's scrolling content. The button is in that content (reached by scrolling), the bar outside it.
  it('keeps a long list and its add button in the scrolling content, the action bar fixed below it', async () => {
    await renderForm(adminApi());
    type('source-field-type', 'typeform');
    for (let i = 0; i < 8; i++) await click('config-add-questions');

    // MUI's class names (the app prefixes them, e.g. v5-MuiDialogContent-root)
    const content = screen.getByTestId('source-form');
    expect(content.className).toMatch(/\bMuiDialogContent-root\b/);
    // its parent, the dialog's paper, scrolls the content (not the page) between the fixed title and action bar
    expect(content.parentElement?.className).toMatch(
      /\bMuiDialog-paperScrollPaper\b/,
    );
    expect(content).toContainElement(
      screen.getByTestId('config-add-questions'),
    );
    for (const action of ['source-test', 'source-save']) {
      const button = screen.getByTestId(action);
      expect(content).not.toContainElement(button);
      expect(button.closest('[class*="MuiDialogActions-root"]')).not.toBeNull();
    }
  });

  it('checks the items before saving: required fields under their index, a bad line, bad JSON', async () => {
    const api = adminApi();
    await renderForm(api);
    type('source-field-type', 'typeform');
    type('source-field-id', 'typeform-nps');
    type('config-field-credential', 'typeform-token');
    await click('source-save');
    expect(screen.getByTestId('config-issue-questions')).toHaveTextContent(
      'Required',
    );

    await click('config-add-questions');
    type('config-field-questions.0.scores', '{"0": 1,');
    type('config-field-forms', 'u6nXL7\nnot a form!');
    await click('source-save');
    expect(api.createSource).not.toHaveBeenCalled();
    const item = screen.getByTestId('config-item-questions.0');
    expect(within(item).getAllByText('Required')).toHaveLength(2);
    expect(within(item).getByText(/^Not valid JSON: /)).toBeInTheDocument();
    expect(
      screen.getByText('Line 2: Must match ^[A-Za-z0-9_-]{1,64}$'),
    ).toBeInTheDocument();
    expect(
      screen.queryByTestId('config-issue-questions'),
    ).not.toBeInTheDocument();
  });

  it('shows the server’s 400 at the field it names', async () => {
    const api = adminApi({
      createSource: jest.fn(async () => {
        throw apiError(
          400,
          'InputError',
          'Invalid source: config.questions.0.scale: scale is required for customer-effort: 5 or 7',
        );
      }),
    });
    await renderForm(api);
    type('source-field-type', 'typeform');
    type('source-field-id', 'typeform-ces');
    type('config-field-credential', 'typeform-token');
    await click('config-add-questions');
    type('config-field-questions.0.question', 'ces_ref');
    type('config-field-questions.0.kpi', 'customer-effort');
    await click('source-save');
    const scale = within(screen.getByTestId('config-item-questions.0'));
    expect(
      scale.getByText('scale is required for customer-effort: 5 or 7'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('source-form-server-error')).toBeInTheDocument();
  });

  it('edits a stored source: its map shown as JSON and kept', async () => {
    const api = adminApi();
    const config = {
      credential: 'typeform-token',
      questions: [
        {
          question: 'csat_ref',
          kpi: 'satisfaction',
          scores: { '0': 1, '4': 5 },
        },
      ],
    };
    await renderForm(api, {
      source: source({
        id: 'typeform-csat',
        type: 'typeform',
        title: undefined,
        config,
      }),
    });
    expect(screen.getByTestId('config-field-questions.0.scores')).toHaveValue(
      '{\n  "0": 1,\n  "4": 5\n}',
    );
    await click('source-save');
    expect(api.updateSource).toHaveBeenCalledWith(
      'typeform-csat',
      expect.objectContaining({ config }),
    );
  });

  it('shows a source defined in app-config read-only: its queries visible, nothing to save', async () => {
    const onClose = jest.fn();
    await renderForm(adminApi(), {
      onClose,
      source: source({
        id: 'warehouse',
        type: 'sql',
        origin: 'config',
        title: undefined,
        config: {
          client: 'pg',
          connection: {
            host: 'warehouse',
            database: 'kpi',
            user: 'reader',
            credential: 'warehouse',
          },
          queries: {
            adoption: 'SELECT entity_key, day AS date, dau\nFROM adoption',
            recommend: 'SELECT entity_key, answered_at, score FROM nps',
          },
        },
      }),
    });
    expect(screen.getByTestId('source-form-read-only')).toHaveTextContent(
      'Defined in app-config.yaml',
    );
    const query = screen.getByTestId('config-field-queries.adoption');
    expect(query.tagName).toBe('TEXTAREA');
    expect(query).toHaveValue(
      'SELECT entity_key, day AS date, dau\nFROM adoption',
    );
    expect(query).toHaveAttribute('readonly');
    // labels from the schema's titles; a query is named by its KPI
    expect(screen.getByLabelText('Adoption')).toBe(query);
    expect(screen.getByLabelText('NPS')).toBe(
      screen.getByTestId('config-field-queries.recommend'),
    );
    expect(screen.getByLabelText(/^Host/)).toBe(
      screen.getByTestId('config-field-connection.host'),
    );
    expect(screen.getByLabelText(/^Database driver/)).toBe(
      screen.getByTestId('config-field-client'),
    );
    expect(screen.getByTestId('config-field-connection.host')).toHaveAttribute(
      'readonly',
    );
    expect(screen.getByTestId('config-field-client')).toBeDisabled();
    expect(screen.queryByTestId('source-save')).not.toBeInTheDocument();
    expect(screen.queryByTestId('source-test')).not.toBeInTheDocument();
    await act(async () => {
      fireEvent.click(screen.getByText('Close'));
    });
    expect(onClose).toHaveBeenCalled();
  });
});
