// The coverage matrix: each gap says what fills it (the source type to configure, the annotation to add, the failing
// or silent source), names link to the entity pages, systems with the components they pool, and the choice of the
// kind on the admin page (kept in the URL).
import { act, fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  CoverageCell,
  CoverageResponse,
  KPI_IDS,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { customerKpisApiRef } from '../../api';
import { AdminPageContent } from './AdminPageContent';
import { CoverageKind, CoverageMatrix } from './CoverageMatrix';
import { adminApi } from './__testUtils__/fixtures';

jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: jest.fn(),
}));
const usePermissionMock = usePermission as jest.MockedFunction<
  typeof usePermission
>;

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

const data: CoverageCell = {
  state: 'data',
  lastDataAt: new Date().toISOString(),
  sources: ['demo'],
};
const missing = { state: 'missing' as const, lastDataAt: null, sources: [] };

type Row = CoverageResponse['rows'][number];

function row(entityRef: string, overrides: Partial<Row> = {}): Row {
  return {
    entityRef,
    title: entityRef.split('/')[1],
    kind: entityRef.split(':')[0],
    owner: null,
    system: null,
    bindings: [],
    cells: Object.fromEntries(KPI_IDS.map(kpi => [kpi, data])) as Row['cells'],
    ...overrides,
  };
}

function withCells(base: Row, cells: Partial<Row['cells']>): Row {
  return { ...base, cells: { ...base.cells, ...cells } };
}

function answer(rows: Row[]): CoverageResponse {
  return { staleAfterDays: 2, rows, orphans: [] };
}

/** A component with one gap of each reason, each naming what fills it. */
const gaps = withCells(row('component:default/checkout'), {
  recommend: {
    ...missing,
    reason: 'no-source',
    sourceTypes: ['qualtrics', 'typeform'],
  },
  adoption: {
    ...missing,
    reason: 'no-annotation',
    missingAnnotations: ['amplitude.com/segment', 'posthog.com/product'],
  },
  satisfaction: {
    ...missing,
    reason: 'source-failing',
    failingSources: ['zendesk-eu'],
  },
  'time-to-resolve': {
    ...missing,
    reason: 'no-data-yet',
    pendingSources: ['jira-a', 'servicenow'],
  },
  // an older backend names nothing: the reason alone
  retention: { ...missing, reason: 'no-annotation' },
});

async function renderMatrix(
  coverage: CoverageResponse,
  kind?: CoverageKind,
  config?: object,
) {
  await act(async () => {
    renderInTestApp(<CoverageMatrix coverage={coverage} kind={kind} />, {
      mountedRoutes,
      ...(config && { config }),
    });
  });
}

const gapOf = (entityRef: string, kpi: string) =>
  within(
    within(screen.getByTestId(`coverage-row-${entityRef}`)).getByTestId(
      `coverage-cell-${kpi}`,
    ),
  ).getByTestId('coverage-gap');

describe('CoverageMatrix', () => {
  it('names what fills each gap: the source type to configure, the annotation to add, the failing or silent source', async () => {
    await renderMatrix(answer([gaps]));
    const ref = 'component:default/checkout';
    expect(gapOf(ref, 'recommend')).toHaveTextContent(
      'No source: configure qualtrics or typeform',
    );
    expect(gapOf(ref, 'adoption')).toHaveTextContent(
      'Missing annotation: amplitude.com/segment or posthog.com/product',
    );
    expect(gapOf(ref, 'satisfaction')).toHaveTextContent(
      'Last run failed: zendesk-eu',
    );
    expect(gapOf(ref, 'time-to-resolve')).toHaveTextContent(
      'No data yet from jira-a and servicenow',
    );
    expect(gapOf(ref, 'retention')).toHaveTextContent(/^no annotation$/);
    expect(
      within(screen.getByTestId(`coverage-row-${ref}`)).queryAllByTestId(
        'coverage-gap',
      ),
    ).toHaveLength(5);
  });

  it('links each name to the entity’s page', async () => {
    await renderMatrix(
      answer([row('component:default/checkout', { title: 'Checkout' })]),
    );
    const link = screen.getByRole('link', { name: 'Checkout' });
    expect(link).toHaveAttribute('href', '/catalog/default/component/checkout');
    expect(link).toHaveAttribute('data-testid', 'coverage-entity-link');
  });

  it('shows systems with the components each pools, and says how a system counts', async () => {
    await renderMatrix(
      answer([
        row('system:default/shop', { title: 'Shop', members: 2 }),
        withCells(
          row('system:default/search', { title: 'Search', members: 1 }),
          {
            recommend: {
              ...missing,
              reason: 'no-annotation',
              missingAnnotations: ['typeform.com/form-id'],
            },
          },
        ),
      ]),
      'system',
    );
    expect(screen.getByRole('columnheader', { name: 'System' })).toBeVisible();
    expect(
      within(screen.getByTestId('coverage-row-system:default/shop')).getByText(
        /^system:default\/shop · 2 components$/,
      ),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByTestId('coverage-row-system:default/search'),
      ).getByText(/· 1 component$/),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Shop' })).toHaveAttribute(
      'href',
      '/catalog/default/system/shop',
    );
    expect(
      screen.getByText(/^A system has its own data and that of the components/),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByLabelText('Only systems with gaps'));
    expect(
      screen.queryByTestId('coverage-row-system:default/shop'),
    ).not.toBeInTheDocument();
    expect(gapOf('system:default/search', 'recommend')).toHaveTextContent(
      'Missing annotation: typeform.com/form-id',
    );
  });

  it('words the lists and counts in the reader’s language', async () => {
    window.localStorage.clear();
    await renderMatrix(
      answer([
        withCells(row('system:default/shop', { members: 3 }), {
          adoption: gaps.cells.adoption,
        }),
      ]),
      'system',
      {
        app: {
          extensions: [
            {
              'api:app/app-language': {
                config: {
                  availableLanguages: ['en', 'ru'],
                  defaultLanguage: 'ru',
                },
              },
            },
          ],
        },
      },
    );
    expect(
      await screen.findByText(
        'Нет аннотации: amplitude.com/segment или posthog.com/product',
        {},
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/· 3 компонента$/)).toBeInTheDocument();
  }, 20_000);
});

describe('the coverage on the admin page', () => {
  beforeEach(() =>
    usePermissionMock.mockReturnValue({ loading: false, allowed: true }),
  );

  async function renderPage(path: string) {
    const api = adminApi({
      getCoverage: jest.fn(async ({ kind }: { kind: string }) =>
        answer([
          row(`${kind}:default/${kind === 'system' ? 'shop' : 'checkout'}`, {
            ...(kind === 'system' && { members: 2 }),
          }),
        ]),
      ),
    });
    await act(async () => {
      renderInTestApp(<AdminPageContent pollIntervalMs={5} />, {
        apis: [[customerKpisApiRef, api]],
        initialRouteEntries: [path],
        mountedRoutes,
      });
    });
    return api;
  }

  it('shows components, then the systems when chosen', async () => {
    const api = await renderPage('/?tab=coverage');
    expect(
      await screen.findByTestId('coverage-row-component:default/checkout'),
    ).toBeInTheDocument();
    expect(api.getCoverage).toHaveBeenLastCalledWith({ kind: 'component' });
    expect(screen.getByTestId('coverage-kind-component')).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await act(async () => {
      fireEvent.click(screen.getByTestId('coverage-kind-system'));
    });
    expect(
      await screen.findByTestId('coverage-row-system:default/shop'),
    ).toBeInTheDocument();
    expect(api.getCoverage).toHaveBeenLastCalledWith({ kind: 'system' });
    expect(screen.getByTestId('coverage-kind-system')).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(
      screen.getByRole('group', { name: 'Kind of entity' }),
    ).toBeInTheDocument();
  });

  it('opens on the systems from the URL', async () => {
    const api = await renderPage('/?tab=coverage&kind=system');
    expect(
      await screen.findByTestId('coverage-row-system:default/shop'),
    ).toBeInTheDocument();
    expect(api.getCoverage).toHaveBeenCalledTimes(1);
    expect(api.getCoverage).toHaveBeenCalledWith({ kind: 'system' });
  });
});
