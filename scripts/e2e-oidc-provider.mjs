// The e2e suite's identity provider: a real OpenID Connect provider (the certified
// `oidc-provider` package) on loopback, with the people of e2e-tests/oidc-users.json
// and their passwords, one confidential client (the portal) and a login form.
// Consent for the portal is granted without a question, as a company IdP would
// for a first-party app. Runs offline; keys are made fresh at each start.
//
// Environment: E2E_OIDC_PORT, E2E_OIDC_CLIENT_ID, E2E_OIDC_CLIENT_SECRET,
// E2E_OIDC_REDIRECT_URI (the portal's <base>/api/auth/oidc/handler/frame).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`e2e-oidc-provider: ${name} is not set`);
    process.exit(2);
  }
  return value;
}

const port = Number(required('E2E_OIDC_PORT'));
const issuer = `http://127.0.0.1:${port}`;
const people = Object.values(
  JSON.parse(
    readFileSync(new URL('../e2e-tests/oidc-users.json', import.meta.url)),
  ),
);
const byLogin = new Map(people.map(person => [person.login, person]));

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = {
  ...privateKey.export({ format: 'jwk' }),
  kid: 'e2e-signing-key',
  use: 'sig',
  alg: 'RS256',
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: required('E2E_OIDC_CLIENT_ID'),
      client_secret: required('E2E_OIDC_CLIENT_SECRET'),
      redirect_uris: [required('E2E_OIDC_REDIRECT_URI')],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  scopes: ['openid', 'offline_access', 'email', 'profile'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  async findAccount(_ctx, id) {
    const person = byLogin.get(id);
    if (!person) return undefined;
    return {
      accountId: id,
      claims: async () => ({
        sub: id,
        email: person.email,
        email_verified: true,
        name: person.name,
      }),
    };
  },
  // The portal keeps people signed in across reloads with a refresh token.
  issueRefreshToken: async (_ctx, client) =>
    client.grantTypeAllowed('refresh_token'),
  ttl: {
    AccessToken: 3600,
    AuthorizationCode: 60,
    Grant: 86400,
    IdToken: 3600,
    Interaction: 600,
    RefreshToken: 86400,
    Session: 86400,
  },
  features: { devInteractions: { enabled: false } },
  interactions: {
    url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
  },
});

const escape = text =>
  String(text).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

function loginForm(res, uid, error) {
  res.statusCode = 200;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(`<!doctype html>
<html lang="en"><head><title>E2E identity provider: sign in</title></head>
<body>
  <h1>Sign in to the e2e identity provider</h1>
  ${error ? `<p role="alert">${escape(error)}</p>` : ''}
  <form method="post" action="/interaction/${escape(uid)}/login">
    <label for="login">Username</label>
    <input id="login" name="login" autocomplete="username" autofocus>
    <label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password">
    <button type="submit">Sign in</button>
  </form>
</body></html>`);
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

async function grantConsent(details) {
  const { prompt, params, session, grantId } = details;
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({
        accountId: session.accountId,
        clientId: params.client_id,
      });
  if (prompt.details.missingOIDCScope) {
    grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  }
  if (prompt.details.missingOIDCClaims) {
    grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  }
  for (const [indicator, scopes] of Object.entries(
    prompt.details.missingResourceScopes ?? {},
  )) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  return grant.save();
}

const handleProtocol = provider.callback();

const server = createServer(async (req, res) => {
  const match = /^\/interaction\/([^/?]+)(\/login)?(?:\?|$)/.exec(
    req.url ?? '',
  );
  if (!match) {
    handleProtocol(req, res);
    return;
  }
  try {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      if (req.method !== 'POST' || !match[2]) {
        loginForm(res, details.uid);
        return;
      }
      const form = await readForm(req);
      const person = byLogin.get(form.get('login') ?? '');
      if (!person || person.password !== form.get('password')) {
        loginForm(res, details.uid, 'Wrong username or password.');
        return;
      }
      console.log(`e2e-oidc-provider: ${person.login} signed in`);
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: person.login } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (details.prompt.name === 'consent') {
      const grantId = await grantConsent(details);
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
      return;
    }
    throw new Error(`unexpected prompt ${details.prompt.name}`);
  } catch (error) {
    console.error('e2e-oidc-provider: interaction failed:', error);
    res.statusCode = 400;
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.end(`Interaction failed: ${error.message}`);
  }
});

server.listen(port, '127.0.0.1', () => {
  console.log(`e2e-oidc-provider: issuer ${issuer} (${people.length} people)`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
