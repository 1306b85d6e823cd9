// The admin form labels each config field with its schema's title: every source type this portal installs says one
// for every field, checked in the answer of GET /sources/types, with the modules that index.ts adds.
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import customerKpisPlugin from '@customer-kpis/backstage-plugin-customer-kpis-backend';
import demoModule from '@customer-kpis/backstage-plugin-customer-kpis-backend-module-demo';
import zendeskModule from '@customer-kpis/backstage-plugin-customer-kpis-backend-module-zendesk';
import prometheusModule from '@customer-kpis/backstage-plugin-customer-kpis-backend-module-prometheus';
import servicenowModule from '@customer-kpis/backstage-plugin-customer-kpis-backend-module-servicenow';
import jiraServiceManagementModule from '@customer-kpis/backstage-plugin-customer-kpis-backend-module-jira-service-management';
import typeformModule from '@customer-kpis/backstage-plugin-customer-kpis-backend-module-typeform';
import surveymonkeyModule from '@customer-kpis/backstage-plugin-customer-kpis-backend-module-surveymonkey';
import qualtricsModule from '@customer-kpis/backstage-plugin-customer-kpis-backend-module-qualtrics';
import sqlModule from '@customer-kpis/backstage-plugin-customer-kpis-backend-module-sql';
import posthogModule from '@customer-kpis/backstage-plugin-customer-kpis-backend-module-posthog';
import amplitudeModule from '@customer-kpis/backstage-plugin-customer-kpis-backend-module-amplitude';

/** The modules of index.ts, by the source type each adds. */
const MODULES = {
  demo: demoModule,
  zendesk: zendeskModule,
  prometheus: prometheusModule,
  servicenow: servicenowModule,
  'jira-service-management': jiraServiceManagementModule,
  typeform: typeformModule,
  surveymonkey: surveymonkeyModule,
  qualtrics: qualtricsModule,
  sql: sqlModule,
  posthog: posthogModule,
  amplitude: amplitudeModule,
};

type JsonSchema = Record<string, any>;

/** The paths of the properties without a title, through nested objects, list items and union branches. */
function untitledFields(schema: JsonSchema, path = ''): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const properties = Object.entries<JsonSchema>(schema.properties ?? {});
  return [
    ...properties.flatMap(([name, property]) => [
      ...(typeof property.title === 'string' && property.title.trim()
        ? []
        : [`${path}${name}`]),
      ...untitledFields(property, `${path}${name}.`),
    ]),
    ...[...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].flatMap(branch =>
      untitledFields(branch, path),
    ),
    ...untitledFields(schema.items, `${path}[].`),
  ];
}

describe('the source types of the demo portal', () => {
  it('are checked through nested objects, list items and union variants', () => {
    const titled = (schema: JsonSchema) => ({ title: 'Titled', ...schema });
    expect(
      untitledFields({
        properties: {
          plain: { type: 'string' },
          group: titled({ properties: { inner: { type: 'string' } } }),
          list: titled({
            type: 'array',
            items: { properties: { item: { type: 'string' } } },
          }),
          auth: titled({
            oneOf: [{ properties: { user: titled({}), secret: {} } }],
          }),
        },
      }),
    ).toEqual(['plain', 'group.inner', 'list.[].item', 'auth.secret']);
  });

  it('give every config field a title for the admin form', async () => {
    const backend = await startTestBackend({
      features: [
        customerKpisPlugin,
        ...Object.values(MODULES),
        catalogServiceMock.factory(),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });
    try {
      const response = await request(backend.server).get(
        '/api/customer-kpis/sources/types',
      );
      expect(response.status).toBe(200);
      const types: Array<{ id: string; configSchema: JsonSchema }> =
        response.body.items;
      expect(types.map(t => t.id).sort()).toEqual(Object.keys(MODULES).sort());
      const untitled = Object.fromEntries(
        types.map(t => [t.id, untitledFields(t.configSchema)]),
      );
      expect(untitled).toEqual(
        Object.fromEntries(Object.keys(MODULES).map(id => [id, []])),
      );
    } finally {
      await backend.stop();
    }
  });
});
