// A database from before faults in equipment and software could be reported
// (slyne's staff agreement) is brought up to date: everything it held is
// kept, the reports' table is made empty, and a fault reported after the
// upgrade is stored and dealt with.  One from before the reports came under
// the retention rules keeps its legal holds and takes one on a report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, launch, sql, ROOT } from './lib.mjs';
import { SCHEMA_VERSION } from './schema_version.mjs';

// The part that adds it, found by its heading, whatever its number.
const PART = Number(readFileSync(path.join(ROOT, 'schema.sql'), 'utf8')
  .match(/^-- Schema version (\d+): damage and faults reported in equipment and software/m)[1]);

test('a database from before fault reports is upgraded, keeps its records, and takes a report', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-upgrade-'));
  const db = path.join(dir, 'old.db');
  assert.equal(cli(['demo', '--db', db]).code, 0);
  sql(db, `DROP TABLE fault_reports; PRAGMA user_version = ${PART - 1}`);
  const kept = () => sql(db, "SELECT (SELECT count(*) FROM users) || ':' || (SELECT count(*) FROM concerns) || ':' || " +
    '(SELECT count(*) FROM filter_requests) || \':\' || (SELECT count(*) FROM audit)');
  const was = kept();
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
  assert.equal(kept(), was, 'nothing lost');
  assert.equal(sql(db, 'SELECT count(*) FROM fault_reports'), '0');
  assert.equal(sql(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('fault_reports_open', 'fault_reports_by_reporter')"), '2');
  // Applied again (init applies the whole file first), it changes nothing.
  assert.equal(cli(['init', '--db', db]).code, 0);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  // The table's own checks: a report names the equipment, and is dealt with whole.
  const user = sql(db, 'SELECT min(id) FROM users');
  assert.throws(() => sql(db, `INSERT INTO fault_reports(equipment, problem, stops_work, reported_by, reported_at) VALUES ('', 'x', 0, ${user}, '2026-01-01T00:00:00Z')`), /CHECK/);
  assert.throws(() => sql(db, `INSERT INTO fault_reports(equipment, problem, stops_work, reported_by, reported_at, outcome) VALUES ('x', 'x', 0, ${user}, '2026-01-01T00:00:00Z', 'fixed')`), /CHECK/);

  const s = await launch({ dir, db });
  t.after(() => s.stop());
  const teacher = await s.login('teacher@demo.school');
  const made = await teacher.post('/faults', { equipment: 'Visualiser', problem: 'No picture.', stops_work: 'no' });
  assert.equal(made.status, 201, made.text);
  const network = await s.login('network@demo.school');
  const done = await network.post(`/faults/${made.body.fault.id}/decision`, { outcome: 'fixed', note: 'Cable reseated.' });
  assert.equal(done.status, 200, done.text);
  assert.equal((await teacher.get('/faults')).body.mine[0].outcome, 'fixed');
});

const HOLDS = Number(readFileSync(path.join(ROOT, 'schema.sql'), 'utf8')
  .match(/^-- Schema version (\d+): reports of damage and faults under the retention rules/m)[1]);

test('a database from before fault reports had a retention rule keeps its holds and its rules', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-upgrade-'));
  const db = path.join(dir, 'old.db');
  assert.equal(cli(['demo', '--db', db]).code, 0);
  const head = sql(db, "SELECT id FROM users WHERE email = 'head@demo.school'");
  // The table as the version before made it, with one hold.
  sql(db, `DELETE FROM settings WHERE key = 'retention_fault_years'; DROP TABLE legal_holds;
    CREATE TABLE legal_holds (record_type TEXT NOT NULL CHECK (record_type IN ('concern','signature',
      'training','decline','acknowledgement','do_not_publish','do_not_film','contributor_paper',
      'contributor_training','sar')), record_id INTEGER NOT NULL,
      reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
      placed_by INTEGER NOT NULL REFERENCES users(id), placed_at TEXT NOT NULL,
      PRIMARY KEY (record_type, record_id)) WITHOUT ROWID;
    INSERT INTO legal_holds VALUES ('sar', 7, 'A complaint', ${head}, '2026-01-01T00:00:00Z');
    PRAGMA user_version = ${HOLDS - 1}`);
  assert.throws(() => sql(db, `INSERT INTO legal_holds VALUES ('fault', 1, 'x', ${head}, 'now')`), /CHECK/,
    'before the upgrade a hold on a report is refused');
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
  assert.equal(sql(db, "SELECT record_type || ':' || record_id || ':' || reason FROM legal_holds"), 'sar:7:A complaint');
  assert.equal(sql(db, "SELECT value FROM settings WHERE key = 'retention_fault_years'"), '6');
  sql(db, `INSERT INTO legal_holds VALUES ('fault', 1, 'Insurance claim', ${head}, '2026-01-02T00:00:00Z')`);
  assert.throws(() => sql(db, `INSERT INTO legal_holds VALUES ('pupil', 1, 'x', ${head}, 'now')`), /CHECK/);
});
