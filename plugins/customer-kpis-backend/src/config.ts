// Reads the `customerKpis` block of app-config, with the defaults documented in config.d.ts.
import { Config } from '@backstage/config';
import {
  DEFAULT_MINIMUM_SAMPLE,
  KpiTargetsConfig,
  KpiWeightsConfig,
  kpiTargetsConfigSchema,
  kpiWeightsConfigSchema,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { z } from 'zod';

/** The plugin's settings, read once at start-up. */
export interface CustomerKpisSettings {
  minimumSample: number;
  retentionDays: number;
  targets: KpiTargetsConfig;
  weights: KpiWeightsConfig;
}

function parseBlock<T>(schema: z.ZodType<T>, value: unknown, key: string): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(
      `Invalid app-config ${key}${
        issue.path.length ? `.${issue.path.join('.')}` : ''
      }: ${issue.message}`,
    );
  }
  return result.data;
}

/** Reads and validates `customerKpis` from config; throws an Error naming the key when a value is invalid. */
export function readCustomerKpisSettings(config: Config): CustomerKpisSettings {
  const block = config.getOptionalConfig('customerKpis');
  return {
    minimumSample:
      block?.getOptionalNumber('minimumSample') ?? DEFAULT_MINIMUM_SAMPLE,
    retentionDays: block?.getOptionalNumber('retentionDays') ?? 730,
    targets: parseBlock(
      kpiTargetsConfigSchema,
      block?.getOptional('targets'),
      'customerKpis.targets',
    ),
    weights: parseBlock(
      kpiWeightsConfigSchema,
      block?.getOptional('weights'),
      'customerKpis.weights',
    ),
  };
}
