// The setup hint: every binding annotation of the built-in sources, once, on the line of its source's title.
import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  CUSTOMER_KPIS_BINDING_ANNOTATIONS,
  CUSTOMER_KPIS_BINDING_GROUPS,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { SetupHint } from './StateMessages';

async function renderHint() {
  renderInTestApp(<SetupHint />);
  return screen.findByTestId('customer-kpis-setup-annotations');
}

/** The hint's lines, as text, by source type. */
function linesOf(list: HTMLElement): Record<string, string> {
  return Object.fromEntries(
    within(list)
      .getAllByRole('listitem')
      .map(item => [item.dataset.sourceType, item.textContent]),
  );
}

describe('SetupHint', () => {
  it('lists the main annotation of every built-in source type, Zendesk with its brand annotation', () => {
    expect(CUSTOMER_KPIS_BINDING_ANNOTATIONS).toEqual([
      'customer-kpis.io/demo',
      'zendesk.com/group-id',
      'zendesk.com/brand-id',
      'servicenow.com/business_service',
      'jira/project-key',
      'typeform.com/form-id',
      'surveymonkey.com/survey-id',
      'qualtrics.com/survey-id',
      'prometheus.io/active-users-selector',
      'posthog.com/product',
      'amplitude.com/segment-value',
      'customer-kpis.io/sql-key',
    ]);
  });

  it('shows each annotation once, as code, on the line of its source', async () => {
    const list = await renderHint();
    expect(
      within(list)
        .getAllByRole('listitem')
        .flatMap(item =>
          [...item.querySelectorAll('code')].map(code => code.textContent),
        ),
    ).toEqual(CUSTOMER_KPIS_BINDING_ANNOTATIONS);
  });

  it('names each source by its title, with its annotations after it', async () => {
    const lines = linesOf(await renderHint());
    expect(Object.keys(lines)).toEqual(
      CUSTOMER_KPIS_BINDING_GROUPS.map(group => group.sourceType),
    );
    expect(lines).toEqual({
      demo: 'Demo data: customer-kpis.io/demo',
      zendesk: 'Zendesk: zendesk.com/group-id, zendesk.com/brand-id',
      servicenow: 'ServiceNow: servicenow.com/business_service',
      'jira-service-management': 'Jira Service Management: jira/project-key',
      typeform: 'Typeform: typeform.com/form-id',
      surveymonkey: 'SurveyMonkey: surveymonkey.com/survey-id',
      qualtrics: 'Qualtrics: qualtrics.com/survey-id',
      prometheus: 'Prometheus: prometheus.io/active-users-selector',
      posthog: 'PostHog: posthog.com/product',
      amplitude: 'Amplitude: amplitude.com/segment-value',
      sql: 'SQL warehouse: customer-kpis.io/sql-key',
    });
  });
});
