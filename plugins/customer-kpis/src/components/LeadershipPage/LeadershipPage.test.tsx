// The leadership page against a fake overview API: state read from and written to the URL, grouping, rollup method,
// sorting, drill-down and the focus after it, entity links, heat map, legend and changes (or why there are none),
// filters with suggestions by title, the table's scroll box, the chart, and the CSV export.
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { customerKpisApiRef } from '../../api';
import { LeadershipPage } from './LeadershipPage';
import { ACTIVE_USERS_WARNING, fakeOverviewApi } from './overviewFixtures';

/** Shows the current query string, so that tests can read what the page wrote to the URL. */
function LocationProbe() {
  const { search } = useLocation();
  return <div data-testid="location">{search}</div>;
}

function currentParams(): URLSearchParams {
  return new URLSearchParams(screen.getByTestId('location').textContent ?? '');
}

async function renderPage(search = '') {
  const api = fakeOverviewApi();
  await act(async () => {
    renderInTestApp(
      <>
        <LeadershipPage />
        <LocationProbe />
      </>,
      {
        apis: [[customerKpisApiRef, api]],
        initialRouteEntries: [`/customer-kpis${search}`],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
  });
  await screen.findByTestId('overview-table');
  return api;
}

function rowTitles(): string[] {
  return screen
    .getAllByTestId('overview-entity-link')
    .map(link => link.textContent ?? '');
}

function rowOf(title: string): HTMLElement {
  return screen.getByText(title, { selector: 'a' }).closest('tr')!;
}

describe('LeadershipPage', () => {
  it('asks for components over 90 days sorted by title by default, and shows the compared periods', async () => {
    const api = await renderPage();
    expect(api.getOverview).toHaveBeenLastCalledWith({
      groupBy: 'component',
      window: '90d',
      sort: 'title',
      order: 'asc',
      page: 1,
      pageSize: 50,
    });
    expect(rowTitles()).toEqual([
      'Checkout Service',
      'Payment Gateway',
      'Search API',
    ]);
    expect(screen.getByTestId('overview-period')).toHaveTextContent(
      'Apr 2, 2025 – Jun 30, 2025, compared with Jan 2, 2025 – Apr 1, 2025',
    );
  });

  it('reads grouping, window, filters, sort, order and page from the URL', async () => {
    const api = await renderPage(
      '?groupBy=system&window=12m&kind=component&owner=team-payments&system=payments&domain=default/commerce' +
        '&lifecycle=production&tag=web&q=pay&sort=recommend&order=desc&page=2&pageSize=25&rollup=mean',
    );
    expect(api.getOverview).toHaveBeenNthCalledWith(1, {
      groupBy: 'system',
      window: '12m',
      kind: 'component',
      owner: 'group:default/team-payments',
      system: 'system:default/payments',
      domain: 'domain:default/commerce',
      lifecycle: 'production',
      tag: 'web',
      q: 'pay',
      sort: 'recommend',
      order: 'desc',
      page: 2,
      pageSize: 25,
    });
    // Page 2 of 25 rows is past the end of the fake's one matching system: the page shows the last one instead.
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({ page: 1, pageSize: 25 }),
      ),
    );
    expect(currentParams().has('page')).toBe(false);
    // The owner filter shows the title of the ref in the URL, once the suggestions have it.
    await waitFor(() =>
      expect(screen.getByTestId('overview-filter-owner')).toHaveValue(
        'Payments Team',
      ),
    );
    expect(screen.getByTestId('overview-filter-q')).toHaveValue('pay');
    expect(screen.getByTestId('overview-window-12m')).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(screen.getByTestId('overview-rollup-mean')).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('ignores invalid URL values and falls back to the defaults', async () => {
    const api = await renderPage(
      '?groupBy=team&window=45d&sort=price&order=up&page=-3&pageSize=9000',
    );
    expect(api.getOverview).toHaveBeenLastCalledWith({
      groupBy: 'component',
      window: '90d',
      sort: 'title',
      order: 'asc',
      page: 1,
      pageSize: 50,
    });
  });

  it('groups by system: writes the URL, shows entity counts and the rollup warnings', async () => {
    const api = await renderPage('?sort=recommend&order=desc&page=2');
    fireEvent.click(screen.getByTestId('overview-group-by-system'));
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({ groupBy: 'system', page: 1 }),
      ),
    );
    await waitFor(() => expect(rowTitles()).toEqual(['Search', 'Payments']));
    expect(currentParams().get('groupBy')).toBe('system');
    expect(currentParams().get('sort')).toBe('recommend');
    expect(currentParams().has('page')).toBe(false);
    expect(
      within(rowOf('Payments')).getByTestId('overview-entity-count'),
    ).toHaveTextContent('2');
    expect(screen.getByTestId('overview-warning')).toHaveTextContent(
      ACTIVE_USERS_WARNING,
    );
    expect(screen.getByTestId('overview-rollup-method')).toHaveTextContent(
      /^Pooled:/,
    );
  });

  it('shows the pooled value of a group, or the unweighted mean of its entities', async () => {
    await renderPage('?groupBy=system');
    const adoption = () =>
      within(rowOf('Payments')).getByTestId('overview-value-adoption');
    const nps = () =>
      within(rowOf('Payments')).getByTestId('overview-value-recommend');
    expect(adoption()).toHaveTextContent('40 %');
    expect(nps()).toHaveTextContent('+20');

    fireEvent.click(screen.getByTestId('overview-rollup-mean'));
    await waitFor(() => expect(adoption()).toHaveTextContent('55 %'));
    expect(nps()).toHaveTextContent('+20'); // 19.5 rounds to +20 as NPS points
    expect(currentParams().get('rollup')).toBe('mean');
    expect(screen.getByTestId('overview-rollup-method')).toHaveTextContent(
      /^Unweighted mean:/,
    );
  });

  it('offers no rollup choice for components, where pooled and mean are the same', async () => {
    await renderPage();
    expect(screen.getByTestId('overview-rollup-pooled')).toBeDisabled();
    expect(screen.queryByTestId('overview-rollup-notes')).toBeNull();
  });

  it('names each sort header by its KPI and describes it by its formula', async () => {
    await renderPage();
    const nps = within(
      screen.getByTestId('overview-header-recommend'),
    ).getByRole('button');
    expect(nps).toHaveAccessibleName('NPS');
    expect(nps).toHaveAccessibleDescription(
      '% promoters (9–10) − % detractors (0–6) (higher is better)',
    );
    expect(
      within(screen.getByTestId('overview-header-cci')).getByRole('button'),
    ).toHaveAccessibleName('Customer-Centricity Index');
    // Every header button's name is its title: none is a formula.
    const names = within(screen.getByRole('table'))
      .getAllByRole('button')
      .filter(b => b.closest('thead'))
      .map(b => b.getAttribute('aria-label') ?? b.textContent);
    expect(names).toEqual([
      'Name',
      'Adoption',
      'Time to value',
      'Time to resolve',
      'Customer effort (CES)',
      'Satisfaction (CSAT)',
      'Retention',
      'NPS',
      'Customer-Centricity Index',
    ]);
  });

  it('scrolls the table in its own box, with the header and the name column held in place', async () => {
    await renderPage('?groupBy=system');
    const box = screen.getByTestId('overview-table-scroll');
    expect(box).toHaveStyle({ overflow: 'auto' });
    expect(getComputedStyle(box).maxHeight).toMatch(/100vh/);
    expect(screen.getByRole('table').className).toMatch(
      /MuiTable-stickyHeader/,
    );
    expect(screen.getByTestId('overview-header-title')).toHaveStyle({
      position: 'sticky',
      left: '0px',
    });
    const name = within(rowOf('Payments')).getAllByRole('cell')[0];
    expect(name).toHaveStyle({ position: 'sticky', left: '0px' });
    // Headers break between words, never inside one ("Entities" on one line).
    expect(screen.getByTestId('overview-header-entities')).toHaveStyle({
      'word-break': 'normal',
      'overflow-wrap': 'normal',
    });
  });

  it('explains the colours and greyed cells in a legend, with the minimum sample', async () => {
    await renderPage();
    const legend = screen.getByRole('list', { name: 'Legend' });
    expect(legend).toHaveTextContent('On target');
    expect(legend).toHaveTextContent('Warning');
    expect(legend).toHaveTextContent('Critical');
    expect(
      within(legend).getByTestId('overview-legend-greyed'),
    ).toHaveTextContent(
      'Grey: fewer than 30 answers in the window, or none: no status and no verdict on the change',
    );
  });

  it('greys a value below the minimum sample and says why its change has no verdict', async () => {
    await renderPage();
    const gateway = rowOf('Payment Gateway');
    expect(
      within(gateway).getByTestId('overview-cell-satisfaction'),
    ).toHaveAttribute('data-status', 'insufficient-data');
    expect(
      within(gateway).getByTestId('overview-value-satisfaction'),
    ).toHaveAccessibleDescription(
      'Insufficient data · n = 12 · fewer than 30 answers: no status',
    );
    const delta = within(gateway).getByTestId('overview-delta-satisfaction');
    expect(delta).toHaveAttribute('data-reason', 'small-sample');
    expect(delta).toHaveAttribute(
      'title',
      expect.stringMatching(
        /^Too few answers to judge the change \(fewer than 30 in a period\): \+4/,
      ),
    );
  });

  it('says why there are no changes where the window before has no data (12 months over a shorter history)', async () => {
    await renderPage('?window=12m');
    expect(screen.getByTestId('overview-no-comparison')).toHaveTextContent(
      'No changes: there is no data from Jan 2, 2025 to Apr 1, 2025 to compare with.',
    );
    const checkout = rowOf('Checkout Service');
    const nps = within(checkout).getByTestId('overview-delta-recommend');
    expect(nps).toHaveAttribute('data-reason', 'no-previous-data');
    expect(nps).toHaveTextContent(
      '—No data in the previous period to compare with',
    );
    expect(nps.querySelector('svg')).toBeNull();
    // A KPI without data says "no data" once, without a change mark.
    expect(
      within(checkout).queryByTestId('overview-delta-adoption'),
    ).toBeNull();
    expect(
      within(checkout).getByTestId('overview-delta-cci'),
    ).toHaveTextContent('No index in the previous period to compare with');
  });

  it('shows no such note when changes exist', async () => {
    await renderPage();
    expect(screen.queryByTestId('overview-no-comparison')).toBeNull();
  });

  it('sorts a KPI best first on the first click and flips on the second', async () => {
    const api = await renderPage();
    const npsHeader = within(
      screen.getByTestId('overview-header-recommend'),
    ).getByRole('button');
    fireEvent.click(npsHeader);
    await waitFor(() =>
      expect(rowTitles()).toEqual([
        'Checkout Service',
        'Search API',
        'Payment Gateway',
      ]),
    );
    expect(api.getOverview).toHaveBeenLastCalledWith(
      expect.objectContaining({ sort: 'recommend', order: 'desc' }),
    );
    expect(currentParams().toString()).toBe('sort=recommend&order=desc');

    fireEvent.click(npsHeader);
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({ sort: 'recommend', order: 'asc' }),
      ),
    );
    expect(currentParams().toString()).toBe('sort=recommend');

    // A lower-is-better KPI starts with the shortest time.
    fireEvent.click(
      within(screen.getByTestId('overview-header-time-to-resolve')).getByRole(
        'button',
      ),
    );
    await waitFor(() =>
      expect(rowTitles()).toEqual([
        'Search API',
        'Payment Gateway',
        'Checkout Service',
      ]),
    );
    expect(currentParams().get('order')).toBeNull();
  });

  it('colours each KPI by its target status and marks only significant changes with an arrow', async () => {
    await renderPage();
    const checkout = rowOf('Checkout Service');
    expect(
      within(checkout).getByTestId('overview-cell-recommend'),
    ).toHaveAttribute('data-status', 'good');
    expect(
      within(checkout).getByTestId('overview-cell-time-to-resolve'),
    ).toHaveAttribute('data-status', 'warning');
    expect(
      within(checkout).getByTestId('overview-cell-satisfaction'),
    ).toHaveAttribute('data-status', 'critical');
    expect(
      within(checkout).getByTestId('overview-cell-adoption'),
    ).toHaveAttribute('data-status', 'insufficient-data');
    expect(
      within(checkout).getByTestId('overview-value-adoption'),
    ).toHaveTextContent('no data');

    const better = within(checkout).getByTestId('overview-delta-recommend');
    expect(better).toHaveAttribute('data-significant', 'true');
    expect(better).toHaveTextContent('+9');
    expect(better.querySelector('svg')).not.toBeNull();
    // Read out as a sentence (the figure alone is hidden from screen readers); the same sentence as its tooltip.
    expect(better).toHaveTextContent(
      /^\+9Significantly better than the previous period: \+9$/,
    );
    expect(better).toHaveAttribute(
      'title',
      'Significantly better than the previous period: +9',
    );
    expect(better.querySelector('span[aria-hidden="true"]')).toHaveTextContent(
      /^\+9$/,
    );

    const muted = within(rowOf('Search API')).getByTestId(
      'overview-delta-recommend',
    );
    expect(muted).toHaveAttribute('data-significant', 'false');
    expect(muted).toHaveTextContent('+2');
    expect(muted.querySelector('svg')).toBeNull();

    expect(
      within(rowOf('Payment Gateway')).getByTestId('overview-delta-cci'),
    ).toHaveTextContent('−2');
    expect(
      within(checkout).getByTestId('overview-value-cci'),
    ).toHaveTextContent('82');
  });

  it('links every row to its entity page', async () => {
    await renderPage('?groupBy=system');
    expect(
      within(rowOf('Payments')).getByTestId('overview-entity-link'),
    ).toHaveAttribute('href', '/catalog/default/system/payments');
  });

  it('drills from a system into its components, keeping the filter in the URL, and back', async () => {
    const api = await renderPage('?groupBy=system&sort=recommend&order=desc');
    fireEvent.click(
      within(rowOf('Payments')).getByTestId('overview-drill-down'),
    );
    await waitFor(() =>
      expect(rowTitles()).toEqual(['Checkout Service', 'Payment Gateway']),
    );
    expect(api.getOverview).toHaveBeenLastCalledWith(
      expect.objectContaining({
        groupBy: 'component',
        system: 'system:default/payments',
        sort: 'recommend',
        order: 'desc',
      }),
    );
    expect(currentParams().toString()).toBe(
      'system=payments&sort=recommend&order=desc',
    );
    // The heading names the system by its title, and has the focus: keyboard users land on what they opened.
    const heading = screen.getByRole('heading', { level: 2 });
    expect(heading).toHaveTextContent(/^Components of Payments$/);
    expect(heading).toHaveFocus();
    expect(screen.getByRole('table')).toHaveAccessibleName(
      'Components of Payments',
    );

    fireEvent.click(screen.getByTestId('overview-drill-up'));
    await waitFor(() => expect(rowTitles()).toEqual(['Search', 'Payments']));
    expect(currentParams().toString()).toBe(
      'groupBy=system&sort=recommend&order=desc',
    );
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(
      /^Systems$/,
    );
    expect(screen.getByRole('heading', { level: 2 })).toHaveFocus();
  });

  it('names a drilled-down system by its title even before the suggestions arrive', async () => {
    const api = fakeOverviewApi();
    api.getOverviewFacets.mockReturnValue(new Promise(() => {}));
    await act(async () => {
      renderInTestApp(<LeadershipPage />, {
        apis: [[customerKpisApiRef, api]],
        initialRouteEntries: ['/customer-kpis?system=payments'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      });
    });
    await screen.findByTestId('overview-table');
    // From the rows' system titles; the page was opened, not drilled into, so the focus stays where it was.
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(
      /^Components of Payments$/,
    );
    expect(screen.getByRole('heading', { level: 2 })).not.toHaveFocus();
  });

  it('does not move the focus when the grouping changes from its toggle', async () => {
    await renderPage();
    const toggle = screen.getByTestId('overview-group-by-system');
    toggle.focus();
    fireEvent.click(toggle);
    await waitFor(() => expect(rowTitles()).toEqual(['Payments', 'Search']));
    expect(toggle).toHaveFocus();
  });

  it('suggests owners by title with their counts, finds them by ref too, and filters by the chosen ref', async () => {
    const api = await renderPage();
    expect(api.getOverviewFacets).toHaveBeenLastCalledWith({});
    const owner = screen.getByTestId('overview-filter-owner');
    const shown = () =>
      screen
        .getAllByTestId('overview-filter-owner-option')
        .map(o => o.textContent);
    act(() => owner.focus());
    fireEvent.change(owner, { target: { value: 'team-pay' } });
    await waitFor(() =>
      expect(shown()).toEqual(['Payments Teamgroup:default/team-payments2']),
    );
    fireEvent.change(owner, { target: { value: 'payments t' } });
    await waitFor(() =>
      expect(shown()).toEqual(['Payments Teamgroup:default/team-payments2']),
    );
    fireEvent.click(screen.getByRole('option', { name: /Payments Team/ }));
    await waitFor(() =>
      expect(rowTitles()).toEqual(['Checkout Service', 'Payment Gateway']),
    );
    expect(api.getOverview).toHaveBeenLastCalledWith(
      expect.objectContaining({
        owner: 'group:default/team-payments',
        page: 1,
      }),
    );
    expect(currentParams().get('owner')).toBe('team-payments');
    expect(owner).toHaveValue('Payments Team');
  });

  it('asks for the suggestions of the chosen kind', async () => {
    const api = await renderPage('?kind=system');
    expect(api.getOverviewFacets).toHaveBeenLastCalledWith({ kind: 'system' });
  });

  it('shows the system and owner of a component by title', async () => {
    await renderPage();
    expect(rowOf('Checkout Service')).toHaveTextContent(
      'Payments · Payments Team',
    );
  });

  it('applies a text filter after a pause in typing', async () => {
    const api = await renderPage();
    fireEvent.change(screen.getByTestId('overview-filter-q'), {
      target: { value: 'gate' },
    });
    await waitFor(() => expect(rowTitles()).toEqual(['Payment Gateway']));
    expect(api.getOverview).toHaveBeenLastCalledWith(
      expect.objectContaining({ q: 'gate', page: 1 }),
    );
    expect(currentParams().get('q')).toBe('gate');
  });

  it('asks for the next page with the same query', async () => {
    const api = await renderPage('?pageSize=25&sort=cci&order=desc');
    expect(screen.getByTestId('overview-pagination')).toHaveTextContent(
      '1–3 of 3',
    );
    expect(api.getOverview).toHaveBeenLastCalledWith(
      expect.objectContaining({ page: 1, pageSize: 25, sort: 'cci' }),
    );
  });

  it('exports exactly the shown query as CSV and offers the text for download', async () => {
    const blobs: Blob[] = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:overview';
    });
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const downloads: { href: string; download: string }[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordDownload(this: HTMLAnchorElement) {
        downloads.push({ href: this.href, download: this.download });
      });
    try {
      const api = await renderPage(
        '?groupBy=system&sort=recommend&order=desc&window=30d',
      );
      fireEvent.click(screen.getByTestId('overview-export-csv'));
      await waitFor(() => expect(downloads).toHaveLength(1));

      const shown = api.getOverview.mock.calls.at(-1)![0];
      expect(api.getOverviewCsv).toHaveBeenCalledWith(shown);
      expect(shown).toEqual({
        groupBy: 'system',
        window: '30d',
        sort: 'recommend',
        order: 'desc',
        page: 1,
        pageSize: 50,
      });
      expect(downloads[0]).toEqual({
        href: 'blob:overview',
        download: 'customer-kpis-system-30d.csv',
      });
      expect(blobs[0].type).toBe('text/csv;charset=utf-8');
      expect(await blobs[0].text()).toBe(
        'ref,title\nsystem:default/search,Search\nsystem:default/payments,Payments\n',
      );
    } finally {
      click.mockRestore();
    }
  });

  it('says so when the export fails', async () => {
    const api = await renderPage();
    api.getOverviewCsv.mockRejectedValueOnce(new Error('Service Unavailable'));
    fireEvent.click(screen.getByTestId('overview-export-csv'));
    expect(
      await screen.findByTestId('overview-export-error'),
    ).toHaveTextContent('Could not export the CSV: Service Unavailable');
  });

  it('ranks the rows by the index, or plots two KPIs against each other', async () => {
    await renderPage();
    expect(screen.getByTestId('overview-chart-ranking')).toHaveTextContent(
      'The 3 rows of this page with the highest Customer-Centricity Index',
    );
    fireEvent.click(screen.getByTestId('overview-chart-kind-scatter'));
    expect(
      await screen.findByTestId('overview-chart-scatter'),
    ).toHaveTextContent('3 rows of this page have both values');
    expect(currentParams().get('chart')).toBe('scatter');
  });

  it('shows the error of a failed load with a retry', async () => {
    const api = fakeOverviewApi();
    api.getOverview.mockRejectedValue(new Error('Internal Server Error'));
    await act(async () => {
      renderInTestApp(<LeadershipPage />, {
        apis: [[customerKpisApiRef, api]],
        initialRouteEntries: ['/customer-kpis'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      });
    });
    expect(await screen.findByTestId('customer-kpis-error')).toHaveTextContent(
      'Internal Server Error',
    );
  });
});
