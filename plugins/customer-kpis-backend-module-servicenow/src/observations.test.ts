import { surveyObservations } from './observations';
import { serviceNowConfigSchema } from './config';

const metrics = (surveyMetrics: unknown[]) =>
  serviceNowConfigSchema.parse({
    instance: 'acme',
    auth: { type: 'basic', username: 'u', credential: 'c' },
    surveyMetrics,
  }).surveyMetrics;

const answer = (fields: Record<string, string>) => ({
  sys_id: 'r1',
  metric: 'a'.repeat(32),
  'metric.name': 'Q',
  'instance.taken_on': '2026-11-02 14:00:00',
  ...fields,
});
const toPortal = () => ['component:default/portal'];

describe('surveyObservations', () => {
  it('shifts a metric range onto the KPI scale', () => {
    const { observations } = surveyObservations(
      [
        answer({ actual_value: '0' }),
        answer({ sys_id: 'r2', actual_value: '4' }),
      ],
      metrics([{ metric: 'Q', kpi: 'satisfaction', min: 0, max: 4 }]),
      toPortal,
    );
    expect(observations.map(o => 'score' in o && o.score)).toEqual([1, 5]);
  });

  it('reads a choice metric by the text of the answer, and an inverted 5-point CES', () => {
    const { observations, retractions } = surveyObservations(
      [
        answer({ string_value: 'Very easy', actual_value: '0' }),
        answer({ sys_id: 'r2', string_value: 'No idea', actual_value: '0' }),
      ],
      metrics([
        {
          metric: 'Q',
          kpi: 'customer-effort',
          max: 5,
          inverted: true,
          values: { 'Very easy': 1, 'Very hard': 5 },
        },
      ]),
      toPortal,
    );
    expect(observations).toEqual([
      {
        id: 'survey-result/r1/component:default/portal',
        kpi: 'customer-effort',
        entityRef: 'component:default/portal',
        timestamp: '2026-11-02T14:00:00.000Z',
        score: 1,
        scale: 5,
        inverted: true,
      },
    ]);
    expect(retractions).toEqual(['survey-result/r2/component:default/portal']);
  });

  it("matches a metric given by sys_id on the answer's metric, whatever its name", () => {
    const { observations } = surveyObservations(
      [answer({ actual_value: '10', 'metric.name': 'Renamed' })],
      metrics([{ metric: 'A'.repeat(32), kpi: 'recommend', min: 0, max: 10 }]),
      toPortal,
    );
    expect(observations.map(o => o.kpi)).toEqual(['recommend']);
  });
});
