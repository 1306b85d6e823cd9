// Thresholds in layers — KPI default, app-config (global, then per domain, system, entity), entity annotation — and
// the annotation format that sets them.
import { Thresholds, kpiDefinitions } from '../kpis/definitions';
import { KpiId } from '../kpis/ids';
import { normaliseEntityRef } from '../observations/fields';
import { EntityScope, entriesInScope } from '../settings/entityScope';
import type { KpiTargetsConfig, ThresholdsConfig } from './targetsConfig';

/** The prefix of the annotation that sets a KPI's thresholds on an entity: `customer-kpis.io/target.<kpi>`. */
export const TARGET_ANNOTATION_PREFIX = 'customer-kpis.io/target.';

/** The annotation that sets the thresholds of `kpi`, e.g. `customer-kpis.io/target.recommend`. */
export function targetAnnotation(kpi: KpiId): string {
  return `${TARGET_ANNOTATION_PREFIX}${kpi}`;
}

const DURATION_UNITS: Record<string, number> = {
  m: 1,
  min: 1,
  h: 60,
  d: 1440,
  w: 10080,
};

/** The range a threshold of each unit must lie in. */
const UNIT_RANGE = {
  percent: [0, 100],
  nps: [-100, 100],
  score: [1, 7],
  minutes: [0, Infinity],
} as const;

/**
 * Parses one threshold value as written in config or an annotation. Percentages may carry `%` ("40%"); durations
 * are minutes ("90") or carry a unit: `m`, `h`, `d`, `w` ("24h", "1.5d"). Returns undefined when unreadable or out of
 * the KPI's range.
 */
export function parseThresholdValue(
  kpi: KpiId,
  input: string | number,
): number | undefined {
  const unit = kpiDefinitions[kpi].unit;
  let value: number;
  if (typeof input === 'number') {
    value = input;
  } else {
    const match = /^\s*(-?\d+(?:\.\d+)?)\s*([a-z%]*)\s*$/i.exec(input);
    if (!match) return undefined;
    const suffix = match[2].toLowerCase();
    value = Number(match[1]);
    if (unit === 'minutes' && suffix) {
      if (!(suffix in DURATION_UNITS)) return undefined;
      value *= DURATION_UNITS[suffix];
    } else if (suffix && !(unit === 'percent' && suffix === '%')) {
      return undefined;
    }
  }
  const [min, max] = UNIT_RANGE[unit];
  return Number.isFinite(value) && value >= min && value <= max
    ? value
    : undefined;
}

/** A partial threshold pair, as one layer may set it. */
export type ThresholdsLayer = Partial<Thresholds>;

/**
 * Parses the annotation value `"<target>"` or `"<target>/<warning>"` (e.g. `"40"`, `"40/20"`, `"1d/3d"`, `"85%/70%"`).
 * Returns the layer, or an error message naming the annotation.
 */
export function parseTargetAnnotation(
  kpi: KpiId,
  text: string,
): ThresholdsLayer | { error: string } {
  const parts = text.split('/');
  const target = parseThresholdValue(kpi, parts[0]);
  const warning =
    parts.length === 2 ? parseThresholdValue(kpi, parts[1]) : undefined;
  if (
    parts.length > 2 ||
    target === undefined ||
    (parts.length === 2 && warning === undefined)
  ) {
    return {
      error: `${targetAnnotation(
        kpi,
      )}: "${text}" is not "<target>" or "<target>/<warning>" in ${
        kpiDefinitions[kpi].unit
      }`,
    };
  }
  return warning === undefined ? { target } : { target, warning };
}

/** Where the thresholds in force came from. */
export type ThresholdsSource = 'default' | 'config' | 'annotation';

/** Thresholds after the layers, where the last layer that set them lives, and what was ignored and why. */
export interface ResolvedThresholds extends Thresholds {
  source: ThresholdsSource;
  /** With source `config`: the normalised ref of the entry of `entities` that set them last; absent for the global block. */
  entity?: string;
  problems: string[];
}

/** Whether `warning` lies on the worse side of `target` (or equals it) for the KPI's direction. */
export function thresholdsOrdered(kpi: KpiId, thresholds: Thresholds): boolean {
  return kpiDefinitions[kpi].direction === 'higher'
    ? thresholds.warning <= thresholds.target
    : thresholds.warning >= thresholds.target;
}

/**
 * Lays one layer over the thresholds so far. A layer that sets only the target keeps the distance between target
 * and warning (clamped to the unit's range); a layer that sets only the warning keeps the target. A layer that would put the warning on the better
 * side of the target is ignored.
 */
function applyLayer(
  kpi: KpiId,
  current: Thresholds,
  layer: ThresholdsLayer,
): Thresholds | undefined {
  const target = layer.target ?? current.target;
  const [min, max] = UNIT_RANGE[kpiDefinitions[kpi].unit];
  const shifted = Math.min(
    max,
    Math.max(min, target - (current.target - current.warning)),
  );
  const warning =
    layer.warning ?? (layer.target !== undefined ? shifted : current.warning);
  const next = { target, warning };
  return thresholdsOrdered(kpi, next) ? next : undefined;
}

/** Input of {@link resolveThresholds}: the KPI, the config, and the entity's place and annotations. */
export interface ResolveThresholdsInput extends EntityScope {
  kpi: KpiId;
  /** The app-config `customerKpis.targets` block (already read from config), if any. */
  config?: KpiTargetsConfig;
  /** The entity's `metadata.annotations`, if any. */
  annotations?: Readonly<Record<string, string>>;
}

/** One layer of config: where it is written (for problems), the values it writes and the entry's entity. */
interface ConfigLayer {
  path: string;
  values: ThresholdsConfig | undefined;
  entity?: string;
}

/**
 * The layers of config for a KPI, least specific first: the global block, then the entries of the entity's domain,
 * system and itself (as weights resolve).
 */
function configLayers(
  kpi: KpiId,
  config: KpiTargetsConfig | undefined,
  scope: EntityScope,
): ConfigLayer[] {
  const entries = entriesInScope(config?.entities, scope);
  return [
    { path: `customerKpis.targets.${kpi}`, values: config?.[kpi] },
    ...entries.map(entry => ({
      path: `customerKpis.targets.entities.${config!.entities!.indexOf(
        entry,
      )}.targets.${kpi}`,
      values: entry.targets[kpi],
      entity: normaliseEntityRef(entry.entity),
    })),
  ];
}

/**
 * Resolves a KPI's thresholds for an entity, the most specific layer winning: the KPI's default, overlaid by
 * app-config's global thresholds, then by the config entries of the entity's domain, its system and itself, then by
 * the entity's `customer-kpis.io/target.<kpi>` annotation. Unreadable or inconsistent layers are skipped and
 * reported in `problems`.
 */
export function resolveThresholds({
  kpi,
  config,
  annotations,
  ...scope
}: ResolveThresholdsInput): ResolvedThresholds {
  let thresholds: Thresholds = { ...kpiDefinitions[kpi].defaultTarget };
  let source: ThresholdsSource = 'default';
  let entity: string | undefined;
  const problems: string[] = [];

  for (const { path, values, entity: layerEntity } of configLayers(
    kpi,
    config,
    scope,
  )) {
    if (!values) continue;
    const layer: ThresholdsLayer = {};
    let readable = true;
    for (const key of ['target', 'warning'] as const) {
      const raw = values[key];
      if (raw === undefined) continue;
      const value = parseThresholdValue(kpi, raw);
      if (value === undefined) {
        problems.push(
          `${path}.${key}: "${raw}" is not a ${kpiDefinitions[kpi].unit} value`,
        );
        readable = false;
      } else {
        layer[key] = value;
      }
    }
    const next = readable ? applyLayer(kpi, thresholds, layer) : undefined;
    if (next) {
      thresholds = next;
      source = 'config';
      entity = layerEntity;
    } else if (readable) {
      problems.push(`${path}: the warning threshold is better than the target`);
    }
  }

  const annotation = annotations?.[targetAnnotation(kpi)];
  if (annotation !== undefined) {
    const layer = parseTargetAnnotation(kpi, annotation);
    if ('error' in layer) {
      problems.push(layer.error);
    } else {
      const next = applyLayer(kpi, thresholds, layer);
      if (next) {
        thresholds = next;
        source = 'annotation';
        entity = undefined;
      } else {
        problems.push(
          `${targetAnnotation(
            kpi,
          )}: the warning threshold is better than the target`,
        );
      }
    }
  }
  return {
    ...thresholds,
    source,
    ...(entity !== undefined && { entity }),
    problems,
  };
}
