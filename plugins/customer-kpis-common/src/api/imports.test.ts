import { KPI_IDS } from '../kpis/ids';
import { safeParseObservation } from '../observations/parse';
import { csvTemplateOf, importFieldsOf, importQuerySchema } from './imports';

describe('CSV import templates', () => {
  it.each(KPI_IDS)(
    'the %s template has every field of its schema but kpi, and an example row the schema accepts',
    kpi => {
      const template = csvTemplateOf(kpi);
      expect(template.columns).toEqual(importFieldsOf(kpi).map(f => f.name));
      expect(template.columns).not.toContain('kpi');
      expect(template.columns.slice(0, 2)).toEqual(['id', 'entityRef']);
      const row: Record<string, unknown> = { kpi };
      importFieldsOf(kpi).forEach((field, i) => {
        const text = template.example[i];
        if (text === '') return;
        if (field.kind === 'number') row[field.name] = Number(text);
        else if (field.kind === 'boolean') row[field.name] = text === 'true';
        else row[field.name] = text;
      });
      expect(safeParseObservation(row)).toMatchObject({ success: true });
    },
  );

  it('reads the kind of each field from the schema', () => {
    expect(importFieldsOf('customer-effort')).toEqual([
      { name: 'id', required: true, kind: 'text' },
      { name: 'entityRef', required: true, kind: 'text' },
      { name: 'timestamp', required: true, kind: 'text' },
      { name: 'score', required: true, kind: 'number' },
      { name: 'scale', required: true, kind: 'number' },
      { name: 'inverted', required: false, kind: 'boolean' },
    ]);
    expect(csvTemplateOf('adoption').example.slice(2)).toEqual([
      '2025-03-03T09:00:00.000Z',
      '2025-03-01',
      '25',
      '90',
      '100',
      '500',
    ]);
  });
});

describe('the import query', () => {
  it('reads the mapping as JSON and refuses a field the KPI does not have', () => {
    expect(
      importQuerySchema.parse({
        kpi: 'recommend',
        mapping: '{"NPS":"score","Notes":""}',
        dryRun: 'true',
      }),
    ).toEqual({
      kpi: 'recommend',
      dryRun: true,
      mapping: { NPS: 'score', Notes: '' },
    });
    const bad = importQuerySchema.safeParse({
      kpi: 'recommend',
      mapping: '{"NPS":"scroe"}',
    });
    expect(bad.error?.issues[0].message).toMatch(
      /"NPS" maps to "scroe", which is not a field of recommend observations/,
    );
    expect(
      importQuerySchema.safeParse({ kpi: 'recommend', mapping: '[1]' }).error
        ?.issues[0].message,
    ).toMatch(/must be a JSON object/);
  });
});
