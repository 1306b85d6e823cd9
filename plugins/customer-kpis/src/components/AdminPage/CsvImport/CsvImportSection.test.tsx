// The CSV import section: a dry run on picking a file, the mapping step with its report and preview, the import
// with upload progress and its counts, and a refused file's report.
import { act, fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  ImportResponse,
  csvTemplateOf,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  CsvImportError,
  CustomerKpisApi,
  customerKpisApiRef,
} from '../../../api';
import { CsvImportSection } from './CsvImportSection';

// MUI selects render slowly on a loaded machine.
jest.setTimeout(60_000);

const CHECKOUT = 'component:default/checkout-service';
const retention = (line: number, start: number) => ({
  line,
  observation: {
    id: `r${line}`,
    kpi: 'retention',
    entityRef: CHECKOUT,
    periodStart: '2025-03-01',
    periodEnd: '2025-03-31',
    start,
    end: 90,
    new: 10,
  },
});

function answer(overrides: Partial<ImportResponse> = {}): ImportResponse {
  return {
    kpi: 'retention',
    source: 'csv-import',
    dryRun: true,
    columns: [],
    preview: [],
    report: {
      valid: true,
      rows: 2,
      invalidRows: 0,
      problemCount: 0,
      problems: [],
    },
    counts: null,
    runId: null,
    ...overrides,
  };
}

/** The mapped file: "Customers at start" is not a field until it is mapped to start. */
const unmapped = answer({
  columns: [
    { header: 'id', field: 'id' },
    { header: 'entityRef', field: 'entityRef' },
    { header: 'periodStart', field: 'periodStart' },
    { header: 'periodEnd', field: 'periodEnd' },
    { header: 'Customers at start', field: null },
    { header: 'end', field: 'end' },
    { header: 'new', field: 'new' },
  ],
  report: {
    valid: false,
    rows: 2,
    invalidRows: 0,
    problemCount: 2,
    problems: [
      {
        line: 1,
        column: 'Customers at start',
        field: null,
        reason: '"Customers at start" is not a field of retention observations',
      },
      {
        line: 1,
        column: null,
        field: 'start',
        reason: 'no column fills the required field start',
      },
    ],
  },
});

function importApi() {
  return {
    importCsv: jest.fn(),
    getImportTemplate: jest.fn(async () => 'id,entityRef\n'),
  } as unknown as jest.Mocked<CustomerKpisApi>;
}

async function render(api: jest.Mocked<CustomerKpisApi>) {
  await act(async () => {
    renderInTestApp(<CsvImportSection />, {
      apis: [[customerKpisApiRef, api]],
    });
  });
}

async function chooseKpi(title: string) {
  fireEvent.mouseDown(screen.getByRole('combobox', { name: /KPI/ }));
  fireEvent.click(await screen.findByRole('option', { name: title }));
}

const file = new File(['…'], 'retention.csv', { type: 'text/csv' });

describe('CsvImportSection', () => {
  it('checks a picked file with a dry run, maps a column, shows the report and preview, and imports with progress', async () => {
    const api = importApi();
    api.importCsv
      .mockResolvedValueOnce(unmapped)
      .mockResolvedValueOnce(
        answer({
          columns: unmapped.columns.map(c =>
            c.header === 'Customers at start' ? { ...c, field: 'start' } : c,
          ),
          preview: [retention(2, 100), retention(3, 120)],
        }),
      )
      .mockImplementationOnce(async (_file, _request, options) => {
        options?.onProgress?.(0.5);
        await new Promise(r => setTimeout(r, 50));
        return answer({
          dryRun: false,
          counts: { inserted: 1, unchanged: 0, replaced: 1 },
          runId: 7,
        });
      });
    await render(api);
    await chooseKpi('Retention');

    await act(async () => {
      fireEvent.change(screen.getByTestId('import-file'), {
        target: { files: [file] },
      });
    });

    expect(api.importCsv).toHaveBeenLastCalledWith(
      file,
      {
        kpi: 'retention',
        source: 'csv-import',
        delimiter: ',',
        mapping: {},
        dryRun: true,
      },
      expect.anything(),
    );
    const problems = await screen.findAllByTestId('import-problem');
    expect(problems.map(p => p.textContent)).toEqual([
      '1Customers at start"Customers at start" is not a field of retention observations',
      '1startno column fills the required field start',
    ]);
    expect(screen.getByTestId('import-submit')).toBeDisabled();

    fireEvent.mouseDown(
      screen.getByRole('combobox', { name: 'Customers at start' }),
    );
    fireEvent.click(await screen.findByRole('option', { name: 'start' }));
    await act(async () => {
      fireEvent.click(screen.getByTestId('import-recheck'));
    });

    expect(api.importCsv).toHaveBeenLastCalledWith(
      file,
      expect.objectContaining({
        mapping: { 'Customers at start': 'start' },
        dryRun: true,
      }),
      expect.anything(),
    );
    expect(await screen.findByTestId('import-report-valid')).toHaveTextContent(
      'All 2 rows are valid.',
    );
    const preview = screen.getByTestId('import-preview');
    expect(within(preview).getAllByRole('row')[1]).toHaveTextContent(
      `2r2${CHECKOUT}2025-03-012025-03-311009010`,
    );

    fireEvent.click(screen.getByTestId('import-submit'));
    expect(await screen.findByTestId('import-progress')).toHaveTextContent(
      'Uploading: 50%',
    );
    expect(await screen.findByTestId('import-result')).toHaveTextContent(
      'Imported into csv-import: 1 new, 0 unchanged, 1 replaced.',
    );
    expect(api.importCsv).toHaveBeenLastCalledWith(
      file,
      expect.objectContaining({
        mapping: { 'Customers at start': 'start' },
        dryRun: false,
      }),
      expect.anything(),
    );
  });

  it('shows a column the check did not map as ignored, not as a blank select', async () => {
    const api = importApi();
    api.importCsv.mockResolvedValueOnce(unmapped);
    await render(api);
    await chooseKpi('Retention');
    await act(async () => {
      fireEvent.change(screen.getByTestId('import-file'), {
        target: { files: [file] },
      });
    });

    expect(
      await screen.findByRole('combobox', { name: 'Customers at start' }),
    ).toHaveTextContent(/^Ignore this column$/);
    expect(screen.getByRole('combobox', { name: 'end' })).toHaveTextContent(
      /^end$/,
    );
  });

  it("shows a refused file's message and report", async () => {
    const api = importApi();
    api.importCsv.mockRejectedValue(
      new CsvImportError(
        'A CSV import holds at most 100,000 data rows, and this file has more: split it',
        413,
      ),
    );
    await render(api);
    await act(async () => {
      fireEvent.change(screen.getByTestId('import-file'), {
        target: { files: [file] },
      });
    });
    expect(await screen.findByTestId('import-error')).toHaveTextContent(
      'The import failed: A CSV import holds at most 100,000 data rows, and this file has more: split it',
    );
  });

  it('downloads the template of the chosen KPI', async () => {
    const api = importApi();
    const template = csvTemplateOf('recommend');
    api.getImportTemplate.mockResolvedValue(
      `${template.columns.join(',')}\n${template.example.join(',')}\n`,
    );
    const createObjectURL = jest.fn(() => 'blob:template');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    await render(api);
    await chooseKpi('NPS');
    await act(async () => {
      fireEvent.click(screen.getByTestId('import-template'));
    });
    expect(api.getImportTemplate).toHaveBeenCalledWith('recommend');
    const blob = (createObjectURL.mock.calls[0] as unknown as [Blob])[0];
    expect(await blob.text()).toBe(
      `${template.columns.join(',')}\n${template.example.join(',')}\n`,
    );
  });
});
