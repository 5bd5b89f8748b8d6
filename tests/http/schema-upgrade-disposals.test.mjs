// A database whose disposal register kept nothing of who could review a
// deleted concern is brought up to date: each concern's entry made before
// is shown to the headteacher unless it was about them, and to whoever
// deleted it; every other entry stays the reviewers' of every kind of
// record.  Nothing of the register is lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, launch, sql, ROOT } from './lib.mjs';
import { SCHEMA_VERSION } from './schema_version.mjs';

// The part that keeps it, found by its heading, whatever its number.
const PART = Number(readFileSync(path.join(ROOT, 'schema.sql'), 'utf8')
  .match(/^-- Schema version (\d+): a deleted concern's entry in the disposal register/m)[1]);

test('a database from before the register kept who could review a deleted concern shows its old entries narrowly', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-upgrade-'));
  const db = path.join(dir, 'old.db');
  assert.equal(cli(['demo', '--db', db]).code, 0);
  const id = (who) => sql(db, `SELECT id FROM users WHERE email = '${who}@demo.school'`);
  // Entries as the register wrote them before: a concern about a teacher the
  // headteacher deleted, one about the headteacher the chair deleted (its
  // subject kept), a signature the administrator deleted.
  sql(db, `DROP TABLE disposal_concerns;
    INSERT INTO disposals(record_type, record_id, label, rule, reason, by_id, at) VALUES
      ('concern', 9001, 'C-2019-009001', 'concern: after closing; due 2025-01-01', 'Old reason one', ${id('head')}, '2026-01-05T10:00:00Z'),
      ('concern', 9002, 'C-2019-009002', 'malicious allegation: review for deletion; due 2025-01-01', 'Old reason two', ${id('chair')}, '2026-01-06T10:00:00Z'),
      ('signature', 9003, 'someone: a policy version 1', 'signature: after the person left; due 2025-01-01', 'Old reason three', ${id('admin')}, '2026-01-07T10:00:00Z');
    INSERT INTO disposal_subjects(disposal_id, user_id) SELECT id, ${id('head')} FROM disposals WHERE record_id = 9002;
    PRAGMA user_version = ${PART - 1}`);
  const register = () => sql(db, "SELECT group_concat(record_type || ':' || record_id || ':' || reason) FROM disposals");
  const before = register();
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
  assert.equal(register(), before, 'nothing lost');
  assert.equal(sql(db, 'SELECT group_concat(d.record_id || \':\' || k.recipient_mask || \':\' || ' +
    "coalesce(k.assignee_id, '-') || ':' || k.about_head) FROM disposal_concerns k JOIN disposals d ON d.id = k.disposal_id"),
  '9001:0:-:0,9002:0:-:0', 'each concern kept with no roles, nobody assigned');
  assert.throws(() => sql(db, 'UPDATE disposal_concerns SET recipient_mask = 1'), /append-only/);
  assert.throws(() => sql(db, 'DELETE FROM disposal_concerns'), /append-only/);

  const s = await launch({ dir, db });
  t.after(() => s.stop());
  const listed = async (who) => (await (await s.login(`${who}@demo.school`)).get('/admin/retention'))
    .body.disposals.map((d) => d.reason).sort();
  assert.deepEqual(await listed('head'), ['Old reason one', 'Old reason three']);
  assert.deepEqual(await listed('admin'), ['Old reason three']);
  assert.deepEqual(await listed('chair'), ['Old reason two'], 'the chair who deleted it');
});
