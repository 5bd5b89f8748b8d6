// A database from before posts asked about someone else's material and who
// is posting (ravens-wood §5, §6 and §10) is brought up to date: its posts
// keep everything they had and show no answer, as they were never asked; a
// post sent after the upgrade carries its answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, launch, sql, visibleText, ROOT } from './lib.mjs';
import { SCHEMA_VERSION } from './schema_version.mjs';

// The part that adds it, found by its heading, whatever its number.
const PART = Number(readFileSync(path.join(ROOT, 'schema.sql'), 'utf8')
  .match(/^-- Schema version (\d+): someone else's material in a post sent for sign-off, and who is posting it/m)[1]);

test("a database from before posts were asked about someone else's material keeps its posts, unasked", async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-upgrade-'));
  const db = path.join(dir, 'old.db');
  assert.equal(cli(['demo', '--db', db]).code, 0);
  sql(db, `DROP TABLE account_post_material; DROP TABLE account_post_posted_as; PRAGMA user_version = ${PART - 1}`);
  const posts = () => sql(db, "SELECT group_concat(id || ':' || status || ':' || body, '|') FROM account_posts");
  const was = posts();
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
  assert.equal(posts(), was, 'nothing lost');
  assert.equal(sql(db, 'SELECT count(*) FROM account_post_material'), '0');
  assert.equal(sql(db, 'SELECT count(*) FROM account_post_posted_as'), '0');
  // Applied again (init applies the whole file first), it changes nothing.
  assert.equal(cli(['init', '--db', db]).code, 0);
  assert.throws(() => sql(db, "INSERT INTO account_post_material VALUES (1, 1, 0, '')"), /CHECK/);
  assert.throws(() => sql(db, "INSERT INTO account_post_posted_as VALUES (1, '')"), /CHECK/);

  const s = await launch({ dir, db });
  t.after(() => s.stop());
  const head = await s.login('head@demo.school');
  const first = Number(sql(db, 'SELECT min(id) FROM account_posts'));
  const acct = Number(sql(db, `SELECT account_id FROM account_posts WHERE id = ${first}`));
  const link = `/accounts/${acct}/posts/${first}`;
  const old = await head.get(link);
  assert.equal(old.status, 200, old.text);
  assert.equal(old.body.post.asked_material, false);
  assert.equal(old.body.post.posted_as, null);
  assert.doesNotMatch(visibleText((await head.page(link)).text), /Someone else's material|Who it says is posting/);

  const science = await s.login('science@demo.school');
  const fd = new FormData();
  for (const [k, v] of Object.entries({ kind: 'post', text: 'After the upgrade.', others_material: 'yes', posted_as: 'Mr Okafor, Science', permission: 'yes',
    credit: 'Photo by a parent' })) fd.append(k, v);
  const sent = await science.request('POST', `/accounts/${acct}/posts`, { multipart: fd });
  assert.equal(sent.status, 201, sent.text);
  const after = (await head.get(`/accounts/${acct}/posts/${sent.body.post.id}`)).body.post;
  assert.equal(after.credit, 'Photo by a parent');
  assert.equal(after.posted_as, 'Mr Okafor, Science');
});
