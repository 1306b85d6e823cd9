// Observations of the seven KPIs as a pipeline pushes them: one of each KPI per component and day, values varied by a
// seed so that entities and days differ.
const { KPI_IDS } = require('../../e2e/kpis');

/** The observation of `kpi` for `entityRef` on `day` (YYYY-MM-DD), id `${prefix}-${kpi}`. */
function observation(kpi, entityRef, day, seed, prefix) {
  const at = time => `${day}T${time}Z`;
  const fields = {
    adoption: {
      date: day,
      dau: 10 + (seed % 50),
      wau: 60 + (seed % 50),
      mau: 150 + (seed % 50),
      eligible: 400,
    },
    'time-to-value': {
      startedAt: at('08:00:00'),
      valueAt: seed % 5 === 4 ? null : at(`1${seed % 10}:00:00`),
    },
    'time-to-resolve': {
      openedAt: at('07:00:00'),
      resolvedAt: at(`1${seed % 10}:${pad2(seed % 60)}:00`),
    },
    'customer-effort': {
      timestamp: at('09:00:00'),
      score: 1 + (seed % 7),
      scale: 7,
    },
    satisfaction: { timestamp: at('09:30:00'), score: 1 + (seed % 5) },
    retention: {
      periodStart: day,
      periodEnd: day,
      start: 100,
      end: 90 + (seed % 10),
      new: 5,
    },
    recommend: { timestamp: at('10:00:00'), score: seed % 11 },
  }[kpi];
  return { id: `${prefix}-${kpi}`, kpi, entityRef, ...fields };
}

function pad2(n) {
  return String(n).padStart(2, '0');
}

/** The day `n` days before `today` (YYYY-MM-DD). */
function daysBefore(today, n) {
  return new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/**
 * The history: every KPI of every component on each of the `days` days before today, in batches of at most
 * `batchSize` that hold whole components (all their days together, so that a pair's windows are updated once).
 */
function* historyBatches(componentRefs, today, days, batchSize) {
  let batch = [];
  for (const [index, ref] of componentRefs.entries()) {
    const perComponent = [];
    for (let d = 1; d <= days; d++) {
      const day = daysBefore(today, d);
      for (const kpi of KPI_IDS) {
        perComponent.push(
          observation(kpi, ref, day, index * 31 + d * 7, `h-${index}-${day}`),
        );
      }
    }
    if (batch.length + perComponent.length > batchSize && batch.length > 0) {
      yield batch;
      batch = [];
    }
    batch.push(...perComponent);
  }
  if (batch.length > 0) yield batch;
}

/**
 * Today's data: per KPI, that KPI for every component (the "7 POSTs of 5,000"), in batches of at most
 * `batchSize` (the push API's limit).
 */
function todayBatches(componentRefs, today, batchSize) {
  const batches = [];
  for (const kpi of KPI_IDS) {
    const all = componentRefs.map((ref, index) =>
      observation(kpi, ref, today, index * 13 + 5, `t-${index}-${today}`),
    );
    for (let i = 0; i < all.length; i += batchSize) {
      batches.push(all.slice(i, i + batchSize));
    }
  }
  return batches;
}

module.exports = { historyBatches, todayBatches, KPI_IDS };
