// The sources list: each run state (starting, running, succeeded, failed with its error), origin and read-only rows.
import { act, fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { SourceSummary } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { PendingRun, SourcesTable } from './SourcesTable';
import { run, source } from './__testUtils__/fixtures';

async function renderTable(
  sources: SourceSummary[],
  pending: Record<string, PendingRun> = {},
) {
  const handlers = {
    onRun: jest.fn(),
    onHistory: jest.fn(),
    onEdit: jest.fn(),
    onDelete: jest.fn(),
  };
  await act(async () => {
    renderInTestApp(
      <SourcesTable sources={sources} pending={pending} {...handlers} />,
    );
  });
  return handlers;
}

function row(id: string) {
  return within(screen.getByTestId(`admin-source-${id}`));
}

describe('SourcesTable', () => {
  it('shows a succeeded run with its duration and counts', async () => {
    await renderTable([
      source({
        lastRun: run({ durationMs: 16774, inserted: 100589, entities: 23 }),
      }),
    ]);
    expect(row('prom').getByTestId('run-status')).toHaveAttribute(
      'data-status',
      'succeeded',
    );
    expect(row('prom').getByTestId('run-status')).toHaveTextContent(
      'Succeeded',
    );
    expect(row('prom').getByText(/took 16\.8 s/)).toBeInTheDocument();
    expect(
      row('prom').getByText(
        '23 entities · 100,589 new · 0 replaced · 0 retracted · 0 unchanged',
      ),
    ).toBeInTheDocument();
    expect(row('prom').queryByTestId('run-error')).not.toBeInTheDocument();
  });

  it('shows a failed run with its error and when it last succeeded', async () => {
    await renderTable([
      source({
        lastRun: run({
          id: 2,
          status: 'failed',
          error:
            'Prometheus could not run "x" (HTTP 400): bad_data: parse error',
        }),
        lastSuccess: run(),
      }),
    ]);
    expect(row('prom').getByTestId('run-status')).toHaveAttribute(
      'data-status',
      'failed',
    );
    expect(row('prom').getByTestId('run-status')).toHaveTextContent('Failed');
    expect(row('prom').getByTestId('run-error')).toHaveTextContent(
      'Prometheus could not run "x" (HTTP 400): bad_data: parse error',
    );
    expect(row('prom').getByText(/^last success/)).toBeInTheDocument();
  });

  it('shows a running run without counts, and disables "Run now" meanwhile', async () => {
    await renderTable([
      source({
        lastRun: run({ status: 'running', finishedAt: null, durationMs: null }),
      }),
    ]);
    expect(row('prom').getByTestId('run-status')).toHaveAttribute(
      'data-status',
      'running',
    );
    expect(row('prom').getByTestId('run-status')).toHaveTextContent('Running');
    expect(row('prom').queryByText(/entities ·/)).not.toBeInTheDocument();
    expect(row('prom').getByTestId('source-run')).toBeDisabled();
  });

  it('shows "Starting…" between "Run now" and the start of the run, then the live run', async () => {
    await renderTable(
      [
        source({ id: 'a', lastRun: run() }),
        source({ id: 'b', lastRun: run() }),
      ],
      {
        a: {},
        b: { run: run({ id: 9, status: 'running', durationMs: null }) },
      },
    );
    expect(row('a').getByTestId('run-status')).toHaveAttribute(
      'data-status',
      'queued',
    );
    expect(row('a').getByTestId('run-status')).toHaveTextContent('Starting…');
    expect(row('b').getByTestId('run-status')).toHaveAttribute(
      'data-status',
      'running',
    );
  });

  it('says when a source never ran', async () => {
    await renderTable([source()]);
    expect(row('prom').getByText('never run')).toBeInTheDocument();
  });

  it('keeps config sources read-only and lets registered ones be edited, deleted, run', async () => {
    const handlers = await renderTable([
      source({
        id: 'demo',
        origin: 'config',
        title: undefined,
        schedule: { frequency: { cron: '0 * * * *' } },
      }),
      source(),
    ]);
    expect(row('demo').getByTestId('source-origin')).toHaveTextContent(
      'app-config',
    );
    expect(row('demo').getByText('cron 0 * * * *')).toBeInTheDocument();
    expect(row('demo').getByTestId('source-edit')).toBeDisabled();
    expect(row('demo').getByTestId('source-delete')).toBeDisabled();
    // its config can be viewed (read-only), through the same dialog
    expect(row('demo').getByTestId('source-view')).toHaveAttribute(
      'aria-label',
      'View configuration',
    );
    expect(row('prom').queryByTestId('source-view')).not.toBeInTheDocument();
    expect(row('prom').getByTestId('source-origin')).toHaveTextContent(
      'registered here',
    );
    expect(row('prom').getByText('every 30 min')).toBeInTheDocument();

    fireEvent.click(row('prom').getByTestId('source-edit'));
    fireEvent.click(row('prom').getByTestId('source-delete'));
    fireEvent.click(row('prom').getByTestId('source-run'));
    fireEvent.click(row('demo').getByTestId('source-history'));
    fireEvent.click(row('demo').getByTestId('source-view'));
    expect(handlers.onEdit.mock.calls.map(([s]) => s.id)).toEqual([
      'prom',
      'demo',
    ]);
    expect(handlers.onDelete).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'prom' }),
    );
    expect(handlers.onRun).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'prom' }),
    );
    expect(handlers.onHistory).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'demo' }),
    );
  });

  it('flags a source whose type is not installed and cannot run or be edited', async () => {
    await renderTable([source({ typeAvailable: false })]);
    expect(row('prom').getByText('type not installed')).toBeInTheDocument();
    expect(row('prom').getByTestId('source-run')).toBeDisabled();
    expect(row('prom').getByTestId('source-edit')).toBeDisabled();
  });
});
