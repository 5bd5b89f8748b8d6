// A database made before the data protection officer's role, the
// whistleblowing and data-breach categories and the new chronology actions
// is brought up to date in place: the CHECK lists widened, the routing
// added, nothing lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, sql } from './lib.mjs';
import { SCHEMA_VERSION } from './schema_version.mjs';
import { IN_LISTS_42 } from './schema_in_lists.mjs';

// A new demo school in a folder of its own: what each test rolls back to an older version.
function demoDatabase() {
  const db = path.join(mkdtempSync(path.join(tmpdir(), 'staffroom-upgrade-')), 'old.db');
  assert.equal(cli(['demo', '--db', db]).code, 0);
  return db;
}

// The CHECKs as a version-5 schema.sql wrote them, put back by hand.
const NARROW = `
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''chair'',''admin'',''dpo'')', '''chair'',''admin'')')
 WHERE name IN ('user_roles', 'routing');
UPDATE sqlite_schema SET sql = replace(sql, '''staff_conduct'',''whistleblowing'',''data_breach'',''other'')',
  '''staff_conduct'',''other'')') WHERE name = 'concerns';
UPDATE sqlite_schema SET sql = replace(replace(sql, ',''step''', ''),
  ',''threshold'',''copy_given'',''device'',''ico_decision''', '')
 WHERE name = 'concern_events';
PRAGMA writable_schema = OFF;
DELETE FROM user_roles WHERE role = 'dpo';
DELETE FROM role_bits WHERE role = 'dpo';
DELETE FROM routing WHERE category IN ('whistleblowing', 'data_breach');
PRAGMA user_version = 5;`;

test('a version-5 database takes the new role and categories after the upgrade', () => {
  const db = demoDatabase();
  const concerns = sql(db, 'SELECT count(*) FROM concerns');
  sql(db, IN_LISTS_42 + NARROW);
  assert.doesNotMatch(sql(db, "SELECT sql FROM sqlite_schema WHERE name = 'concerns'"), /whistleblowing/);
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
  assert.equal(sql(db, 'SELECT count(*) FROM concerns'), concerns, 'no case lost');
  assert.match(sql(db, "SELECT sql FROM sqlite_schema WHERE name = 'user_roles'"), /'admin','dpo'\)/);
  assert.match(sql(db, "SELECT sql FROM sqlite_schema WHERE name = 'concerns'"),
    /category = 'whistleblowing' OR category = 'data_breach' OR\s+category = 'other'\)/);
  assert.match(sql(db, "SELECT sql FROM sqlite_schema WHERE name = 'concern_events'"),
    /action = 'threshold' OR\s+action = 'copy_given' OR action = 'device' OR action = 'ico_decision' OR\s+action = 'step'\)/);
  assert.equal(sql(db, "SELECT bit FROM role_bits WHERE role = 'dpo'"), '1024');
  assert.equal(sql(db, "SELECT group_concat(category || ':' || role) FROM (SELECT * FROM routing " +
    "WHERE category IN ('whistleblowing', 'data_breach') ORDER BY category, role)"),
  'data_breach:dpo,data_breach:headteacher,whistleblowing:chair,whistleblowing:headteacher');
  // The widened CHECKs are in force for the program itself.
  const add = cli(['user', 'add', '--db', db, '--email', 'dpo@upgraded.test', '--name', 'Dee Pio',
    '--role', 'dpo', '--password-stdin'], { input: 'a long enough phrase 1\n' });
  assert.equal(add.code, 0, add.stderr);
  assert.equal(sql(db, "SELECT role FROM user_roles WHERE role = 'dpo'"), 'dpo');
  // A narrower CHECK would still refuse it: the stored definition is what the
  // database enforces.
  assert.throws(() => sql(db, "INSERT INTO user_roles(user_id, role) VALUES (1, 'nobody')"));
});

// The audit log's outcome and a concern's status, as a version-26
// schema.sql wrote their CHECKs (IN lists), put back by hand.
const IN_LISTS = `
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
  'CHECK (outcome = '''' OR outcome = ''allowed'' OR outcome = ''refused'' OR outcome = ''failed'')',
  'CHECK (outcome IN ('''', ''allowed'', ''refused'', ''failed''))') WHERE name = 'audit';
UPDATE sqlite_schema SET sql = replace(sql,
  'CHECK (status = ''new'' OR status = ''acknowledged'' OR status = ''investigating'' OR
                     status = ''escalated'' OR status = ''closed'')',
  'CHECK (status IN (''new'',''acknowledged'',''investigating'',''escalated'',''closed''))')
 WHERE name = 'concerns';
PRAGMA writable_schema = OFF;
PRAGMA user_version = 26;`;

test('a version-26 database checks the same values by comparisons after the upgrade', () => {
  const db = demoDatabase();
  const schema = () => sql(db, "SELECT group_concat(sql, ' ') FROM sqlite_schema WHERE name IN ('audit', 'concerns')");
  const fresh = schema();
  assert.doesNotMatch(fresh, /outcome IN|status IN/, 'a new database has the comparisons');
  sql(db, IN_LISTS);
  assert.match(schema(), /outcome IN \(''/);
  assert.match(schema(), /status IN \('new'/);
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
  assert.doesNotMatch(schema(), /outcome IN|status IN/);
  // the same stored text as a new database's, so both are read alike
  assert.equal(schema(), fresh);
  assert.match(schema(), /outcome = 'failed'/);
  assert.match(schema(), /status = 'closed'/);
  // Still refused: a value neither list allowed.
  assert.throws(() => sql(db, "UPDATE concerns SET status = 'lost' WHERE id = (SELECT min(id) FROM concerns)"));
  assert.throws(() => sql(db, "INSERT INTO audit(at, action, prev_hash, hash, outcome) VALUES ('x', 'y', 'z', 'w', 'maybe')"));
  assert.equal(sql(db, "SELECT count(*) FROM concerns WHERE status = 'lost'"), '0');
});

test('a version-42 database checks a report\'s codes by comparisons after the upgrade', () => {
  const db = demoDatabase();
  const tables = "('concerns', 'concern_events', 'evidence', 'outbox')";
  const schema = () => sql(db, `SELECT group_concat(sql, ' ') FROM sqlite_schema WHERE name IN ${tables}`);
  const fresh = schema();
  assert.doesNotMatch(fresh, /category IN|action IN|type IN|status IN/, 'a new database has the comparisons');
  const events = sql(db, 'SELECT count(*) FROM concern_events');
  sql(db, IN_LISTS_42);
  assert.match(schema(), /category IN \('cyberbullying_staff'/);
  assert.match(schema(), /action IN \('reported'/);
  assert.match(schema(), /type IN \('image\/png'/);
  assert.match(schema(), /status IN \('queued'/);
  // The temporary table of the values, which every INSERT of an event built.
  const insert = "EXPLAIN INSERT INTO concern_events(concern_id, at, action, detail) VALUES (1, 'x', 'note', '{}')";
  assert.match(sql(db, insert), /OpenEphemeral/);
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
  assert.equal(schema(), fresh, 'the same stored text as a new database');
  assert.doesNotMatch(sql(db, insert), /OpenEphemeral/);
  assert.equal(sql(db, 'SELECT count(*) FROM concern_events'), events, 'nothing lost');
  // The same values allowed and refused as before.
  const first = 'SELECT min(id) FROM concerns';
  const add = (action) => `INSERT INTO concern_events(concern_id, at, action, detail) SELECT (${first}), 'x', '${action}', '{}'`;
  sql(db, add('step'));
  assert.throws(() => sql(db, add('lost')));
  assert.throws(() => sql(db, `UPDATE concerns SET category = 'gossip' WHERE id = (${first})`));
  sql(db, `UPDATE concerns SET category = 'other' WHERE id = (${first})`);
  assert.equal(sql(db, `SELECT category FROM concerns WHERE id = (${first})`), 'other');
  assert.throws(() => sql(db, "INSERT INTO outbox(to_addr, subject, body, created_at, status, next_attempt_at) " +
    "VALUES ('a@b.test', 's', 'b', 'x', 'maybe', 0)"));
});

// A version-31 database: filter_requests as version 11 wrote it, without
// withheld_from.
const NO_WITHHELD = `
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, ',' || char(10) ||
  '  withheld_from   INTEGER REFERENCES users(id)  -- not shown to them (schema version 32)', '')
 WHERE name = 'filter_requests';
PRAGMA writable_schema = OFF;
PRAGMA user_version = 31;`;

test('a version-31 database keeps its filtering requests and can withhold one after the upgrade', () => {
  const db = demoDatabase();
  const schema = () => sql(db, "SELECT sql FROM sqlite_schema WHERE name = 'filter_requests'");
  const fresh = schema();
  assert.match(fresh, /decided_at {6}TEXT,\n {2}withheld_from {3}INTEGER REFERENCES users\(id\)/);
  const rows = sql(db, 'SELECT group_concat(id || kind || site) FROM filter_requests');
  sql(db, NO_WITHHELD);
  assert.doesNotMatch(schema(), /withheld_from/);
  assert.match(schema(), /decided_at {6}TEXT\n\)$/);
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
  assert.equal(schema(), fresh, 'the same stored text as a new database');
  assert.equal(sql(db, 'SELECT group_concat(id || kind || site) FROM filter_requests'), rows, 'nothing lost');
  assert.equal(sql(db, 'SELECT count(*) FROM filter_requests WHERE withheld_from IS NOT NULL'), '0');
  // The new column holds a person, as its REFERENCES says.
  sql(db, 'UPDATE filter_requests SET withheld_from = (SELECT min(id) FROM users) WHERE id = (SELECT min(id) FROM filter_requests)');
  assert.equal(sql(db, 'SELECT count(*) FROM filter_requests WHERE withheld_from IS NOT NULL'), '1');
  assert.throws(() => sql(db, 'PRAGMA foreign_keys = ON; UPDATE filter_requests SET withheld_from = 999999'));
});

// A version-32 database: concern_events' CHECK without 'step', the action
// that records a step the policy asks for (heatons 8.5, 8.7, 8.8, 9.1).
const NO_STEP = `
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, ',''step''', '') WHERE name = 'concern_events';
PRAGMA writable_schema = OFF;
PRAGMA user_version = 32;`;

test('a version-32 database takes policy steps in its chronology after the upgrade', () => {
  const db = demoDatabase();
  const schema = () => sql(db, "SELECT sql FROM sqlite_schema WHERE name = 'concern_events'");
  const fresh = schema();
  assert.match(fresh, /action = 'ico_decision' OR\s+action = 'step'\)/);
  const events = sql(db, 'SELECT count(*) FROM concern_events');
  sql(db, IN_LISTS_42 + NO_STEP);
  assert.doesNotMatch(schema(), /'step'/);
  const step = "INSERT INTO concern_events(concern_id, at, action, detail) " +
    "SELECT min(id), '2026-01-01T00:00:00Z', 'step', '{}' FROM concerns";
  assert.throws(() => sql(db, step), 'the narrow CHECK refuses it');
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
  assert.equal(schema(), fresh, 'the same stored text as a new database');
  assert.equal(sql(db, 'SELECT count(*) FROM concern_events'), events, 'nothing lost');
  sql(db, step);
  assert.equal(sql(db, "SELECT count(*) FROM concern_events WHERE action = 'step'"), '1');
});

// Version 36: two indexes leave out the rows no query looks up through them,
// which most new reports are (no one assigned; not urgent): the cases by who
// has them, and the open urgent cases the queue lists first (in place of an
// index of every case by status).  Each query on them still uses them.
test('a version-35 database indexes only assigned cases and open urgent ones after the upgrade', () => {
  const db = demoDatabase();
  const indexes = () => sql(db, "SELECT name || ': ' || sql FROM sqlite_schema WHERE tbl_name = 'concerns' " +
    "AND type = 'index' AND sql IS NOT NULL ORDER BY name");
  const fresh = indexes();
  assert.match(fresh, /concerns_by_assignee: .* WHERE assignee_id IS NOT NULL$/m);
  assert.match(fresh, /concerns_urgent_open: .*\n  WHERE urgent = 1 AND status IN \('new', 'acknowledged', 'investigating', 'escalated'\)$/m);
  assert.doesNotMatch(fresh, /concerns_queue/);
  sql(db, 'DROP INDEX concerns_by_assignee; CREATE INDEX concerns_by_assignee ON concerns(assignee_id, status); ' +
    'DROP INDEX concerns_urgent_open; CREATE INDEX concerns_queue ON concerns(status, urgent, created_at); ' +
    'PRAGMA user_version = 35');
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  assert.equal(indexes(), fresh, 'the same indexes as a new database');
  assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
  // An index's entries, counted in its pages (a full index holds one for every case).
  const entries = (name) => sql(db, `SELECT coalesce(sum(ncell), 0) FROM dbstat WHERE name = '${name}'`);
  const all = Number(sql(db, 'SELECT count(*) FROM concerns'));
  const assigned = sql(db, 'SELECT count(*) FROM concerns WHERE assignee_id IS NOT NULL');
  assert.ok(Number(assigned) > 0 && all > Number(assigned));
  assert.equal(entries('concerns_by_assignee'), assigned, 'an entry for each assigned case');
  sql(db, "UPDATE concerns SET urgent = 1 WHERE id IN (SELECT min(id) FROM concerns WHERE status = 'new' " +
    "UNION SELECT min(id) FROM concerns WHERE status = 'closed')");
  const urgentOpen = sql(db, "SELECT count(*) FROM concerns WHERE urgent = 1 AND status != 'closed'");
  assert.ok(Number(urgentOpen) > 0 && Number(sql(db, 'SELECT count(*) FROM concerns WHERE urgent = 1')) > Number(urgentOpen));
  assert.equal(entries('concerns_urgent_open'), urgentOpen, 'an entry for each open urgent case');
  assert.match(sql(db, 'EXPLAIN QUERY PLAN SELECT count(*) FROM concerns WHERE assignee_id = 5 ' +
    "AND status IN ('new', 'acknowledged')"), /USING COVERING INDEX concerns_by_assignee/);
});

// Version 47: a concern's receiving roles are kept once, in its mask; the rows that held them by
// name go, and any role such a row held that the mask lacked is added to the mask first, with
// the queue's counts moved to match.
test('a version-46 database keeps each concern\'s receiving roles in its mask alone after the upgrade', () => {
  const db = demoDatabase();
  const roles = () => sql(db, 'SELECT group_concat(concern_id || \':\' || role) FROM ' +
    '(SELECT concern_id, role FROM concern_recipient_roles ORDER BY concern_id, role)');
  const fresh = roles();
  const odd = sql(db, "SELECT min(id) FROM concerns WHERE status = 'new' AND (recipient_mask & 8) = 0");
  assert.ok(Number(odd) > 0, 'a new case the DSL does not receive');
  // The old model: the table, its index and trigger, filled from the masks, and one row the
  // mask lacks (written before the trigger, which would have added it).
  sql(db, `DROP VIEW concern_recipient_roles;
    CREATE TABLE concern_recipients (concern_id INTEGER NOT NULL REFERENCES concerns(id),
      role TEXT NOT NULL, PRIMARY KEY (concern_id, role)) WITHOUT ROWID;
    CREATE INDEX concern_recipients_by_role ON concern_recipients(role, concern_id);
    INSERT INTO concern_recipients SELECT c.id, b.role FROM concerns c JOIN role_bits b
      ON (c.recipient_mask & b.bit) != 0;
    INSERT INTO concern_recipients VALUES (${odd}, 'dsl');
    CREATE TRIGGER concern_recipients_mask AFTER INSERT ON concern_recipients BEGIN
      UPDATE concerns SET recipient_mask = recipient_mask | (SELECT bit FROM role_bits WHERE role = new.role)
       WHERE id = new.concern_id;
    END;
    PRAGMA user_version = 46`);
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
  assert.equal(sql(db, "SELECT group_concat(type || ' ' || name) FROM sqlite_schema WHERE name LIKE 'concern_recipient%'"),
    'view concern_recipient_roles');
  assert.equal(sql(db, `SELECT recipient_mask & 8 FROM concerns WHERE id = ${odd}`), '8', 'the role the row held');
  assert.equal(roles(), fresh.split(',').concat(`${odd}:dsl`)
    .sort((a, b) => Number(a.split(':')[0]) - Number(b.split(':')[0]) || a.localeCompare(b)).join(','));
  // The queue's counts still agree with the cases.
  assert.equal(sql(db, 'SELECT group_concat(mask || status || n) FROM (SELECT mask, status, n FROM concern_counts ' +
    'WHERE n > 0 ORDER BY mask, status)'),
  sql(db, 'SELECT group_concat(recipient_mask || status || n) FROM (SELECT recipient_mask, status, count(*) AS n ' +
    'FROM concerns GROUP BY recipient_mask, status ORDER BY recipient_mask, status)'));
});

// Version 48: the administrator's count of staff who cannot sign in yet names its index, which a
// database made before the index existed lacks until the upgrade adds it.
test('a database without the index of staff who cannot sign in has it after the upgrade', () => {
  const db = demoDatabase();
  const index = "SELECT sql FROM sqlite_schema WHERE name = 'users_without_password'";
  const fresh = sql(db, index);
  assert.match(fresh, /WHERE active = 1 AND password_hash IS NULL$/);
  sql(db, 'DROP INDEX users_without_password; PRAGMA user_version = 47');
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  assert.equal(sql(db, index), fresh);
  assert.equal(sql(db, 'SELECT count(*) FROM users INDEXED BY users_without_password ' +
    'WHERE active = 1 AND password_hash IS NULL'), sql(db, 'SELECT count(*) FROM users WHERE active = 1 AND password_hash IS NULL'));
});

// Version 49: every breach has its breach record, which the breach log pages through by when the
// school became aware. A breach stored without the report form before then had none.
test('a version-48 database gives each breach without a record one, aware when filed, after the upgrade', () => {
  const db = demoDatabase();
  const reporter = sql(db, 'SELECT min(id) FROM users');
  const records = 'SELECT group_concat(c.id || \'=\' || coalesce(b.aware_at || coalesce(b.decision, \'\'), \'none\')) FROM concerns c ' +
    "LEFT JOIN breach_records b ON b.concern_id = c.id WHERE c.category = 'data_breach' ORDER BY c.id";
  sql(db, `DROP TRIGGER breach_record_for_breach; DROP INDEX breach_records_by_aware;
    INSERT INTO concerns(reference, reporter_id, category, summary, created_at, due_by)
      VALUES ('OLD-1', ${reporter}, 'data_breach', 'Stored without the form', '2026-03-04T05:06:07Z', '2026-03-05T00:00:00Z'),
        ('OLD-2', ${reporter}, 'data_breach', 'Filed by the form', '2026-03-04T05:06:07Z', '2026-03-05T00:00:00Z');
    INSERT INTO breach_records(concern_id, aware_at, decision) SELECT id, '2026-03-01T00:00:00Z', 'report'
      FROM concerns WHERE reference = 'OLD-2';
    PRAGMA user_version = 48`);
  const old = sql(db, "SELECT id FROM concerns WHERE reference = 'OLD-1'");
  assert.equal(sql(db, `SELECT count(*) FROM breach_records WHERE concern_id = ${old}`), '0');
  const before = sql(db, records);
  assert.match(before, /=2026-03-01T00:00:00Zreport/);
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  assert.equal(sql(db, records), before.replace(`${old}=none`, `${old}=2026-03-04T05:06:07Z`), 'the others unchanged');
  assert.equal(sql(db, "SELECT count(*) FROM sqlite_schema WHERE name IN ('breach_record_for_breach', 'breach_records_by_aware')"), '2');
  sql(db, `INSERT INTO concerns(reference, reporter_id, category, summary, created_at, due_by)
    VALUES ('NEW-1', ${reporter}, 'data_breach', 'After the upgrade', '2026-04-01T00:00:00Z', '2026-04-02T00:00:00Z')`);
  assert.equal(sql(db, "SELECT b.aware_at FROM breach_records b JOIN concerns c ON c.id = b.concern_id WHERE c.reference = 'NEW-1'"),
    '2026-04-01T00:00:00Z');
  assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
});

// Version 50: who still needs the social-media policy training is kept, row by row, by triggers;
// a database from before has the rows built from its records by the upgrade.
test('a version-49 database keeps who still needs the policy training after the upgrade', () => {
  const db = demoDatabase();
  const list = (from) => sql(db, `SELECT group_concat(user_id || ':' || until, ',') FROM (SELECT * FROM ${from} ORDER BY user_id)`);
  const untrained = list('policy_training_until');
  assert.match(untrained, /:,|:$/, 'someone never trained');
  sql(db, `DROP TRIGGER policy_training_recorded; DROP TABLE policy_training_until;
    INSERT INTO training(user_id, course, completed_on, expires_on, recorded_at)
      SELECT min(id), 'social_media_policy', '2026-01-01', NULL, '2026-01-01T00:00:00Z' FROM users
       WHERE active = 1 AND staff_type = 'teacher';
    PRAGMA user_version = 49`);
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  assert.equal(list('policy_training_until'), list('policy_training_until_rule'));
  assert.notEqual(list('policy_training_until'), untrained, 'the record made before the upgrade counts');
  assert.match(list('policy_training_until'), /:9999-12-31/);
  assert.equal(sql(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'policy_training_recorded'"), '1');
});

// Version 51: the date each closed concern is due for review is kept; a database from before has
// the dates worked out from its records by the upgrade.
test('a version-50 database keeps the dates its closed concerns are due after the upgrade', () => {
  const db = demoDatabase();
  const dates = (from) => sql(db, `SELECT group_concat(concern_id || '=' || due) FROM (SELECT concern_id, due FROM ${from} ` +
    'WHERE due IS NOT NULL ORDER BY concern_id)');
  const triggers = ['filed', 'changed', 'deleted', 'person_left', 'years_changed', 'years_set'].map((t) => `concern_retention_${t}`);
  sql(db, `${triggers.map((t) => `DROP TRIGGER ${t};`).join(' ')} DROP TABLE concern_retention_due; DROP INDEX users_who_left;
    INSERT INTO concerns(reference, reporter_id, category, summary, created_at, due_by, status, closed_at)
      VALUES ('OLD-1', (SELECT min(id) FROM users), 'other', 'Closed before', '2021-05-01T10:00:00Z',
        '2021-05-02T00:00:00Z', 'closed', '2021-05-05T23:30:00Z');
    PRAGMA user_version = 50`);
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  const kept = dates('concern_retention_due');
  assert.equal(kept, dates('concern_retention_rule'));
  assert.match(kept, new RegExp(`(^|,)${sql(db, "SELECT id FROM concerns WHERE reference = 'OLD-1'")}=2027-05-06(,|$)`),
    'closed before the upgrade at 00:30 on 6 May, UK time: kept six years');
  assert.equal(sql(db, `SELECT count(*) FROM sqlite_schema WHERE name IN ('${triggers.join("', '")}', 'users_who_left')`), '7');
  assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
});

// Version 52: each course's number of training records is kept.
test('a version-51 database keeps each course\'s number of training records after the upgrade', () => {
  const db = demoDatabase();
  const counted = 'SELECT group_concat(course || \'=\' || n) FROM (SELECT course, count(*) AS n FROM training GROUP BY course ORDER BY course)';
  sql(db, `DROP TRIGGER course_record_added; DROP TRIGGER course_record_removed; DROP TRIGGER course_record_moved;
    DROP TABLE course_record_counts;
    INSERT INTO training(user_id, course, completed_on, recorded_at) VALUES ((SELECT min(id) FROM users), 'safeguarding', '2026-01-01', '2026-01-01T00:00:00Z');
    PRAGMA user_version = 51`);
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  assert.equal(sql(db, 'SELECT group_concat(course || \'=\' || n) FROM (SELECT * FROM course_record_counts WHERE n > 0 ORDER BY course)'),
    sql(db, counted));
  assert.equal(sql(db, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'course_record_%' AND type = 'trigger'"), '3');
});

// Version 53: the cases sent to the chair are indexed, and only those.
test('a version-52 database has the index of the cases sent to the chair after the upgrade', () => {
  const db = demoDatabase();
  sql(db, 'DROP INDEX concerns_to_chair; PRAGMA user_version = 52');
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  const plan = sql(db, "EXPLAIN QUERY PLAN SELECT id FROM concerns WHERE category = 'data_breach' AND (recipient_mask & 256) != 0");
  assert.match(plan, /USING INDEX concerns_to_chair/);
  assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
});

// Version 54: who needs the policy training is read by name, and the number for each day is kept.
test('a version-53 database keeps the number of people whose training runs to each day after the upgrade', () => {
  const db = demoDatabase();
  const byDay = "SELECT group_concat(until || '=' || n, ',') FROM (SELECT until, count(*) AS n FROM policy_training_until GROUP BY until ORDER BY until)";
  const triggers = ['replaced', 'added', 'removed', 'moved'].map((t) => `policy_training_count_${t}`);
  sql(db, `${triggers.map((t) => `DROP TRIGGER ${t};`).join(' ')} DROP TABLE policy_training_until_counts;
    DROP INDEX policy_training_by_name; DROP INDEX training_latest_by_user;
    INSERT INTO training(user_id, course, completed_on, recorded_at)
      VALUES ((SELECT min(user_id) FROM policy_training_until WHERE until = ''), 'social_media_policy', '2026-01-01', '2026-01-01T00:00:00Z');
    PRAGMA user_version = 53`);
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  assert.equal(sql(db, "SELECT group_concat(until || '=' || n, ',') FROM (SELECT * FROM policy_training_until_counts WHERE n != 0 ORDER BY until)"),
    sql(db, byDay));
  assert.match(sql(db, byDay), /9999-12-31=/, 'the record made before the upgrade counts');
  assert.equal(sql(db, `SELECT count(*) FROM sqlite_schema WHERE name IN ('${triggers.join("', '")}', 'policy_training_by_name', 'training_latest_by_user')`), '6');
});

// Version 55: how many applications wait at each step is kept.
test('a version-54 database keeps how many applications wait at each step after the upgrade', () => {
  const db = demoDatabase();
  const byStatus = "SELECT group_concat(status || '=' || n) FROM (SELECT status, count(*) AS n FROM account_applications GROUP BY status ORDER BY status)";
  sql(db, `DROP TRIGGER application_count_added; DROP TRIGGER application_count_removed; DROP TRIGGER application_count_moved;
    DROP TABLE application_status_counts; DROP INDEX approvals_by_actor;
    UPDATE account_applications SET status = 'withdrawn' WHERE id = (SELECT min(id) FROM account_applications WHERE status = 'submitted');
    PRAGMA user_version = 54`);
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  assert.equal(sql(db, "SELECT group_concat(status || '=' || n) FROM (SELECT * FROM application_status_counts WHERE n != 0 ORDER BY status)"),
    sql(db, byStatus));
  assert.match(sql(db, byStatus), /withdrawn=/, 'the change made before the upgrade counts');
  assert.equal(sql(db, "SELECT count(*) FROM sqlite_schema WHERE name IN ('application_count_added', 'application_count_removed', 'application_count_moved', 'approvals_by_actor')"), '4');
});

// Version 56: what each account's flags are worked out from is kept.
test('a version-55 database keeps each account\'s facts for its flags after the upgrade', () => {
  const db = demoDatabase();
  const triggers = sql(db, "SELECT group_concat(name, ' ') FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'account_state_%'").split(' ');
  assert.ok(triggers.length >= 20, triggers.join(' '));
  sql(db, `${triggers.map((t) => `DROP TRIGGER ${t};`).join(' ')} DROP VIEW account_state_source; DROP TABLE account_state;
    INSERT INTO account_checks(account_id, checked_at, comments_found, all_answered, by_id, recorded_at)
      VALUES (1, '2030-01-01T09:00:00Z', 0, 1, 1, '2030-01-01T09:00:00Z');
    PRAGMA user_version = 55`);
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  assert.equal(sql(db, 'SELECT count(*) FROM account_state'), sql(db, 'SELECT count(*) FROM social_accounts'));
  assert.equal(sql(db, 'SELECT count(*) FROM (SELECT * FROM account_state EXCEPT SELECT * FROM account_state_source)'), '0');
  assert.equal(sql(db, 'SELECT monitor_from FROM account_state WHERE account_id = 1'), '2030-01-01T09:00:00Z',
    'the check made before the upgrade counts');
  assert.equal(sql(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'account_state_%'"), String(triggers.length));
});

// Version 57: who has let the policy training lapse is kept for the day.
test('a version-56 database keeps who has let the policy training lapse, for today, after the upgrade', () => {
  const db = demoDatabase();
  sql(db, `DROP TRIGGER policy_training_lapsed_written; DROP TRIGGER policy_training_lapsed_changed;
    DROP TRIGGER policy_training_lapsed_gone; DROP TABLE policy_training_lapsed; DROP TABLE policy_training_lapsed_on;
    INSERT INTO users(email, name, staff_type, created_at) VALUES ('before.upgrade@demo.school', 'Before Upgrade', 'teacher', '2026-01-01T00:00:00Z');
    PRAGMA user_version = 56`);
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  const today = sql(db, "SELECT date('now', 'localtime')");
  assert.equal(sql(db, 'SELECT day FROM policy_training_lapsed_on'), today);
  const ids = (table) => sql(db, `SELECT group_concat(user_id) FROM (SELECT user_id FROM ${table} ORDER BY user_id)`);
  assert.equal(ids('policy_training_lapsed'), sql(db, 'SELECT group_concat(user_id) FROM (SELECT user_id FROM ' +
    `policy_training_until_rule WHERE until < '${today}' ORDER BY user_id)`));
  assert.match(sql(db, 'SELECT group_concat(name) FROM policy_training_lapsed'), /Before Upgrade/, 'someone added before the upgrade');
});

// UKCIS (2024): a school keeps no nude or semi-nude image of a young person. Files stored on such
// reports before they were refused are deleted by the upgrade, each leaving a note of what it
// was in its chronology, and their bytes are gone from the file; other cases keep theirs.
test('a version-36 database keeps no file on a report of a nude or semi-nude image after the upgrade', () => {
  const db = demoDatabase();
  // A report of an image, as one made before files were refused on it.
  const image = sql(db, 'SELECT min(id) FROM concerns WHERE id NOT IN (SELECT concern_id FROM evidence)');
  sql(db, `UPDATE concerns SET category = 'sexting' WHERE id = ${image}`);
  const other = sql(db, "SELECT min(concern_id) FROM evidence e JOIN concerns c ON c.id = e.concern_id WHERE c.category = 'other' OR c.category = 'parent_post'");
  const keptBefore = sql(db, `SELECT count(*) FROM evidence WHERE concern_id = ${other}`);
  assert.ok(Number(keptBefore) > 0);
  const marker = 'LEGACY-PICTURE-BYTES-7319';
  sql(db, `INSERT INTO evidence(concern_id, filename, type, size, sha256, bytes, added_at)
    VALUES (${image}, 'photo.png', 'image/png', 25, '${'ab'.repeat(32)}', CAST('${marker}' AS BLOB), '2026-01-05T10:00:00Z');
    PRAGMA user_version = 36`);
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  assert.equal(sql(db, `SELECT count(*) FROM evidence WHERE concern_id = ${image}`), '0');
  assert.equal(sql(db, `SELECT count(*) FROM evidence WHERE concern_id = ${other}`), keptBefore, 'other cases keep their files');
  const note = sql(db, `SELECT json_extract(detail, '$.text') FROM concern_events WHERE concern_id = ${image} AND action = 'note' ORDER BY id DESC LIMIT 1`);
  assert.match(note, new RegExp(`^Evidence file \\d+ \\(image/png, 25 bytes, SHA-256 ${'ab'.repeat(32)}\\) was deleted when staffroom was upgraded`));
  assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
  for (const f of [db, `${db}-wal`])
    if (existsSync(f)) assert.ok(!readFileSync(f).includes(Buffer.from(marker)), `the picture's bytes are gone from ${path.basename(f)}`);
});

// Version 38: a signing again entered from paper keeps its paper's record,
// deleted with it; a person may decline a version again in a later year, so
// a decline is no longer one a version and person.  The declines are kept.
test('a version-37 database keeps its declines and takes a second one after the upgrade', () => {
  const db = demoDatabase();
  const declines = sql(db, 'SELECT group_concat(id || reason) FROM policy_declines');
  assert.ok(declines);
  sql(db, 'DROP TRIGGER paper_acknowledgement_deleted; DROP TABLE paper_acknowledgements; ' +
    'ALTER TABLE policy_declines RENAME TO d36; ' +
    'CREATE TABLE policy_declines (id INTEGER PRIMARY KEY, version_id INTEGER NOT NULL, ' +
    'user_id INTEGER NOT NULL, reason TEXT NOT NULL, declined_at TEXT NOT NULL, UNIQUE (version_id, user_id)); ' +
    'INSERT INTO policy_declines SELECT * FROM d36; DROP TABLE d36; PRAGMA user_version = 37');
  assert.throws(() => sql(db, 'INSERT INTO policy_declines(version_id, user_id, reason, declined_at) ' +
    "SELECT version_id, user_id, 'Again.', '2030-01-01T00:00:00Z' FROM policy_declines LIMIT 1"));
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
  assert.equal(sql(db, 'SELECT group_concat(id || reason) FROM policy_declines'), declines, 'nothing lost');
  sql(db, 'INSERT INTO policy_declines(version_id, user_id, reason, declined_at) ' +
    "SELECT version_id, user_id, 'Again.', '2030-01-01T00:00:00Z' FROM policy_declines LIMIT 1");
  assert.match(sql(db, "SELECT sql FROM sqlite_schema WHERE name = 'policy_declines_by_person'"), /declined_at/);
  // A signing again entered from paper goes with its signing again.
  sql(db, 'INSERT INTO policy_acknowledgements(version_id, user_id, typed_name, acknowledged_at, address, ' +
    "user_agent, body_sha256) VALUES (1, 1, 'X', '2030-01-01T00:00:00Z', 'paper', '', 'x'); " +
    'INSERT INTO paper_acknowledgements VALUES (last_insert_rowid(), 1, \'2030-01-01\', 1, \'2030-01-02T00:00:00Z\'); ' +
    'DELETE FROM policy_acknowledgements WHERE id = (SELECT max(id) FROM policy_acknowledgements)');
  assert.equal(sql(db, 'SELECT count(*) FROM paper_acknowledgements'), '0');
});

// Version 39: each paper a contributor who is not staff signs after the
// first is kept beside it, and deleted with it.  Nothing else changes.
test('a version-38 database keeps its contributors\' papers and takes their later ones after the upgrade', () => {
  const db = demoDatabase();
  const papers = sql(db, "SELECT group_concat(contributor_id || ':' || version_id || ':' || paper_date) FROM contributor_paper");
  assert.ok(papers);
  sql(db, 'DROP TRIGGER contributor_paper_deleted; DROP TABLE contributor_paper_again; PRAGMA user_version = 38');
  const r = cli(['init', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(sql(db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
  assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
  assert.equal(sql(db, "SELECT group_concat(contributor_id || ':' || version_id || ':' || paper_date) FROM contributor_paper"),
    papers, 'nothing lost');
  assert.match(sql(db, "SELECT sql FROM sqlite_schema WHERE name = 'contributor_paper_again_by_contributor'"), /contributor_id, id/);
  const cid = sql(db, 'SELECT min(contributor_id) FROM contributor_paper');
  sql(db, 'INSERT INTO contributor_paper_again(contributor_id, version_id, paper_date, recorded_by, recorded_at) ' +
    `SELECT contributor_id, version_id, '2030-09-02', recorded_by, '2030-09-03T00:00:00Z' FROM contributor_paper WHERE contributor_id = ${cid}`);
  assert.equal(sql(db, 'SELECT count(*) FROM contributor_paper_again'), '1');
  // The retention review deletes the paper signature: its later papers go with it.
  sql(db, `DELETE FROM contributor_paper WHERE contributor_id = ${cid}`);
  assert.equal(sql(db, 'SELECT count(*) FROM contributor_paper_again'), '0');
});
