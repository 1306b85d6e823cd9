// The app-config `customerKpis.targets` block: thresholds per KPI for every entity, and per domain, system or entity,
// checked whole at start-up so that a typo stops the backend with its path instead of being skipped at every read.
import { z } from 'zod';
import { KpiUnit, Thresholds, kpiDefinitions } from '../kpis/definitions';
import { KPI_IDS, KpiId } from '../kpis/ids';
import { parseEntityRefText } from '../observations/entityRefs';
import { parseThresholdValue, thresholdsOrdered } from './thresholds';

const thresholdValue = z.union([z.number(), z.string()]);

/** A strict object whose unknown keys are refused with the keys it knows, so that a misspelt one is found at once. */
function strictObject<S extends z.ZodRawShape>(shape: S) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: issue =>
      issue.code === 'unrecognized_keys'
        ? `unknown key ${issue.keys
            .map(k => JSON.stringify(k))
            .join(', ')}; the keys are ${known}`
        : undefined,
  });
}

/** One KPI's thresholds as config writes them: numbers in the KPI's unit, or strings such as `"85%"`, `"24h"`. */
export const thresholdsConfigSchema = strictObject({
  target: thresholdValue.optional(),
  warning: thresholdValue.optional(),
});

/** One KPI's thresholds as config writes them (either may be left to the less specific layers). */
export type ThresholdsConfig = z.infer<typeof thresholdsConfigSchema>;

// Every KPI named, so that a misspelt id is refused rather than ignored.
const perKpiShape = Object.fromEntries(
  KPI_IDS.map(kpi => [kpi, thresholdsConfigSchema.optional()]),
) as Record<KpiId, z.ZodOptional<typeof thresholdsConfigSchema>>;

/** How a threshold of each unit is written, for the start-up error. */
const UNIT_FORMS: Record<KpiUnit, string> = {
  percent: 'a percentage from 0 to 100, such as 85 or "85%"',
  nps: 'an NPS from -100 to 100',
  score: 'a score from 1 to 7',
  minutes:
    'a number of minutes, or a duration such as "90m", "24h", "3d" or "1w"',
};

/** Adds an issue for every unreadable value, and for a pair whose warning is better than its target. */
function checkThresholds(
  kpis: Partial<Record<KpiId, ThresholdsConfig>>,
  path: (string | number)[],
  ctx: z.RefinementCtx,
) {
  for (const kpi of KPI_IDS) {
    const written = kpis[kpi];
    if (!written) continue;
    const parsed: Partial<Thresholds> = {};
    for (const key of ['target', 'warning'] as const) {
      const raw = written[key];
      if (raw === undefined) continue;
      const value = parseThresholdValue(kpi, raw);
      if (value === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, kpi, key],
          message: `${JSON.stringify(raw)} is not ${
            UNIT_FORMS[kpiDefinitions[kpi].unit]
          }`,
        });
      } else {
        parsed[key] = value;
      }
    }
    // A pair is checked here; a lone value can only be checked against the layers below it, entity by entity.
    if (
      parsed.target !== undefined &&
      parsed.warning !== undefined &&
      !thresholdsOrdered(kpi, parsed as Thresholds)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, kpi],
        message: `the warning ${JSON.stringify(
          written.warning,
        )} is better than the target ${JSON.stringify(
          written.target,
        )} (${kpi}: ${kpiDefinitions[kpi].direction} is better)`,
      });
    }
  }
}

/**
 * The zod schema of the app-config `customerKpis.targets` block: `{ <kpi>: { target?, warning? } }` for every
 * entity, and `entities: [{ entity: 'domain:default/travel', targets: { <kpi>: { target?, warning? } } }]` for one
 * domain, system or entity (listed, not keyed, because config keys cannot contain `:` or `/`). Refuses unknown keys,
 * unreadable values, a warning better than its target, and an entity that is not a ref or is listed twice.
 */
export const kpiTargetsConfigSchema = strictObject({
  ...perKpiShape,
  entities: z
    .array(
      strictObject({
        entity: z.string(),
        targets: strictObject(perKpiShape),
      }),
    )
    .optional(),
}).superRefine((config, ctx) => {
  checkThresholds(config, [], ctx);
  const seen = new Map<string, number>();
  config.entities?.forEach((entry, i) => {
    const ref = parseEntityRefText(entry.entity);
    if (ref.problem !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['entities', i, 'entity'],
        message: `${JSON.stringify(
          entry.entity,
        )} is not an entity ref such as "system:default/payments": ${
          ref.problem
        }`,
      });
    } else if (seen.has(ref.ref)) {
      ctx.addIssue({
        code: 'custom',
        path: ['entities', i, 'entity'],
        message: `${ref.ref} has an entry already (entities.${seen.get(
          ref.ref,
        )}); merge the two`,
      });
    } else {
      seen.set(ref.ref, i);
    }
    checkThresholds(entry.targets, ['entities', i, 'targets'], ctx);
  });
});

/** The app-config `customerKpis.targets` block: global thresholds per KPI id, and `entities` per domain, system or entity. */
export type KpiTargetsConfig = z.infer<typeof kpiTargetsConfigSchema>;
