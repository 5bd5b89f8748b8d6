// Helpers for the social-media account tests.  The AUP and training pages
// are built in parallel by someone else, so these tests set up policies,
// versions, signatures and training rows directly in the database.
import { sql } from './lib.mjs';

export const HEX64 = 'a'.repeat(64);

export function uid(db, email) {
  return Number(sql(db, `SELECT id FROM users WHERE email = '${email}'`));
}

// A current policy that applies to every staff type; returns its version id.
export function addPolicy(db, title) {
  sql(db, `INSERT INTO policies(title, applies_to, created_at) VALUES ('${title}',
    'teacher,support,supply,governor,contractor,volunteer', '2020-01-01T00:00:00Z')`);
  const pid = sql(db, `SELECT max(id) FROM policies`);
  sql(db, `INSERT INTO policy_versions(policy_id, number, body, sha256, summary, effective, review_due, published_at)
    VALUES (${pid}, 1, 'Be kind online.', '${HEX64}', 'Summary', '2020-01-01', '2099-01-01', '2020-01-01T00:00:00Z')`);
  return Number(sql(db, `SELECT max(id) FROM policy_versions`));
}

// Signs every policy version the person has not signed, and signs those of
// policies signed again every year (the demo's code of conduct) again now.
export function signAll(db, email) {
  const id = uid(db, email);
  sql(db, `INSERT INTO signatures(version_id, user_id, typed_name, signed_at, address, user_agent, body_sha256)
    SELECT v.id, ${id}, 'typed', '2020-01-02T00:00:00Z', '127.0.0.1', 'test', v.sha256 FROM policy_versions v
    WHERE NOT EXISTS (SELECT 1 FROM signatures s WHERE s.version_id = v.id AND s.user_id = ${id})`);
  sql(db, `INSERT INTO policy_acknowledgements(version_id, user_id, typed_name, acknowledged_at, address, user_agent, body_sha256)
    SELECT v.id, ${id}, 'typed', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), '127.0.0.1', 'test', v.sha256
    FROM policy_versions v JOIN policy_renewals r ON r.policy_id = v.policy_id`);
}

export function train(db, email, expires = '2099-12-31') {
  sql(db, `INSERT INTO training(user_id, course, completed_on, expires_on, recorded_at)
    VALUES (${uid(db, email)}, 'social_media_policy', '2020-01-01', '${expires}', '2020-01-01T00:00:00Z')`);
}

// A lead who passes every policy check.
export function qualify(db, email) {
  signAll(db, email);
  train(db, email);
}

export function application(overrides = {}) {
  return {
    platform: 'instagram', name: 'hillside_history', department: 'History',
    aim: 'Share trips and projects with families.', audience: 'Parents and pupils',
    promotion: 'Newsletter and website', lead: 'teacher@demo.school', visibility: 'open',
    monitoring: 'Checked every school day before 9am; answered within 24 hours.',
    ...overrides,
  };
}

export function count(db, table, where = '1') {
  return Number(sql(db, `SELECT count(*) FROM ${table} WHERE ${where}`));
}

export function auditRows(db, action) {
  return sql(db, `SELECT actor || '|' || object || '|' || detail FROM audit WHERE action = '${action}' ORDER BY id`)
    .split('\n').filter(Boolean);
}

// Every box of the checklist for closing an account ticked.
export const CLOSE_TICKED = { reason: 'Department merged', password_changed: 'yes', recovery_changed: 'yes',
  two_factor_moved: 'yes', content_archived: 'yes' };
