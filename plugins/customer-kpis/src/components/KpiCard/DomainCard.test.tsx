// The KPI card on a domain (or system) page: the pooled value of its components on each tile, and beside it their
// unweighted mean, each component counting once, as the leadership page's rollup shows it.
import { act, screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { CustomerKpisApi, customerKpisApiRef } from '../../api';
import { entityKpisResponse } from '../../__testUtils__/fixtures';
import { EntityCustomerKpisCard } from './EntityCustomerKpisCard';

const commerce: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Domain',
  metadata: { name: 'commerce', namespace: 'default', title: 'Commerce' },
  spec: { owner: 'group:default/digital-products' },
};

/** The domain pooled over 12 components; the means of those with data differ from the pooled figures. */
const domainAnswer = entityKpisResponse(
  { entityRef: 'domain:default/commerce', members: 12 },
  {
    recommend: { memberMean: { value: 38.25, members: 11 } },
    satisfaction: { memberMean: { value: 71.43, members: 12 } },
    'time-to-resolve': { memberMean: { value: 300, members: 1 } },
    'customer-effort': { memberMean: { value: 4.9, members: 9 } },
    // No component has a value of its own: nothing to show beside the pooled one.
    retention: { memberMean: { value: null, members: 0 } },
  },
);

async function renderCard(answer = domainAnswer) {
  const api = {
    getEntityKpis: jest.fn(async () => answer),
  } as Partial<CustomerKpisApi> as CustomerKpisApi;
  await act(async () => {
    renderInTestApp(
      <EntityProvider entity={commerce}>
        <EntityCustomerKpisCard />
      </EntityProvider>,
      { apis: [[customerKpisApiRef, api]] },
    );
  });
  await screen.findByTestId('customer-kpis-tiles');
  return api;
}

describe('the KPI card on a domain page', () => {
  it('asks for the domain, whose answer pools its components', async () => {
    const api = await renderCard();
    expect(api.getEntityKpis).toHaveBeenCalledWith(
      { kind: 'Domain', namespace: 'default', name: 'commerce' },
      { window: '90d' },
    );
    expect(screen.getByTestId('customer-kpis-members')).toHaveTextContent(
      'Pooled over 12 components',
    );
  });

  it("shows the components' unweighted mean under each pooled value, formatted as the value", async () => {
    await renderCard();
    expect(screen.getByTestId('kpi-value-recommend')).toHaveTextContent('+51');
    expect(screen.getByTestId('kpi-member-mean-recommend')).toHaveTextContent(
      'Unweighted mean +38',
    );
    expect(
      screen.getByTestId('kpi-member-mean-satisfaction'),
    ).toHaveTextContent('Unweighted mean 71.4 %');
    expect(
      screen.getByTestId('kpi-member-mean-time-to-resolve'),
    ).toHaveTextContent('Unweighted mean 5 h');
    expect(
      screen.getByTestId('kpi-member-mean-customer-effort'),
    ).toHaveTextContent('Unweighted mean 4.9 / 7');
  });

  it('says how many components the mean counts, in the plural form of the count', async () => {
    await renderCard();
    expect(screen.getByTestId('kpi-member-mean-recommend')).toHaveAttribute(
      'title',
      expect.stringMatching(
        /^The mean of the values of 11 components with data, each counting once/,
      ),
    );
    expect(
      screen.getByTestId('kpi-member-mean-time-to-resolve'),
    ).toHaveAttribute(
      'title',
      expect.stringMatching(/^The mean of the values of 1 component with data/),
    );
  });

  it('shows no mean where no component has a value, nor on a component', async () => {
    await renderCard();
    expect(
      screen.queryByTestId('kpi-member-mean-retention'),
    ).not.toBeInTheDocument();
    // The fixture's adoption carries no mean at all, as a component's KPIs.
    expect(
      screen.queryByTestId('kpi-member-mean-adoption'),
    ).not.toBeInTheDocument();
  });
});
