export interface Config {
  /** Configuration of the customer-kpis plugin. */
  customerKpis?: {
    /**
     * Fewest answers (or tickets, or journeys) a sampled KPI needs before its value gets a target status and
     * before a change is called better or worse. Below it the value is shown greyed.
     * @default 30
     */
    minimumSample?: number;
    /**
     * Days of raw observations to keep. Daily aggregates are kept; raw rows received before this are deleted by
     * the daily cleanup task.
     * @default 730
     */
    retentionDays?: number;
    /**
     * Thresholds per KPI id, overriding the KPI's defaults for every entity; each entry of `entities` overrides
     * them for one domain, system or component. For an entity the most specific wins: its annotation
     * `customer-kpis.io/target.<kpi>`, then its own entry, its system's, its domain's, these, the KPI's default (a
     * system or domain: its own annotation and entry, then its domain's). Values are numbers in the KPI's unit or
     * strings such as `"85%"`, `"24h"`, `"3d"`. A layer that sets only the target keeps the distance to the
     * warning of the layers below it. Checked at start-up: an unreadable value, a warning better than its target,
     * an unknown key or an entity listed twice stops the backend with the key's path.
     */
    targets?: {
      /** Adoption rate, percent. */
      adoption?: {
        /** The value at or beyond which the KPI is good. */
        target?: number | string;
        /** The value at or beyond which the KPI is a warning rather than critical. */
        warning?: number | string;
      };
      /** Median time to value: minutes, or `"90m"`, `"24h"`, `"3d"`, `"1w"`. */
      'time-to-value'?: {
        /** The value at or beyond which the KPI is good. */
        target?: number | string;
        /** The value at or beyond which the KPI is a warning rather than critical. */
        warning?: number | string;
      };
      /** Median time to resolve: minutes, or `"90m"`, `"24h"`, `"3d"`, `"1w"`. */
      'time-to-resolve'?: {
        /** The value at or beyond which the KPI is good. */
        target?: number | string;
        /** The value at or beyond which the KPI is a warning rather than critical. */
        warning?: number | string;
      };
      /** Customer effort score, 1–7. */
      'customer-effort'?: {
        /** The value at or beyond which the KPI is good. */
        target?: number | string;
        /** The value at or beyond which the KPI is a warning rather than critical. */
        warning?: number | string;
      };
      /** CSAT, percent. */
      satisfaction?: {
        /** The value at or beyond which the KPI is good. */
        target?: number | string;
        /** The value at or beyond which the KPI is a warning rather than critical. */
        warning?: number | string;
      };
      /** Retention rate, percent. */
      retention?: {
        /** The value at or beyond which the KPI is good. */
        target?: number | string;
        /** The value at or beyond which the KPI is a warning rather than critical. */
        warning?: number | string;
      };
      /** NPS, −100…100. */
      recommend?: {
        /** The value at or beyond which the KPI is good. */
        target?: number | string;
        /** The value at or beyond which the KPI is a warning rather than critical. */
        warning?: number | string;
      };
      /** Thresholds for one entity, named by its ref such as `domain:default/travel`. */
      entities?: Array<{
        /** The entity ref of a domain, system or component. */
        entity: string;
        /** Thresholds per KPI id, as above. */
        targets: {
          [kpi: string]: {
            /** The value at or beyond which the KPI is good. */
            target?: number | string;
            /** The value at or beyond which the KPI is a warning rather than critical. */
            warning?: number | string;
          };
        };
      }>;
    };
    /**
     * Weights of the KPIs in the Customer-Centricity Index. Equal weights (1) by default; `default` overrides them
     * everywhere, each entry of `entities` for one domain, system or component (the most specific wins per KPI).
     */
    weights?: {
      /** Weight per KPI id, ≥ 0 (0 leaves the KPI out of the index). */
      default?: { [kpi: string]: number };
      /** Weights for one entity, named by its ref such as `system:default/payments`. */
      entities?: Array<{
        /** The entity ref of a domain, system or component. */
        entity: string;
        /** Weight per KPI id. */
        weights: { [kpi: string]: number };
      }>;
    };
    /**
     * Secrets that data sources use, by name, each bound to the URLs it may be sent to (as Backstage integrations
     * bind a token to a host). A source's config names one (`credential: zendesk-api`); the backend hands the secret
     * to the source only for a request URL under one of `allowedUrls`, and refuses (400) to save or test a source
     * whose URL is not. The secret never leaves the backend: it is redacted from every answer, run record and log
     * line, also percent-encoded or in base64 (as in HTTP Basic authentication). The old form `<name>: <secret>`
     * stops the backend at start-up with a message showing this one.
     */
    credentials?: {
      [name: string]: {
        /**
         * The secret, usually from an environment variable: `secret: ${ZENDESK_TOKEN}`. At least 8 characters, so
         * that redacting it cannot garble unrelated text.
         * @visibility secret
         */
        secret: string;
        /**
         * The origins or base URLs the secret may be sent to, e.g. `https://acme.zendesk.com` (any path) or
         * `https://proxy.example/zendesk` (paths under `/zendesk` only). A request URL must have the same scheme,
         * host and port, and a path equal to or below the base URL's path at a `/` boundary. No user info, query or
         * fragment.
         */
        allowedUrls: string[];
      };
    };
    /**
     * Data sources defined in config (read-only in the admin page). More can be registered through the API.
     */
    sources?: Array<{
      /** Unique id: lower-case letters, digits, dots, dashes or underscores. */
      id: string;
      /** The source type, as registered by an installed backend module: `demo`, `zendesk`, `prometheus`… */
      type: string;
      /** A human-readable name. */
      title?: string;
      /** How often the source runs, e.g. `{ frequency: { minutes: 30 } }` or `{ frequency: { cron: '0 * * * *' } }`. */
      schedule?: {
        /** Time between runs, or a cron expression. */
        frequency:
          | {
              seconds?: number;
              minutes?: number;
              hours?: number;
              days?: number;
            }
          | { cron: string };
        /** How long one run may take. @default { minutes: 30 } */
        timeout?: { seconds?: number; minutes?: number; hours?: number };
        /** Delay before the first run after start-up. */
        initialDelay?: { seconds?: number; minutes?: number };
      };
      /** The type's own settings; see docs/sources.md. Credentials by name only. */
      config?: { [key: string]: unknown };
    }>;
  };
}
