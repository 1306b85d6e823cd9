// The credentials handed to a source at pull time: a secret is given out only for a URL its credential allows.
import { redactUrl } from '../http/redactUrl';
import { SourceCredentials } from '../sourceType';
import { isUrlAllowed } from './allowedUrls';

/** One entry of `customerKpis.credentials`: the secret and the URLs it may be sent to. */
export interface CredentialDefinition {
  /** The secret itself. */
  secret: string;
  /** Origins or base URLs; a request URL must lie under one of them (see {@link isUrlAllowed}). */
  allowedUrls: readonly string[];
}

/** A credential was asked for that is not configured, or for a URL that it is not allowed for. */
export class CredentialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialError';
  }
}

/** The definition of credential `name`, if configured; own keys only, so `toString` or `__proto__` are not names. */
export function credentialDefinition(
  definitions: Readonly<Record<string, CredentialDefinition>>,
  name: string,
): CredentialDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(definitions, name)
    ? definitions[name]
    : undefined;
}

/**
 * The {@link SourceCredentials} of a set of credential definitions: `get(name, url)` returns the secret only when
 * `url` lies under one of the credential's allowed URLs, and throws a {@link CredentialError} otherwise.
 */
export function createSourceCredentials(
  definitions: Readonly<Record<string, CredentialDefinition>>,
): SourceCredentials {
  return {
    has: name => credentialDefinition(definitions, name) !== undefined,
    get(name, url) {
      const definition = credentialDefinition(definitions, name);
      if (!definition) {
        throw new CredentialError(
          `No credential named "${name}" in customerKpis.credentials`,
        );
      }
      if (!isUrlAllowed(url, definition.allowedUrls)) {
        throw new CredentialError(
          `Credential "${name}" may not be sent to ${redactUrl(
            url,
          )}: customerKpis.credentials.${name}.allowedUrls allows only ${definition.allowedUrls.join(
            ', ',
          )}`,
        );
      }
      return definition.secret;
    },
  };
}
