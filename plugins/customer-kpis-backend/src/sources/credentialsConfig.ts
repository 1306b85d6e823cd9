// Reads `customerKpis.credentials` from app-config: each secret that data sources may use, and the URLs it may go to.
import { Config } from '@backstage/config';
import {
  CredentialDefinition,
  parseAllowedUrl,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';

/**
 * Secrets shorter than this are refused: the redactor replaces every occurrence of a secret in every answer, log
 * line and run record, and a secret of a few characters would blot out unrelated text (and is guessable anyway).
 */
export const MIN_SECRET_LENGTH = 8;

const NEW_FORM = (name: string) =>
  [
    'Write it as',
    '  customerKpis:',
    '    credentials:',
    `      ${name}:`,
    '        secret: ${MY_SECRET_ENV_VAR}',
    '        allowedUrls: [https://acme.zendesk.com]',
  ].join('\n');

/**
 * Reads `customerKpis.credentials`: for each name, the secret and the origins or base URLs it may be sent to. Throws
 * an Error naming the entry and saying how to fix it when an entry is in the old plain-string form (which would not
 * say where the secret may go), has no secret, a secret under {@link MIN_SECRET_LENGTH} characters, or no valid
 * allowed URL. The messages never contain a secret.
 */
export function readCredentials(
  config: Config,
): Record<string, CredentialDefinition> {
  const block = config.getOptionalConfig('customerKpis.credentials');
  if (!block) return {};
  const credentials: Record<string, CredentialDefinition> = {};
  for (const name of block.keys()) {
    const key = `customerKpis.credentials.${name}`;
    const raw = block.getOptional(name);
    if (typeof raw === 'string') {
      throw new Error(
        `${key} is a plain string; a credential now also says where it may be sent (allowedUrls), so that a source cannot send it to any other server. ${NEW_FORM(
          name,
        )}`,
      );
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw new Error(
        `${key} must be an object with secret and allowedUrls. ${NEW_FORM(
          name,
        )}`,
      );
    }
    const entry = block.getConfig(name);
    const unknown = entry
      .keys()
      .filter(field => field !== 'secret' && field !== 'allowedUrls');
    if (unknown.length > 0) {
      throw new Error(
        `${key} has unknown field(s) ${unknown.join(
          ', ',
        )}; a credential has secret and allowedUrls`,
      );
    }
    const secret = entry.getOptional('secret');
    if (typeof secret !== 'string' || secret.length === 0) {
      throw new Error(
        `${key}.secret is missing or not a string (if it comes from an environment variable, is that variable set?)`,
      );
    }
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new Error(
        `${key}.secret is shorter than ${MIN_SECRET_LENGTH} characters; a secret that short cannot be kept out of answers and logs without garbling them`,
      );
    }
    const allowedUrls = entry.getOptional('allowedUrls');
    if (
      !Array.isArray(allowedUrls) ||
      allowedUrls.length === 0 ||
      allowedUrls.some(url => typeof url !== 'string')
    ) {
      throw new Error(
        `${key}.allowedUrls must be a non-empty list of the origins or base URLs the secret may be sent to, e.g. [https://acme.zendesk.com]`,
      );
    }
    allowedUrls.forEach((url, index) => {
      try {
        parseAllowedUrl(url as string);
      } catch (error) {
        throw new Error(
          `${key}.allowedUrls[${index}]: ${(error as Error).message}`,
        );
      }
    });
    credentials[name] = { secret, allowedUrls: allowedUrls as string[] };
  }
  return credentials;
}
