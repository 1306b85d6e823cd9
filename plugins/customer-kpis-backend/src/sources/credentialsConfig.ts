// Reads `customerKpis.credentials` from app-config: the secrets that data sources may use, by name.
import { Config } from '@backstage/config';

/** Reads `customerKpis.credentials`: secret strings by name. */
export function readCredentials(config: Config): Record<string, string> {
  const block = config.getOptionalConfig('customerKpis.credentials');
  if (!block) return {};
  return Object.fromEntries(
    block.keys().map(key => [key, block.getString(key)]),
  );
}
