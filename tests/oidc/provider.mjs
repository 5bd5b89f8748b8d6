// A real OpenID provider (the npm package oidc-provider) for staffroom's
// single sign-on tests, on 127.0.0.1 and a free port.  Two profiles:
//   entra:  the person is named by preferred_username (and upn), amr says
//           whether they used a second factor; client_secret_basic.
//   google: the person is named by email with email_verified; client_secret_post.
// Signing in at the provider needs no form: the test says who the next person
// is (setUser), and the interaction finishes at once as that person.
// For the token faults the test needs, the provider's answers can be
// rewritten on their way out (tamper): the ID token re-signed with changed
// claims, another key, or a new key the provider then publishes (rotation).
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import Provider from 'oidc-provider';
import * as jose from 'jose';

export const CLIENT_SECRET = 'staffroom-test-secret-' + randomUUID();

async function signingKey(kid) {
  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  return { ...(await jose.exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
}

const publicPart = ({ d, p, q, dp, dq, qi, ...pub }) => pub;

export async function startProvider({ profile = 'entra', clientId = 'staffroom' } = {}) {
  const server = http.createServer();
  await new Promise((res) => server.listen(0, '127.0.0.1', res));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const key = await signingKey('key-1');
  const state = { user: null, tamper: null, extraKeys: [], tokenDelay: 0, tokensNow: 0, tokensMost: 0 };
  const accounts = new Map(); // every person set so far, by sub

  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: CLIENT_SECRET,
      application_type: 'native', // a loopback redirect URI on any port: the test server's
      redirect_uris: [`http://127.0.0.1/login/oidc/${profile}/callback`],
      post_logout_redirect_uris: ['http://127.0.0.1/login'],
      token_endpoint_auth_method: profile === 'google' ? 'client_secret_post' : 'client_secret_basic',
    }],
    jwks: { keys: [key] },
    conformIdTokenClaims: false, // the claims go in the ID token, as Entra and Google do
    claims: {
      openid: ['sub', 'amr'], // Entra puts amr in every ID token
      amr: null, acr: null, auth_time: null, sid: null,
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username', 'upn', 'hd'],
    },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    async findAccount(ctx, sub) {
      const u = accounts.get(sub);
      return u && { accountId: sub, async claims() { return { sub, ...u.claims }; } };
    },
  });
  provider.proxy = false;

  // The interaction: signed in at once as the test's person, or refused
  // (access_denied) when the test set no one; consent is given at once
  // (a native client, for its loopback redirect URI, is always asked).
  provider.use(async (ctx, next) => {
    if (!ctx.path.startsWith('/interaction/')) return next();
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    let result;
    if (!state.user) {
      result = { error: 'access_denied', error_description: 'The person cancelled the sign-in.' };
    } else if (details.prompt.name === 'login') {
      result = { login: { accountId: state.user.sub, amr: state.user.amr || ['pwd'] } };
    } else {
      const grant = new provider.Grant({ clientId: details.params.client_id,
        accountId: details.session.accountId });
      grant.addOIDCScope('openid email profile');
      result = { consent: { grantId: await grant.save() } };
    }
    await provider.interactionFinished(ctx.req, ctx.res, result, { mergeWithLastSubmission: true });
    ctx.respond = false;
  });
  // The token endpoint, slowed when the test asks (slowToken), counts the most
  // code exchanges it has had in hand at once.
  provider.use(async (ctx, next) => {
    if (ctx.path !== '/token') return next();
    state.tokensNow++;
    state.tokensMost = Math.max(state.tokensMost, state.tokensNow);
    try {
      if (state.tokenDelay) await new Promise((r) => setTimeout(r, state.tokenDelay));
      await next();
    } finally { state.tokensNow--; }
  });
  // Answers rewritten on the way out: the token endpoint's (tamper) and the
  // published keys (any extra key the test has the provider publish).
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/token' && ctx.status === 200 && state.tamper && ctx.body?.id_token) {
      ctx.body = { ...ctx.body, id_token: await state.tamper(ctx.body.id_token) };
    }
    if (ctx.path === '/jwks' && ctx.status === 200 && state.extraKeys.length) {
      ctx.body = { keys: [...ctx.body.keys, ...state.extraKeys.map(publicPart)] };
    }
  });
  server.on('request', provider.callback());

  let jwksFetches = 0;
  server.prependListener('request', (req) => { if (req.url.startsWith('/jwks')) jwksFetches++; });

  return {
    issuer, clientId, profile, secret: CLIENT_SECRET,
    get jwksFetches() { return jwksFetches; },
    get tokensAtOnce() { return state.tokensMost; },
    get tokensInHand() { return state.tokensNow; },
    // The token endpoint answers ms later from now on (0: at once).
    slowToken(ms) { state.tokenDelay = ms; },
    // The next person to sign in: the claims their token carries.
    setUser(claims, amr) {
      state.user = claims && { sub: claims.sub || randomUUID(), claims, amr };
      if (state.user) accounts.set(state.user.sub, state.user);
    },
    // Rewrites the next ID tokens: fn(payload) returns the claims to sign, with key
    // (a private JWK) or the provider's own key.
    tamper(fn, withKey = key) {
      state.tamper = fn && (async (idToken) => {
        const claims = fn(jose.decodeJwt(idToken));
        const k = await jose.importJWK(withKey, 'RS256');
        return new jose.SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: withKey.kid }).sign(k);
      });
    },
    // A raw rewrite of the ID token (e.g. alg none).
    rewrite(fn) { state.tamper = fn; },
    // A new signing key, published from now on and used to sign.
    async rotate() {
      const k = await signingKey('key-2-' + randomUUID().slice(0, 8));
      state.extraKeys.push(k);
      this.tamper((c) => c, k);
      return k;
    },
    newKey: signingKey,
    close: () => new Promise((res) => { server.closeAllConnections?.(); server.close(res); }),
  };
}
