// The fixed local ports of the end-to-end fakes and the credentials bound to them. The e2e runner passes these to
// the backend it starts (`APP_CONFIG_customerKpis_credentials`), so that a source registered on the admin page can
// name a credential by its name and send it to the fake, and nowhere else.

/** Where each fake listens: fixed, so that a credential can be bound to its origin before the fake starts. */
const FAKE_PORTS = { servicenow: 7811, jira: 7812, typeform: 7813 };

const origin = port => `http://127.0.0.1:${port}`;

/** The credentials of the fakes by name: the secret the fake expects and the origin it may go to. */
const FAKE_CREDENTIALS = {
  'e2e-servicenow': {
    secret: 'e2e-servicenow-password-7811',
    allowedUrls: [origin(FAKE_PORTS.servicenow)],
  },
  'e2e-jira': {
    secret: 'e2e-jira-api-token-7812',
    allowedUrls: [origin(FAKE_PORTS.jira)],
  },
  'e2e-typeform': {
    secret: 'e2e-typeform-personal-token-7813',
    allowedUrls: [origin(FAKE_PORTS.typeform)],
  },
};

/** The backend's environment for the fakes' credentials (Backstage reads `APP_CONFIG_*` values as JSON config). */
function fakeCredentialsEnv() {
  return {
    APP_CONFIG_customerKpis_credentials: JSON.stringify(FAKE_CREDENTIALS),
  };
}

module.exports = { FAKE_PORTS, FAKE_CREDENTIALS, fakeCredentialsEnv, origin };
