// Single sign-on test helpers: the demo school with OpenID providers
// (tests/oidc/provider.mjs) in its configuration file, and following a
// provider's redirects back to staffroom.  Used by tests/http/oidc.test.mjs
// and tests/browser/oidc.test.mjs.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, launch } from './lib.mjs';

const LABELS = { entra: ['Microsoft 365', 'preferred_username'], google: ['Google', 'email'] };

// The demo school, with these providers in its configuration file (and any
// extra lines of it); launchOptions as lib.mjs's launch takes them.
export async function startWithProviders(providers, extra = [], launchOptions = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-oidc-'));
  const db = path.join(dir, 'test.db');
  const made = cli(['demo', '--db', db]);
  assert.equal(made.code, 0, made.stderr);
  const conf = path.join(dir, 'staffroom.conf');
  const lines = [...extra];
  for (const p of providers) {
    const [label, claim] = LABELS[p.profile];
    const secretFile = path.join(dir, `${p.profile}.secret`);
    writeFileSync(secretFile, `${p.secret}\n`, { mode: 0o600 });
    lines.push(`oidc.${p.profile}.label = ${label}`, `oidc.${p.profile}.issuer = ${p.issuer}`,
      `oidc.${p.profile}.client_id = ${p.clientId}`,
      `oidc.${p.profile}.client_secret_file = ${secretFile}`,
      `oidc.${p.profile}.domains = demo.school, other.example`, `oidc.${p.profile}.claim = ${claim}`);
  }
  if (providers.some((p) => p.profile === 'google')) lines.push('oidc.google.client_auth = client_secret_post');
  writeFileSync(conf, lines.join('\n') + '\n');
  return launch({ dir, db, args: ['--config', conf], ...launchOptions });
}

// Follows the provider's redirects (with its own cookies) until it sends the
// browser back to staffroom; returns the callback's path and query.
export async function throughProvider(s, location) {
  const jar = new Map();
  let url = location;
  for (let i = 0; i < 10 && !url.startsWith(s.url); i++) {
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    assert.equal(res.status, 303, `the provider answered ${res.status} at ${url}: ${await res.text()}`);
    url = new URL(res.headers.get('location'), url).href;
  }
  assert.ok(url.startsWith(s.url), `never sent back to staffroom: ${url}`);
  return url.slice(s.url.length);
}

