import { journey, observation, ticket } from '../__testUtils__/observations';
import { KPI_IDS } from '../kpis/ids';
import { DURATION_HISTOGRAM_RELATIVE_ERROR } from '../stats/histogram';
import {
  AggregateOf,
  aggregatorFor,
  kpiAggregators,
  mergeAll,
  summariseSerialised,
} from '.';
import { AggregateParseError } from './types';

const round2 = (x: number | null | undefined) =>
  x === null || x === undefined ? x : Math.round(x * 100) / 100;
const within = (estimate: number | null, exact: number) =>
  estimate !== null &&
  Math.abs(estimate - exact) <= DURATION_HISTOGRAM_RELATIVE_ERROR * exact;

/** The aggregate of `count` answers of each `score` of a survey KPI. */
function answers<K extends 'recommend' | 'satisfaction'>(
  kpi: K,
  spec: Array<[score: number, count: number]>,
): AggregateOf<K> {
  const aggregator = aggregatorFor(kpi);
  let aggregate = aggregator.empty();
  for (const [score, count] of spec) {
    for (let i = 0; i < count; i++) {
      aggregate = aggregator.add(aggregate, observation(kpi, { score }));
    }
  }
  return aggregate as AggregateOf<K>;
}

describe('satisfaction', () => {
  it('summarises the public vector 10×5, 20×4, 10×3, 5×2, 5×1: CSAT 60.0%, Wilson 46.18–72.39, mean 3.5', () => {
    const summary = kpiAggregators.satisfaction.summarise(
      answers('satisfaction', [
        [5, 10],
        [4, 20],
        [3, 10],
        [2, 5],
        [1, 5],
      ]),
    );
    expect(summary.value).toBe(60);
    expect(summary.n).toBe(50);
    expect(round2(summary.interval!.low)).toBe(46.18);
    expect(round2(summary.interval!.high)).toBe(72.39);
    expect(summary.interval!.method).toBe('wilson');
    expect(summary.secondary).toEqual({
      satisfied: 30,
      mean: 3.5,
      distribution: [5, 5, 10, 20, 10],
    });
  });
});

describe('recommend', () => {
  it('summarises 32 promoters, 13 passives, 6 detractors: NPS 50.98, Wald [31.86, 70.10], adjusted Wald headline', () => {
    const summary = kpiAggregators.recommend.summarise(
      answers('recommend', [
        [10, 20],
        [9, 12],
        [8, 7],
        [7, 6],
        [6, 3],
        [0, 3],
      ]),
    );
    expect(round2(summary.value)).toBe(50.98);
    expect(summary.n).toBe(51);
    expect(summary.unit).toBe('nps');
    expect(round2(summary.secondary.wald!.low)).toBe(31.86);
    expect(round2(summary.secondary.wald!.high)).toBe(70.1);
    expect(summary.interval!.method).toBe('adjusted-wald');
    expect(round2(summary.interval!.low)).toBe(29.29);
    expect(summary.secondary).toMatchObject({
      promoters: 32,
      passives: 13,
      detractors: 6,
    });
    expect(round2(summary.secondary.promoterPercent)).toBe(62.75);
    expect(summary.secondary.distribution).toEqual([
      3, 0, 0, 0, 0, 0, 3, 6, 7, 12, 20,
    ]);
  });
});

describe('customer-effort', () => {
  const ces = (scale: 5 | 7, score: number, inverted = false) =>
    observation('customer-effort', { scale, score, inverted });
  const aggregateOf = (list: ReturnType<typeof ces>[]) =>
    list.reduce(
      kpiAggregators['customer-effort'].add,
      kpiAggregators['customer-effort'].empty(),
    );

  it('normalises inverted scales losslessly: 1 of an inverted 7-point scale is a 7', () => {
    const summary = kpiAggregators['customer-effort'].summarise(
      aggregateOf([ces(7, 1, true), ces(7, 7)]),
    );
    expect(summary.value).toBe(7);
    expect(summary.secondary.distribution).toEqual([0, 0, 0, 0, 0, 0, 2]);
  });

  it('reports the mean on 1–7 with its t interval and % easy (5–7), keeping 5-point answers apart', () => {
    const summary = kpiAggregators['customer-effort'].summarise(
      aggregateOf([
        ces(7, 7),
        ces(7, 6),
        ces(7, 5),
        ces(7, 2),
        ces(5, 5),
        ces(5, 1),
      ]),
    );
    expect(summary.value).toBe(5);
    expect(summary.n).toBe(4);
    expect(summary.secondary).toMatchObject({
      scale: 7,
      easy: 3,
      easyPercent: 75,
    });
    expect(summary.secondary.sd).toBeCloseTo(Math.sqrt(14 / 3), 12);
    // t(0.975, 3) = 3.1824: 5 ± 3.1824 · 2.1602 / 2.
    expect(round2(summary.interval!.low)).toBe(1.56);
    expect(round2(summary.interval!.high)).toBe(8.44);
    expect(summary.secondary.otherScale).toEqual({
      scale: 5,
      n: 2,
      mean: 3,
      easyPercent: 50,
    });
  });

  it('uses the 5-point scale when there are only 5-point answers, with % easy = 4–5', () => {
    const summary = kpiAggregators['customer-effort'].summarise(
      aggregateOf([ces(5, 4), ces(5, 2, true)]),
    );
    expect(summary.secondary.scale).toBe(5);
    expect(summary.value).toBe(4);
    expect(summary.secondary.easyPercent).toBe(100);
    expect(summary.secondary.otherScale).toBeNull();
  });
});

describe('time-to-resolve', () => {
  const VECTOR = [30, 45, 60, 90, 120, 240, 480, 720, 1440, 2880];
  const aggregateOf = (list: ReturnType<typeof ticket>[]) =>
    list.reduce(
      kpiAggregators['time-to-resolve'].add,
      kpiAggregators['time-to-resolve'].empty(),
    );

  it('reads the public vector from the histogram: median ≈ 180, p90 ≈ 1584 within 1%, mean 610.5 exactly', () => {
    const summary = kpiAggregators['time-to-resolve'].summarise(
      aggregateOf(VECTOR.map(m => ticket(m))),
    );
    expect(summary.basis).toBe('calendar');
    expect(summary.relativeError).toBe(DURATION_HISTOGRAM_RELATIVE_ERROR);
    expect(summary.n).toBe(10);
    expect(within(summary.value, 180)).toBe(true);
    expect(within(summary.secondary.p90, 1584)).toBe(true);
    expect(summary.secondary.mean).toBe(610.5);
    expect(summary.secondary.withinTarget).toBe(9);
    expect(summary.secondary.withinTargetPercent).toBe(90);
    expect(summary.interval!.method).toBe('order-statistic');
  });

  it('reads business time when the source gave it for every ticket, calendar time otherwise', () => {
    const everyTicket = aggregateOf([ticket(600, 60), ticket(1200, 120)]);
    const summary = kpiAggregators['time-to-resolve'].summarise(everyTicket);
    expect(summary.basis).toBe('business');
    expect(summary.secondary.mean).toBe(90);
    expect(summary.secondary.calendar.mean).toBe(900);
    const someTickets = aggregateOf([ticket(600, 60), ticket(1200)]);
    expect(kpiAggregators['time-to-resolve'].summarise(someTickets).basis).toBe(
      'calendar',
    );
    expect(
      kpiAggregators['time-to-resolve'].summarise(someTickets, {
        basis: 'business',
      }).n,
    ).toBe(1);
  });

  it('counts % within a given target', () => {
    const summary = kpiAggregators['time-to-resolve'].summarise(
      aggregateOf(VECTOR.map(m => ticket(m))),
      {
        targetMinutes: 240,
      },
    );
    expect(summary.secondary.withinTarget).toBe(6);
    expect(summary.secondary.targetMinutes).toBe(240);
  });
});

describe('time-to-value', () => {
  it('takes the median of the journeys that reached value and reports the censored ones beside it', () => {
    const aggregate = [
      journey(60),
      journey(120),
      journey(3000),
      journey(null),
    ].reduce(
      kpiAggregators['time-to-value'].add,
      kpiAggregators['time-to-value'].empty(),
    );
    const summary = kpiAggregators['time-to-value'].summarise(aggregate);
    expect(summary.n).toBe(3);
    expect(within(summary.value, 120)).toBe(true);
    expect(summary.secondary).toMatchObject({
      started: 4,
      reached: 3,
      pending: 1,
      reachedPercent: 75,
      targetMinutes: 1440,
      withinTarget: 2,
      withinTargetPercent: 50,
    });
  });

  it('moves a journey from pending to reached by remove then add', () => {
    const { add, remove, empty, summarise } = kpiAggregators['time-to-value'];
    const pending = add(empty(), journey(null));
    const reached = add(remove(pending, journey(null)), journey(30));
    expect(summarise(reached).secondary).toMatchObject({
      pending: 0,
      reached: 1,
      withinTarget: 1,
    });
  });
});

describe('adoption', () => {
  const gauge = (
    date: string,
    dau: number,
    wau: number,
    mau: number,
    eligible: number,
  ) => observation('adoption', { date, dau, wau, mau, eligible });
  const { add, empty, summarise } = kpiAggregators.adoption;

  it('reads the latest day: MAU ÷ eligible, stickiness DAU ÷ MAU', () => {
    const aggregate = [
      gauge('2025-03-01', 1, 1, 1, 100),
      gauge('2025-03-02', 10, 30, 50, 200),
    ].reduce(add, empty());
    expect(summarise(aggregate)).toEqual({
      kpi: 'adoption',
      n: 200,
      value: 25,
      unit: 'percent',
      secondary: {
        date: '2025-03-02',
        dau: 10,
        wau: 30,
        mau: 50,
        eligible: 200,
        stickiness: 20,
        gauges: 1,
      },
    });
  });

  it('sums the gauges of the same day', () => {
    const aggregate = [
      gauge('2025-03-02', 10, 30, 50, 200),
      gauge('2025-03-02', 5, 5, 50, 50),
    ].reduce(add, empty());
    expect(summarise(aggregate)).toMatchObject({
      value: 40,
      secondary: { mau: 100, eligible: 250, gauges: 2 },
    });
  });
});

describe('retention', () => {
  it('computes (E − N) ÷ S over the summed periods, with a Wilson interval', () => {
    const { add, empty, summarise } = kpiAggregators.retention;
    const period = (start: number, end: number, added: number) =>
      observation('retention', {
        periodStart: '2025-01-01',
        periodEnd: '2025-01-31',
        start,
        end,
        new: added,
      });
    const summary = summarise(
      [period(100, 95, 5), period(100, 100, 30)].reduce(add, empty()),
    );
    expect(summary.value).toBe(80);
    expect(summary.n).toBe(200);
    expect(summary.secondary).toEqual({
      start: 200,
      end: 195,
      new: 35,
      kept: 160,
      churned: 40,
      periods: 2,
    });
    expect(round2(summary.interval!.low)).toBe(73.91);
    expect(round2(summary.interval!.high)).toBe(84.95);
  });
});

describe('every aggregate', () => {
  it.each(KPI_IDS.map(kpi => [kpi]))(
    'gives %s no data (null, never 0) when empty',
    kpi => {
      const aggregator = aggregatorFor(kpi);
      const summary = aggregator.summarise(aggregator.empty());
      expect(summary.value).toBeNull();
      expect(summary.n).toBe(0);
      expect(summary.interval).toBeUndefined();
    },
  );

  it.each(KPI_IDS.map(kpi => [kpi]))(
    'refuses %s aggregate text that is not valid',
    kpi => {
      const aggregator = aggregatorFor(kpi);
      expect(() => aggregator.parse('{')).toThrow(AggregateParseError);
      expect(() => aggregator.parse('{"v":2}')).toThrow(
        `Invalid ${kpi} aggregate`,
      );
    },
  );
});

describe('aggregatorFor', () => {
  it('refuses unknown KPIs and observations of another KPI', () => {
    expect(() => aggregatorFor('happiness')).toThrow('Unknown KPI "happiness"');
    const satisfaction = aggregatorFor('satisfaction');
    expect(() =>
      satisfaction.add(
        satisfaction.empty(),
        observation('recommend', { score: 9 }),
      ),
    ).toThrow(
      'Cannot aggregate a recommend observation into a satisfaction aggregate',
    );
  });

  it('summarises stored text and merges lists', () => {
    const recommend = kpiAggregators.recommend;
    const one = recommend.add(
      recommend.empty(),
      observation('recommend', { score: 10 }),
    );
    expect(
      summariseSerialised(
        'recommend',
        recommend.serialise(mergeAll('recommend', [one, one])),
      ).value,
    ).toBe(100);
    expect(recommend.serialise(one)).toBe(
      '{"v":1,"c":[0,0,0,0,0,0,0,0,0,0,1]}',
    );
  });
});
