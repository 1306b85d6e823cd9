// The admin page: the permission gate, run now followed to the end, run history, delete, and the coverage matrix.
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { usePermission } from '@backstage/plugin-permission-react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { CustomerKpisApi, customerKpisApiRef } from '../../api';
import { AdminPageContent } from './AdminPageContent';
import { adminApi, apiError, run, source } from './__testUtils__/fixtures';

// usePermission caches answers globally (SWR), so tests that flip the answer control the hook directly.
jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: jest.fn(),
}));
const usePermissionMock = usePermission as jest.MockedFunction<
  typeof usePermission
>;

async function renderPage(api: jest.Mocked<CustomerKpisApi>, path = '/') {
  await act(async () => {
    renderInTestApp(<AdminPageContent pollIntervalMs={5} />, {
      apis: [[customerKpisApiRef, api]],
      initialRouteEntries: [path],
      // coverage links each entity to its page
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
  });
}

describe('AdminPageContent', () => {
  beforeEach(() =>
    usePermissionMock.mockReturnValue({ loading: false, allowed: true }),
  );

  it('asks for customer-kpis.source.manage and shows "no permission" without it, calling nothing', async () => {
    usePermissionMock.mockReturnValue({ loading: false, allowed: false });
    const api = adminApi();
    await renderPage(api);
    expect(usePermissionMock).toHaveBeenCalledWith({
      permission: expect.objectContaining({
        name: 'customer-kpis.source.manage',
      }),
    });
    expect(screen.getByTestId('admin-no-permission')).toHaveTextContent(
      'No permission to manage data sources',
    );
    expect(api.listSources).not.toHaveBeenCalled();
  });

  it('shows "no permission", not an error, when the API answers 403', async () => {
    const forbidden = apiError(
      403,
      'NotAllowedError',
      'Missing permission customer-kpis.source.manage',
    );
    await renderPage(
      adminApi({
        listSources: jest.fn(async () => {
          throw forbidden;
        }),
      }),
    );
    expect(
      await screen.findByTestId('admin-no-permission'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('customer-kpis-error')).not.toBeInTheDocument();
  });

  it('shows other load errors with a retry', async () => {
    await renderPage(
      adminApi({
        listSources: jest.fn(async () => {
          throw new Error('boom');
        }),
      }),
    );
    expect(await screen.findByTestId('customer-kpis-error')).toHaveTextContent(
      'boom',
    );
  });

  it('runs a source now and follows the run until it has succeeded', async () => {
    const api = adminApi({
      listSources: jest
        .fn()
        .mockResolvedValueOnce([source({ lastRun: run({ id: 1 }) })])
        .mockResolvedValue([source({ lastRun: run({ id: 2, inserted: 7 }) })]),
      listRuns: jest
        .fn()
        .mockResolvedValueOnce([run({ id: 1 })])
        .mockResolvedValueOnce([
          run({ id: 2, status: 'running', durationMs: null }),
        ])
        .mockResolvedValue([run({ id: 2, inserted: 7 })]),
    });
    await renderPage(api);
    const row = within(await screen.findByTestId('admin-source-prom'));
    await act(async () => {
      fireEvent.click(row.getByTestId('source-run'));
    });
    expect(api.runSource).toHaveBeenCalledWith('prom');
    await waitFor(() =>
      expect(row.getByTestId('run-status')).toHaveAttribute(
        'data-status',
        'running',
      ),
    );
    await waitFor(() => expect(row.getByText(/7 new/)).toBeInTheDocument());
    expect(row.getByTestId('run-status')).toHaveAttribute(
      'data-status',
      'succeeded',
    );
    expect(api.listRuns).toHaveBeenCalledWith('prom', { limit: 1 });
  });

  it('shows why "Run now" failed', async () => {
    const api = adminApi({
      runSource: jest.fn(async () => {
        throw apiError(404, 'NotFoundError', 'No source prom');
      }),
    });
    await renderPage(api);
    await act(async () => {
      fireEvent.click(await screen.findByTestId('source-run'));
    });
    expect(screen.getByTestId('admin-run-failed')).toHaveTextContent(
      'prom: No source prom',
    );
  });

  it('lists the runs of a source in a dialog', async () => {
    const api = adminApi({
      listRuns: jest.fn(async () => [
        run({
          id: 3,
          status: 'failed',
          error: 'HTTP 503 from http://prometheus:9090',
        }),
        run({ id: 2, trigger: 'schedule' }),
      ]),
    });
    await renderPage(api);
    await act(async () => {
      fireEvent.click(await screen.findByTestId('source-history'));
    });
    const history = await screen.findByTestId('admin-run-history');
    expect(api.listRuns).toHaveBeenCalledWith('prom', { limit: 50 });
    expect(within(history).getByTestId('admin-run-3')).toHaveTextContent(
      'HTTP 503 from http://prometheus:9090',
    );
    expect(within(history).getByTestId('admin-run-2')).toHaveTextContent(
      'scheduled',
    );
  });

  it('labels each run with what started it: a schedule, a user or a webhook delivery', async () => {
    const api = adminApi({
      listRuns: jest.fn(async () => [
        run({ id: 3, trigger: 'webhook' }),
        run({ id: 2, trigger: 'schedule' }),
        run({ id: 1, trigger: 'manual' }),
      ]),
    });
    await renderPage(api);
    await act(async () => {
      fireEvent.click(await screen.findByTestId('source-history'));
    });
    const history = await screen.findByTestId('admin-run-history');
    // The second cell of a run's row is its trigger (the first is its start).
    const trigger = (id: number) =>
      within(within(history).getByTestId(`admin-run-${id}`)).getAllByRole(
        'cell',
      )[1];
    expect(trigger(3)).toHaveTextContent(/^webhook$/);
    expect(trigger(2)).toHaveTextContent(/^scheduled$/);
    expect(trigger(1)).toHaveTextContent(/^manual$/);
  });

  it('deletes a registered source after confirmation and reloads the list', async () => {
    const api = adminApi();
    await renderPage(api);
    await act(async () => {
      fireEvent.click(await screen.findByTestId('source-delete'));
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('admin-delete-confirm'));
    });
    expect(api.deleteSource).toHaveBeenCalledWith('prom');
    expect(api.listSources).toHaveBeenCalledTimes(2);
  });

  it('registers a source through the form and reloads the list', async () => {
    const api = adminApi();
    await renderPage(api);
    await act(async () => {
      fireEvent.click(await screen.findByTestId('admin-register'));
    });
    fireEvent.change(screen.getByTestId('source-field-id'), {
      target: { value: 'prom-2' },
    });
    fireEvent.change(screen.getByTestId('config-field-baseUrl'), {
      target: { value: 'http://localhost:9090' },
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('source-save'));
    });
    expect(api.createSource).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'prom-2', type: 'prometheus' }),
    );
    expect(screen.queryByTestId('source-form')).not.toBeInTheDocument();
    expect(api.listSources).toHaveBeenCalledTimes(2);
  });

  it('shows the coverage matrix with the reason of each gap, and the orphaned data', async () => {
    const api = adminApi();
    await renderPage(api, '/?tab=coverage');
    const profile = within(
      await screen.findByTestId(
        'coverage-row-component:default/customer-profile',
      ),
    );
    expect(api.getCoverage).toHaveBeenCalledWith({ kind: 'component' });
    const adoption = profile.getByTestId('coverage-cell-adoption');
    expect(adoption).toHaveAttribute('data-state', 'missing');
    expect(adoption).toHaveTextContent('missingno annotation');
    expect(profile.getByTestId('coverage-cell-satisfaction')).toHaveAttribute(
      'data-state',
      'stale',
    );
    expect(profile.getByTestId('coverage-cell-recommend')).toHaveAttribute(
      'data-state',
      'data',
    );
    expect(screen.getByTestId('admin-coverage-summary')).toHaveTextContent(
      '12 with data, 1 stale, 1 missing, of 14 KPI values. Data older than 2 days is stale.',
    );
    expect(screen.getByTestId('admin-orphans')).toHaveTextContent(
      'component:default/old-shop',
    );

    fireEvent.click(screen.getByLabelText('Only components with gaps'));
    expect(
      screen.queryByTestId('coverage-row-component:default/checkout'),
    ).not.toBeInTheDocument();
    expect(
      screen.getByTestId('coverage-row-component:default/customer-profile'),
    ).toBeInTheDocument();
  });

  it('switches between sources and coverage with tabs', async () => {
    const api = adminApi();
    await renderPage(api);
    expect(
      await screen.findByTestId('admin-sources-table'),
    ).toBeInTheDocument();
    await act(async () => {
      fireEvent.click(screen.getByTestId('admin-tab-coverage'));
    });
    expect(await screen.findByTestId('admin-coverage')).toBeInTheDocument();
  });
});
