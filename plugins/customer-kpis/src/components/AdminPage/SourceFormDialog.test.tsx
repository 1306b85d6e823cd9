// The register/edit form: fields generated from a type's JSON Schema, the credential select, client-side validation,
// the test run's sample, and the server's 400 under the form.
import { act, fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { CustomerKpisApi, customerKpisApiRef } from '../../api';
import {
  adminApi,
  apiError,
  credentialSummaries,
  prometheusType,
  source,
  zendeskType,
} from './__testUtils__/fixtures';
import { SourceFormDialog } from './SourceFormDialog';

async function renderForm(
  api: jest.Mocked<CustomerKpisApi>,
  props: Partial<Parameters<typeof SourceFormDialog>[0]> = {},
) {
  const onSaved = jest.fn();
  await act(async () => {
    renderInTestApp(
      <SourceFormDialog
        types={[prometheusType, zendeskType]}
        credentials={credentialSummaries}
        onClose={jest.fn()}
        onSaved={onSaved}
        {...props}
      />,
      { apis: [[customerKpisApiRef, api]] },
    );
  });
  return onSaved;
}

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

async function click(testId: string) {
  await act(async () => {
    fireEvent.click(screen.getByTestId(testId));
  });
}

describe('SourceFormDialog', () => {
  it('renders the fields of the selected type from its JSON Schema', async () => {
    await renderForm(adminApi());
    const form = screen.getByTestId('source-config-form');
    // the schema's title as the label, required marker, description, default as placeholder and helper text
    expect(within(form).getByLabelText(/^Prometheus URL/)).toBe(
      screen.getByTestId('config-field-baseUrl'),
    );
    expect(within(form).getByLabelText(/^Prometheus URL/)).toBeRequired();
    expect(within(form).getByLabelText('First retry delay (ms)')).toBe(
      screen.getByTestId('config-field-minRetryDelayMs'),
    );
    expect(within(form).queryByText('minRetryDelayMs')).not.toBeInTheDocument();
    expect(
      within(form).getByText('The Prometheus HTTP API origin.'),
    ).toBeInTheDocument();
    const historyDays = screen.getByTestId('config-field-historyDays');
    expect(historyDays).toHaveAttribute('type', 'number');
    expect(historyDays).toHaveAttribute('placeholder', '30');
    expect(historyDays).toHaveAttribute('min', '1');
    expect(historyDays).toHaveAttribute('max', '3650');
    expect(
      screen.getByTestId('config-field-minRetryDelayMs'),
    ).not.toHaveAttribute('max');
    expect(
      within(form).getByText('Days read on the first run. Default: 30'),
    ).toBeInTheDocument();
    // a nested object is a group of its own fields
    const queries = screen.getByTestId('config-group-queries');
    expect(within(queries).getByText('Query templates')).toBeInTheDocument();
    expect(within(queries).getByLabelText('Daily active users query')).toBe(
      within(queries).getByTestId('config-field-queries.dau'),
    );
    expect(
      within(queries).getByTestId('config-field-queries.dau'),
    ).toBeInTheDocument();
    expect(
      within(queries).getByTestId('config-field-queries.wau'),
    ).toBeInTheDocument();
  });

  it('offers the credential names of the server in a select, each with the URLs it may be sent to, never a text field', async () => {
    await renderForm(adminApi());
    const credential = screen.getByTestId('config-field-credential');
    expect(credential.tagName).toBe('SELECT');
    expect(
      within(credential)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual([
      'None',
      'prometheus-token (http://prometheus:9090)',
      'zendesk-api (https://acme.zendesk.com, https://proxy.example/zd)',
    ]);
    expect(
      screen.getByText(
        /Only the names of the credentials configured on the server/,
      ),
    ).toBeInTheDocument();
  });

  it('switches the form to another type: checkbox, number, enum, enum list, required credential, JSON', async () => {
    await renderForm(adminApi());
    await act(async () => type('source-field-type', 'zendesk'));
    expect(
      screen.queryByTestId('config-field-baseUrl'),
    ).not.toBeInTheDocument();
    expect(
      within(screen.getByTestId('config-field-satisfaction')).getByRole(
        'checkbox',
      ),
    ).toBeChecked();
    expect(
      screen.getByTestId('config-field-ratingRevisitHours'),
    ).toHaveAttribute('type', 'number');
    expect(
      within(screen.getByTestId('config-field-region'))
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['None', 'eu', 'us']);
    expect(screen.getByLabelText('time-to-resolve')).not.toBeChecked();
    // required: no "None" choice
    expect(
      within(screen.getByTestId('config-field-credential'))
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual([
      '',
      'prometheus-token (http://prometheus:9090)',
      'zendesk-api (https://acme.zendesk.com, https://proxy.example/zd)',
    ]);
    // a map of any keys is edited as JSON, in a labelled text area
    const headers = screen.getByTestId('config-field-headers');
    expect(headers.tagName).toBe('TEXTAREA');
    expect(screen.getByText(/^Written as JSON\./)).toBeInTheDocument();
    // without titles, each field is named by its key in words
    expect(screen.getByLabelText('Headers')).toBe(headers);
    expect(screen.getByLabelText(/^Rating revisit hours/)).toBe(
      screen.getByTestId('config-field-ratingRevisitHours'),
    );
  });

  it('says that no credentials are configured when the server has none', async () => {
    await renderForm(adminApi(), { credentials: [] });
    expect(screen.getByTestId('config-field-credential')).toBeDisabled();
    expect(
      screen.getByText(/No credentials are configured on the server/),
    ).toBeInTheDocument();
  });

  it('shows validation messages instead of saving', async () => {
    const api = adminApi();
    await renderForm(api);
    type('source-field-id', 'Prometheus Prod');
    type('source-field-minutes', '0');
    type('config-field-baseUrl', 'prometheus');
    type('config-field-historyDays', '4000');
    await click('source-save');
    expect(api.createSource).not.toHaveBeenCalled();
    expect(screen.getByTestId('source-form-fix')).toHaveTextContent(
      'Correct the marked fields first.',
    );
    expect(
      screen.getByText(/^Use lower-case letters, digits/),
    ).toBeInTheDocument();
    expect(screen.getByText('At least 1')).toBeInTheDocument();
    expect(
      screen.getByText('Enter a URL such as http://prometheus:9090'),
    ).toBeInTheDocument();
    expect(screen.getByText('At most 3650')).toBeInTheDocument();

    type('config-field-baseUrl', '');
    expect(screen.getAllByText('Required')).toHaveLength(1);
  });

  it('shows the server’s 400 message under the form', async () => {
    const api = adminApi({
      createSource: jest.fn(async () => {
        throw apiError(
          400,
          'InputError',
          'Invalid source: baseUrl: Invalid URL',
        );
      }),
    });
    const onSaved = await renderForm(api);
    type('source-field-id', 'prom');
    type('config-field-baseUrl', 'http://localhost:9090');
    await click('source-save');
    expect(screen.getByTestId('source-form-server-error')).toHaveTextContent(
      'Invalid source: baseUrl: Invalid URL',
    );
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('registers the definition with numbers as numbers and empty fields left out', async () => {
    const api = adminApi();
    const onSaved = await renderForm(api);
    type('source-field-id', 'prom-prod');
    type('source-field-title', 'Prometheus prod');
    type('source-field-minutes', '60');
    type('config-field-baseUrl', 'http://localhost:9090');
    type('config-field-credential', 'prometheus-token');
    type('config-field-historyDays', '7');
    await click('source-save');
    expect(api.createSource).toHaveBeenCalledWith({
      id: 'prom-prod',
      type: 'prometheus',
      title: 'Prometheus prod',
      schedule: { frequency: { minutes: 60 } },
      config: {
        baseUrl: 'http://localhost:9090',
        credential: 'prometheus-token',
        historyDays: 7,
      },
    });
    expect(onSaved).toHaveBeenCalled();
  });

  it('tests the unsaved definition and shows the sample, invalid items and error', async () => {
    const api = adminApi({
      testSource: jest.fn(async () => ({
        entities: 1,
        observations: 30,
        sample: [
          {
            id: 'adoption/2025-06-01/component:default/customer-profile',
            kpi: 'adoption',
            entityRef: 'component:default/customer-profile',
            date: '2025-06-01',
            dau: 120,
            wau: 400,
            mau: 900,
            eligible: 2000,
          },
        ],
        invalid: [
          { index: 3, path: 'dau', message: 'dau must be at most wau' },
        ],
        error: 'entity component:default/x: bad selector',
      })),
    });
    await renderForm(api);
    type('config-field-baseUrl', 'http://localhost:9090');
    await click('source-test');
    expect(api.testSource).toHaveBeenCalledWith({
      type: 'prometheus',
      config: { baseUrl: 'http://localhost:9090' },
    });
    expect(screen.getByTestId('source-dry-run-summary')).toHaveTextContent(
      '1 entity bound; 30 observations on the first page.',
    );
    const sample = screen.getByTestId('source-dry-run-sample');
    expect(
      within(sample).getByText('component:default/customer-profile'),
    ).toBeInTheDocument();
    expect(within(sample).getByText('2025-06-01')).toBeInTheDocument();
    expect(
      within(sample).getByText('dau: 120, wau: 400, mau: 900, eligible: 2000'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('source-dry-run-invalid')).toHaveTextContent(
      '#3 dau: dau must be at most wau',
    );
    expect(screen.getByTestId('source-dry-run-error')).toHaveTextContent(
      'bad selector',
    );

    // changing the definition drops the sample: it no longer describes what would be saved
    type('config-field-historyDays', '3');
    expect(screen.queryByTestId('source-dry-run')).not.toBeInTheDocument();
  });

  it('edits a source: id and type fixed, stored values shown, schedule kept apart from its frequency', async () => {
    const api = adminApi();
    await renderForm(api, {
      source: source({
        schedule: { frequency: { hours: 2 }, timeout: { minutes: 10 } },
        config: { baseUrl: 'http://prometheus:9090', historyDays: 14 },
      }),
    });
    expect(screen.getByTestId('source-field-id')).toBeDisabled();
    expect(screen.getByTestId('source-field-type')).toBeDisabled();
    expect(screen.getByTestId('source-field-minutes')).toHaveValue(120);
    expect(screen.getByTestId('config-field-historyDays')).toHaveValue(14);
    await click('source-save');
    expect(api.updateSource).toHaveBeenCalledWith('prom', {
      type: 'prometheus',
      title: 'Prometheus prod',
      schedule: { frequency: { minutes: 120 }, timeout: { minutes: 10 } },
      config: { baseUrl: 'http://prometheus:9090', historyDays: 14 },
    });
  });
});
