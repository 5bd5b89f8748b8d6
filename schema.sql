-- staffroom: the whole data model.  Read this file and you know the product.
--
-- Applied whole by `staffroom init` to a new database.  What is added later
-- goes at the end, in a part that starts with a "-- Schema version N" line
-- and may run twice: staffroom adds it to an older database when it opens
-- it (docs/HACKING.md, src/db/schema_upgrade.h).  Timestamps are UTC
-- ISO-8601 text ("2026-11-20T09:30:00Z"), dates are "YYYY-MM-DD".  Statuses
-- are CHECK-constrained text.  Foreign keys are enforced (PRAGMA foreign_keys).

-- People -----------------------------------------------------------------

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(email) BETWEEN 3 AND 254),
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  job_title     TEXT NOT NULL DEFAULT '',
  department    TEXT NOT NULL DEFAULT '',
  staff_type    TEXT NOT NULL DEFAULT 'teacher'
                CHECK (staff_type IN ('teacher','support','supply','governor','contractor','volunteer')),
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  left_on       TEXT,                       -- date the person left (set on deactivation)
  password_hash TEXT,                       -- argon2id string; NULL: cannot sign in yet
  created_at    TEXT NOT NULL
);

-- Active staff in name order: whole-school lists (compliance, the staff
-- list) read this index instead of the table.
CREATE INDEX users_by_active ON users(active DESC, name);
-- The few who cannot sign in yet (counted on the staff page).
CREATE INDEX users_without_password ON users(id) WHERE active = 1 AND password_hash IS NULL;

CREATE TABLE user_roles (
  user_id INTEGER NOT NULL REFERENCES users(id),
  role    TEXT NOT NULL CHECK (role IN ('staff','headteacher','slt','dsl','moderator',
                                        'business_manager','network_manager','governor','chair','admin')),
  PRIMARY KEY (user_id, role)
) WITHOUT ROWID;
CREATE INDEX user_roles_by_role ON user_roles(role, user_id);

-- Sessions: only a SHA-256 of the cookie token is stored.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  csrf       TEXT NOT NULL,
  created_at INTEGER NOT NULL,              -- unix seconds (compared arithmetically)
  last_seen  INTEGER NOT NULL,
  flash      TEXT                           -- one-shot message shown on the next page
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions(user_id);

-- Failed sign-ins, counted per account and per address, to slow guessing.
CREATE TABLE throttle (
  key        TEXT PRIMARY KEY,              -- 'acct:<email>' or 'addr:<address>'
  failures   INTEGER NOT NULL,
  last_at    INTEGER NOT NULL               -- unix milliseconds of the last failure
) WITHOUT ROWID;

-- School settings as key/value pairs (school_name, account_decider, ...).
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- Days the school is closed (holidays, INSET days): skipped by working-day deadlines.
CREATE TABLE closure_days (
  day   TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  label TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE notifications (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  kind       TEXT NOT NULL,
  message    TEXT NOT NULL,
  link       TEXT NOT NULL DEFAULT '/',
  created_at TEXT NOT NULL,
  read_at    TEXT,
  emailed_at TEXT
);
CREATE INDEX notifications_by_user ON notifications(user_id, read_at, id);

-- The audit log: append-only and hash-chained.  hash = SHA-256(prev_hash | the row's content),
-- keyed from the row whose action is 'audit.keyed' on (see schema version 3).
CREATE TABLE audit (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor_id  INTEGER,                        -- NULL for the system or an unknown person
  actor     TEXT NOT NULL DEFAULT '',       -- e-mail at the time, kept even if the user changes
  address   TEXT NOT NULL DEFAULT '',
  action    TEXT NOT NULL,
  object    TEXT NOT NULL DEFAULT '',
  detail    TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL,
  -- From schema version 23 (ASVS 16.2.1): the actor's roles then, and whether
  -- it was allowed, refused or failed, and why.  '' on rows written before.
  roles     TEXT NOT NULL DEFAULT '',
  outcome   TEXT NOT NULL DEFAULT ''
            CHECK (outcome = '' OR outcome = 'allowed' OR outcome = 'refused' OR outcome = 'failed'),
  reason    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_actor ON audit(actor, id);
CREATE INDEX audit_by_action ON audit(action, id);
CREATE INDEX audit_by_object ON audit(object, id);
CREATE INDEX audit_by_at ON audit(at);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Acceptable-use agreement and other policies --------------------------------

CREATE TABLE policies (
  id         INTEGER PRIMARY KEY,
  title      TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  applies_to TEXT NOT NULL,                 -- comma-separated staff types
  created_at TEXT NOT NULL
);

-- Published versions never change (see trigger).
CREATE TABLE policy_versions (
  id           INTEGER PRIMARY KEY,
  policy_id    INTEGER NOT NULL REFERENCES policies(id),
  number       INTEGER NOT NULL,
  body         TEXT NOT NULL,               -- Markdown
  sha256       TEXT NOT NULL,               -- of body, exactly as signed
  summary      TEXT NOT NULL,
  effective    TEXT NOT NULL,               -- date
  review_due   TEXT NOT NULL,               -- date
  published_at TEXT NOT NULL,
  published_by INTEGER REFERENCES users(id),
  UNIQUE (policy_id, number)
);
CREATE INDEX policy_versions_current ON policy_versions(policy_id, effective, id);
CREATE TRIGGER policy_versions_immutable BEFORE UPDATE ON policy_versions
  BEGIN SELECT RAISE(ABORT, 'a published policy version never changes'); END;

CREATE TABLE signatures (
  id          INTEGER PRIMARY KEY,
  version_id  INTEGER NOT NULL REFERENCES policy_versions(id),
  user_id     INTEGER NOT NULL REFERENCES users(id),
  typed_name  TEXT NOT NULL,
  signed_at   TEXT NOT NULL,
  address     TEXT NOT NULL,
  user_agent  TEXT NOT NULL,
  body_sha256 TEXT NOT NULL,
  UNIQUE (version_id, user_id)
);
CREATE INDEX signatures_by_user ON signatures(user_id, version_id);

CREATE TABLE courses (
  code  TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND length(code) <= 64),
  title TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE training (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id),
  course       TEXT NOT NULL REFERENCES courses(code),
  completed_on TEXT NOT NULL,
  expires_on   TEXT,
  recorded_by  INTEGER REFERENCES users(id),
  recorded_at  TEXT NOT NULL,
  CHECK (expires_on IS NULL OR expires_on >= completed_on)
);
CREATE INDEX training_by_user ON training(user_id, course, expires_on);

-- Concerns ----------------------------------------------------------------

CREATE TABLE routing (
  category TEXT NOT NULL,
  role     TEXT NOT NULL CHECK (role IN ('headteacher','slt','dsl','moderator','business_manager',
                                         'network_manager','chair','admin')),
  PRIMARY KEY (category, role)
) WITHOUT ROWID;

CREATE TABLE concerns (
  id          INTEGER PRIMARY KEY,
  reference   TEXT NOT NULL UNIQUE,         -- shown to people: C-2026-000123
  reporter_id INTEGER NOT NULL REFERENCES users(id),
  category    TEXT NOT NULL CHECK (category IN ('cyberbullying_staff','cyberbullying_pupil',
                'pupil_contact','parent_post','premises_content','sexting','account_comment',
                'media_contact','staff_conduct','other')),
  summary     TEXT NOT NULL CHECK (length(summary) BETWEEN 1 AND 200),
  details     TEXT NOT NULL DEFAULT '',
  occurred_at TEXT,
  platform    TEXT NOT NULL DEFAULT '',
  url         TEXT NOT NULL DEFAULT '',
  involved    TEXT NOT NULL DEFAULT '',
  about_id    INTEGER REFERENCES users(id), -- the member of staff it is about; never sees it
  account_id  INTEGER REFERENCES social_accounts(id),
  urgent      INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0,1)),
  status      TEXT NOT NULL DEFAULT 'new'
              CHECK (status = 'new' OR status = 'acknowledged' OR status = 'investigating' OR
                     status = 'escalated' OR status = 'closed'),
  assignee_id INTEGER REFERENCES users(id),
  created_at  TEXT NOT NULL,
  due_by      TEXT NOT NULL,                -- acknowledge by (end of that working day)
  acknowledged_at TEXT,
  closed_at   TEXT,
  outcome     TEXT,
  outcome_category TEXT,
  recipient_mask INTEGER NOT NULL DEFAULT 0  -- the receiving roles as role bits (see role_bits)
);
CREATE INDEX concerns_queue ON concerns(status, urgent, created_at);
CREATE INDEX concerns_by_reporter ON concerns(reporter_id, id);
CREATE INDEX concerns_by_category ON concerns(category, id);
CREATE INDEX concerns_by_assignee ON concerns(assignee_id, status);
-- Covering, so "how many new cases are overdue for me" reads only index entries.
CREATE INDEX concerns_overdue ON concerns(status, due_by, recipient_mask, about_id);
CREATE INDEX concerns_by_created ON concerns(created_at);
CREATE INDEX concerns_by_status_created ON concerns(status, created_at);
CREATE INDEX concerns_by_about ON concerns(about_id) WHERE about_id IS NOT NULL;

-- The bit each role has in a mask; the same values as ROLE_LIST in src/core/roles.h
-- (tests/unit/test_lists.c checks they agree, and the CHECK lists of roles,
-- platforms, concern categories and statuses against their C lists).
CREATE TABLE role_bits (
  role TEXT PRIMARY KEY,
  bit  INTEGER NOT NULL UNIQUE
) WITHOUT ROWID;
INSERT INTO role_bits(role, bit) VALUES ('staff', 1), ('headteacher', 2), ('slt', 4), ('dsl', 8),
  ('moderator', 16), ('business_manager', 32), ('network_manager', 64), ('governor', 128), ('chair', 256),
  ('admin', 512);

-- Who receives a concern, fixed when it is filed (routing may change later):
-- its recipient_mask, one bit a role, so that "may this person see it" is
-- one AND and the queue's counts need not read every case ever filed.  The
-- roles by name, for reading; nothing else stores them (schema version 47).
CREATE VIEW concern_recipient_roles(concern_id, role) AS
  SELECT c.id, b.role FROM concerns c JOIN role_bits b ON (c.recipient_mask & b.bit) != 0;

-- How many concerns each set of receiving roles has in each status, kept by
-- triggers in the same transaction as every change.
CREATE TABLE concern_counts (
  mask   INTEGER NOT NULL,
  status TEXT NOT NULL,
  n      INTEGER NOT NULL,
  PRIMARY KEY (mask, status)
) WITHOUT ROWID;
CREATE TRIGGER concern_counts_insert AFTER INSERT ON concerns BEGIN
  INSERT INTO concern_counts(mask, status, n) VALUES (new.recipient_mask, new.status, 1)
    ON CONFLICT(mask, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER concern_counts_update AFTER UPDATE OF status, recipient_mask ON concerns
  WHEN old.status != new.status OR old.recipient_mask != new.recipient_mask BEGIN
  UPDATE concern_counts SET n = n - 1 WHERE mask = old.recipient_mask AND status = old.status;
  INSERT INTO concern_counts(mask, status, n) VALUES (new.recipient_mask, new.status, 1)
    ON CONFLICT(mask, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER concern_counts_delete AFTER DELETE ON concerns BEGIN
  UPDATE concern_counts SET n = n - 1 WHERE mask = old.recipient_mask AND status = old.status;
END;

-- The chronology.  Never updated or deleted: corrections are new events.
CREATE TABLE concern_events (
  id         INTEGER PRIMARY KEY,
  concern_id INTEGER NOT NULL REFERENCES concerns(id),
  at         TEXT NOT NULL,
  actor_id   INTEGER REFERENCES users(id),
  action     TEXT NOT NULL CHECK (action IN ('reported','acknowledge','note','assign','status',
                                           'escalate','close','reopen','evidence')),
  detail     TEXT NOT NULL DEFAULT '',       -- JSON object of the action's fields
  internal   INTEGER NOT NULL DEFAULT 1 CHECK (internal IN (0,1))
);
CREATE INDEX concern_events_by_concern ON concern_events(concern_id, id);
CREATE TRIGGER concern_events_no_update BEFORE UPDATE ON concern_events
  BEGIN SELECT RAISE(ABORT, 'the chronology is append-only'); END;
CREATE TRIGGER concern_events_no_delete BEFORE DELETE ON concern_events
  BEGIN SELECT RAISE(ABORT, 'the chronology is append-only'); END;

CREATE TABLE evidence (
  id         INTEGER PRIMARY KEY,
  concern_id INTEGER NOT NULL REFERENCES concerns(id),
  filename   TEXT NOT NULL,
  type       TEXT NOT NULL CHECK (type IN ('image/png','image/jpeg','application/pdf','text/plain')),
  size       INTEGER NOT NULL,
  sha256     TEXT NOT NULL,
  bytes      BLOB NOT NULL,
  added_at   TEXT NOT NULL,
  added_by   INTEGER REFERENCES users(id)
);
CREATE INDEX evidence_by_concern ON evidence(concern_id, id);

-- Departmental social-media accounts ----------------------------------------

CREATE TABLE account_applications (
  id           INTEGER PRIMARY KEY,
  applicant_id INTEGER NOT NULL REFERENCES users(id),
  platform     TEXT NOT NULL CHECK (platform IN ('x','facebook','instagram','youtube','tiktok',
                                                 'linkedin','blog','other')),
  platform_other TEXT NOT NULL DEFAULT '',  -- what the platform is, when platform = 'other'
  name         TEXT NOT NULL,
  department   TEXT NOT NULL,
  aim          TEXT NOT NULL,
  audience     TEXT NOT NULL,
  promotion    TEXT NOT NULL,
  lead_id      INTEGER NOT NULL REFERENCES users(id),
  visibility   TEXT NOT NULL CHECK (visibility IN ('open','closed')),
  monitoring   TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'submitted'
               CHECK (status IN ('submitted','forwarded','returned','approved','rejected','withdrawn')),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  account_id   INTEGER REFERENCES social_accounts(id)
);
CREATE INDEX applications_by_status ON account_applications(status, id);
CREATE INDEX applications_by_applicant ON account_applications(applicant_id, id);
CREATE INDEX applications_by_lead ON account_applications(lead_id, id);

-- One row per step and decision: the application's history.
CREATE TABLE approvals (
  id             INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES account_applications(id),
  step           TEXT NOT NULL CHECK (step IN ('submit','review','decision','resubmit','withdraw')),
  decision       TEXT NOT NULL,
  comment        TEXT NOT NULL DEFAULT '',
  actor_id       INTEGER NOT NULL REFERENCES users(id),
  at             TEXT NOT NULL,
  checks         TEXT NOT NULL DEFAULT ''    -- JSON: the policy checks at that moment
);
CREATE INDEX approvals_by_application ON approvals(application_id, id);

CREATE TABLE social_accounts (
  id           INTEGER PRIMARY KEY,
  platform     TEXT NOT NULL CHECK (platform IN ('x','facebook','instagram','youtube','tiktok',
                                                 'linkedin','blog','other')),
  platform_other TEXT NOT NULL DEFAULT '',  -- what the platform is, when platform = 'other'
  name         TEXT NOT NULL,               -- handle
  url          TEXT NOT NULL DEFAULT '',
  department   TEXT NOT NULL,
  lead_id      INTEGER NOT NULL REFERENCES users(id),
  visibility   TEXT NOT NULL DEFAULT 'open' CHECK (visibility IN ('open','closed')),
  status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended','closed')),
  created_at   TEXT NOT NULL,
  closed_at    TEXT,
  close_reason TEXT,
  -- XChaCha20-Poly1305 under the key file; never stored in clear.
  cred_nonce   BLOB,
  cred_box     BLOB,
  cred_updated_at TEXT
);
CREATE INDEX social_accounts_by_lead ON social_accounts(lead_id, status);
CREATE INDEX social_accounts_by_status ON social_accounts(status, id);
-- The register's order: open accounts by name, then closed ones.
CREATE INDEX social_accounts_register ON social_accounts(status = 'closed', name COLLATE NOCASE, id);

CREATE TABLE account_checks (
  id             INTEGER PRIMARY KEY,
  account_id     INTEGER NOT NULL REFERENCES social_accounts(id),
  checked_at     TEXT NOT NULL,
  comments_found INTEGER NOT NULL CHECK (comments_found IN (0,1)),
  all_answered   INTEGER NOT NULL CHECK (all_answered IN (0,1)),
  notes          TEXT NOT NULL DEFAULT '',
  by_id          INTEGER NOT NULL REFERENCES users(id),
  concern_id     INTEGER REFERENCES concerns(id),
  recorded_at    TEXT NOT NULL
);
CREATE INDEX account_checks_by_account ON account_checks(account_id, checked_at);

-- Defaults ---------------------------------------------------------------

-- Who receives each category of concern (heatons 5.4, 6.3, 6.8, 7.3;
-- ravens-wood 8 and 10; pupil contact also to the DSL: the acceptable-use agreement,
-- "If a pupil tries to contact you": "Tell the Designated Safeguarding Lead (DSL) the same day").  An administrator edits this at /admin/routing.
INSERT INTO routing(category, role) VALUES
  ('cyberbullying_staff','headteacher'), ('cyberbullying_staff','slt'),
  ('cyberbullying_pupil','dsl'),         ('cyberbullying_pupil','headteacher'),
  ('pupil_contact','dsl'),              ('pupil_contact','headteacher'),
  ('parent_post','headteacher'),         ('parent_post','slt'),
  ('premises_content','network_manager'),('premises_content','headteacher'),
  ('sexting','dsl'),                     ('sexting','headteacher'),
  ('account_comment','moderator'),
  ('media_contact','slt'),
  ('staff_conduct','headteacher'),
  ('other','headteacher');

INSERT INTO courses(code, title) VALUES
  ('social_media_policy', 'Social-media policy'),
  ('safeguarding', 'Safeguarding induction');

INSERT INTO settings(key, value) VALUES
  ('school_name', 'Our school'),
  ('account_decider', 'business_manager');

-- Two-factor sign-in, e-mail, records management -----------------------

-- A person's TOTP secret (RFC 6238: SHA-1, 6 digits, 30 s), sealed with
-- XChaCha20-Poly1305 under the key file with "totp:<user id>" as associated
-- data, so that a copy of the database never holds a usable secret.
-- confirmed_at is NULL while enrolling; last_step refuses a code twice.
CREATE TABLE totp (
  user_id      INTEGER PRIMARY KEY REFERENCES users(id),
  nonce        BLOB NOT NULL,
  box          BLOB NOT NULL,
  created_at   TEXT NOT NULL,
  confirmed_at TEXT,
  last_step    INTEGER NOT NULL DEFAULT 0
);

-- One-time recovery codes: only SHA-256("<user id>:<code>") is stored; the
-- codes carry 80 random bits, so the hash cannot be searched back.
CREATE TABLE recovery_codes (
  user_id   INTEGER NOT NULL REFERENCES users(id),
  code_hash TEXT NOT NULL,
  used_at   TEXT,
  PRIMARY KEY (user_id, code_hash)
) WITHOUT ROWID;

-- Half-signed-in: the password was right, the code is still owed.  Not a
-- session: nothing but the code page accepts it.  Token stored as SHA-256.
CREATE TABLE pending_logins (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  csrf       TEXT NOT NULL,
  created_at INTEGER NOT NULL,             -- unix seconds; lives five minutes
  next       TEXT NOT NULL DEFAULT '/'
) WITHOUT ROWID;

-- E-mail waiting to go, written in the transaction of the event that caused
-- it (src/core/notify.c) and sent by the mail thread (src/core/mailer.c).
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  notification_id INTEGER REFERENCES notifications(id),
  user_id         INTEGER REFERENCES users(id),
  to_addr         TEXT NOT NULL,
  subject         TEXT NOT NULL,
  body            TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','sent','failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,         -- unix seconds
  sent_at         TEXT,
  last_error      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);

-- A legal hold stops a record being deleted under its retention rule.
CREATE TABLE legal_holds (
  record_type TEXT NOT NULL CHECK (record_type IN ('concern','signature','training')),
  record_id   INTEGER NOT NULL,
  reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  placed_by   INTEGER NOT NULL REFERENCES users(id),
  placed_at   TEXT NOT NULL,
  PRIMARY KEY (record_type, record_id)
) WITHOUT ROWID;

-- The register of what was deleted under a retention rule: what, when, who
-- and why, never the content.  Append-only, like the audit log.
CREATE TABLE disposals (
  id          INTEGER PRIMARY KEY,
  record_type TEXT NOT NULL,
  record_id   INTEGER NOT NULL,
  label       TEXT NOT NULL,                -- a reference or a description without content
  rule        TEXT NOT NULL,                -- the rule and the date it made the record due
  reason      TEXT NOT NULL,
  by_id       INTEGER NOT NULL REFERENCES users(id),
  at          TEXT NOT NULL
);
CREATE INDEX disposals_by_record ON disposals(record_type, record_id);
CREATE TRIGGER disposals_no_update BEFORE UPDATE ON disposals
  BEGIN SELECT RAISE(ABORT, 'the disposal register is append-only'); END;
CREATE TRIGGER disposals_no_delete BEFORE DELETE ON disposals
  BEGIN SELECT RAISE(ABORT, 'the disposal register is append-only'); END;

-- A concern's chronology stays append-only, except that it goes with its
-- concern once the disposal register records that concern's deletion.
DROP TRIGGER concern_events_no_delete;
CREATE TRIGGER concern_events_no_delete BEFORE DELETE ON concern_events
  WHEN NOT EXISTS (SELECT 1 FROM disposals d WHERE d.record_type = 'concern' AND d.record_id = OLD.concern_id)
  BEGIN SELECT RAISE(ABORT, 'the chronology is append-only'); END;

-- Second factor required for these roles (demo schools set it empty);
-- retention rules in years (see docs/RECORDS.md).
INSERT INTO settings(key, value) VALUES
  ('require_2fa_roles', 'headteacher,dsl,slt,moderator,chair,admin'),
  ('retention_concern_staff_years', '10'),
  ('retention_retirement_review_years', '10'),
  ('retention_safeguarding_years', '25'),
  ('retention_concern_years', '6'),
  ('retention_signature_years', '6'),
  ('retention_training_years', '6');

-- Schema version 2: compliance at scale ------------------------------------
--
-- A database made before this part gets it when staffroom next opens it
-- (src/db/schema_upgrade.c), so everything down to the next "-- Schema version"
-- line may run again on a database that has it already: IF NOT EXISTS, and
-- the kept tables rebuilt from the records at the end.

-- Active people by staff type and department: who must sign, per group.
-- Kept by triggers in the same transaction as every change to people.
CREATE TABLE IF NOT EXISTS staff_counts (
  staff_type TEXT NOT NULL,
  department TEXT NOT NULL,
  n          INTEGER NOT NULL,
  PRIMARY KEY (staff_type, department)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS staff_counts_insert AFTER INSERT ON users WHEN new.active = 1 BEGIN
  INSERT INTO staff_counts(staff_type, department, n) VALUES (new.staff_type, new.department, 1)
    ON CONFLICT(staff_type, department) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS staff_counts_update AFTER UPDATE OF active, staff_type, department ON users
  WHEN old.active != new.active OR old.staff_type != new.staff_type OR old.department != new.department BEGIN
  UPDATE staff_counts SET n = n - 1 WHERE old.active = 1 AND staff_type = old.staff_type AND department = old.department;
  INSERT INTO staff_counts(staff_type, department, n) SELECT new.staff_type, new.department, 1 WHERE new.active = 1
    ON CONFLICT(staff_type, department) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS staff_counts_delete AFTER DELETE ON users WHEN old.active = 1 BEGIN
  UPDATE staff_counts SET n = n - 1 WHERE staff_type = old.staff_type AND department = old.department;
END;

-- Who has not signed a policy version: every active person whose staff type
-- the policy applies to and who has no signature of that version (current,
-- upcoming or superseded).  Derived from users, policies, policy_versions
-- and signatures by the triggers below, so that the compliance page reads
-- one page of its outstanding list, in its order, from an index.  since is
-- the day the wait began: the version's effective date, or the day the
-- person joined if that was later; name is the person's, for the order.
CREATE TABLE IF NOT EXISTS awaiting_signature (
  version_id INTEGER NOT NULL,
  user_id    INTEGER NOT NULL,
  since      TEXT NOT NULL,
  name       TEXT NOT NULL,
  staff_type TEXT NOT NULL,
  department TEXT NOT NULL,
  PRIMARY KEY (version_id, user_id)
) WITHOUT ROWID;
-- The list's order: longest waiting first, then by name.
CREATE INDEX IF NOT EXISTS awaiting_signature_order ON awaiting_signature(version_id, since, name, user_id);
CREATE INDEX IF NOT EXISTS awaiting_signature_by_user ON awaiting_signature(user_id);

-- How many of each group have not signed each version (the figures).
CREATE TABLE IF NOT EXISTS awaiting_counts (
  version_id INTEGER NOT NULL,
  staff_type TEXT NOT NULL,
  department TEXT NOT NULL,
  n          INTEGER NOT NULL,
  PRIMARY KEY (version_id, staff_type, department)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS awaiting_counts_insert AFTER INSERT ON awaiting_signature BEGIN
  INSERT INTO awaiting_counts(version_id, staff_type, department, n) VALUES (new.version_id, new.staff_type, new.department, 1)
    ON CONFLICT(version_id, staff_type, department) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS awaiting_counts_delete AFTER DELETE ON awaiting_signature BEGIN
  UPDATE awaiting_counts SET n = n - 1
   WHERE version_id = old.version_id AND staff_type = old.staff_type AND department = old.department;
END;

-- The rule, worked out from the records: what awaiting_signature holds.
-- The triggers below apply it to the rows a change can affect.
CREATE VIEW IF NOT EXISTS awaiting_signature_rule AS
  SELECT v.id AS version_id, u.id AS user_id, max(v.effective, substr(u.created_at, 1, 10)) AS since,
         u.name, u.staff_type, u.department
    FROM policies p JOIN policy_versions v ON v.policy_id = p.id
    JOIN users u ON u.active = 1 AND instr(',' || p.applies_to || ',', ',' || u.staff_type || ',') > 0
   WHERE NOT EXISTS (SELECT 1 FROM signatures s WHERE s.version_id = v.id AND s.user_id = u.id);

-- Signing ends a wait; a signature removed (retention) starts it again if
-- the person is still active and the policy still applies to them.
CREATE TRIGGER IF NOT EXISTS awaiting_signed AFTER INSERT ON signatures BEGIN
  DELETE FROM awaiting_signature WHERE version_id = new.version_id AND user_id = new.user_id;
END;
CREATE TRIGGER IF NOT EXISTS awaiting_unsigned AFTER DELETE ON signatures BEGIN
  INSERT OR IGNORE INTO awaiting_signature
    SELECT * FROM awaiting_signature_rule WHERE version_id = old.version_id AND user_id = old.user_id;
END;
-- A new version: everyone it applies to waits.
CREATE TRIGGER IF NOT EXISTS awaiting_new_version AFTER INSERT ON policy_versions BEGIN
  INSERT INTO awaiting_signature SELECT * FROM awaiting_signature_rule WHERE version_id = new.id;
END;
CREATE TRIGGER IF NOT EXISTS awaiting_version_deleted AFTER DELETE ON policy_versions BEGIN
  DELETE FROM awaiting_signature WHERE version_id = old.id;
END;
-- Who a policy applies to changed: its versions' waits are worked out again.
CREATE TRIGGER IF NOT EXISTS awaiting_policy_changed AFTER UPDATE OF applies_to ON policies
  WHEN old.applies_to != new.applies_to BEGIN
  DELETE FROM awaiting_signature WHERE version_id IN (SELECT id FROM policy_versions WHERE policy_id = new.id);
  INSERT INTO awaiting_signature SELECT * FROM awaiting_signature_rule
   WHERE version_id IN (SELECT id FROM policy_versions WHERE policy_id = new.id);
END;
-- A person joins, changes or leaves: their waits are worked out again.
CREATE TRIGGER IF NOT EXISTS awaiting_new_person AFTER INSERT ON users WHEN new.active = 1 BEGIN
  INSERT INTO awaiting_signature SELECT * FROM awaiting_signature_rule WHERE user_id = new.id;
END;
CREATE TRIGGER IF NOT EXISTS awaiting_person_changed AFTER UPDATE OF active, staff_type, department, name, created_at ON users
  WHEN old.active != new.active OR old.staff_type != new.staff_type OR old.department != new.department
    OR old.name != new.name OR old.created_at != new.created_at BEGIN
  DELETE FROM awaiting_signature WHERE user_id = old.id;
  INSERT INTO awaiting_signature SELECT * FROM awaiting_signature_rule WHERE user_id = new.id;
END;
CREATE TRIGGER IF NOT EXISTS awaiting_person_deleted AFTER DELETE ON users BEGIN
  DELETE FROM awaiting_signature WHERE user_id = old.id;
END;

-- Rebuilt from the records: a database from before this part, or this part
-- run again, holds exactly what the triggers would have kept.
DELETE FROM staff_counts;
INSERT INTO staff_counts(staff_type, department, n)
  SELECT staff_type, department, count(*) FROM users WHERE active = 1 GROUP BY staff_type, department;
DELETE FROM awaiting_signature;
DELETE FROM awaiting_counts;
INSERT INTO awaiting_signature SELECT * FROM awaiting_signature_rule;

-- Schema version 3: the audit chain keyed and anchored outside the database
--
-- From the row whose action is 'audit.keyed' on, audit.hash is a keyed
-- BLAKE2b MAC under a key derived from the key file (src/core/audit.c), not a
-- plain SHA-256: the database alone cannot recompute it.  That row is
-- written by staffroom itself when a database is created or first opened
-- after this part, and records the plain chain's head and length.  Each
-- day's head, appended to the anchor file and e-mailed to the headteachers,
-- is noted here so that it is done once a day.
CREATE TABLE IF NOT EXISTS audit_anchor_days (
  day    TEXT PRIMARY KEY,                 -- YYYY-MM-DD
  row_id INTEGER NOT NULL,
  hash   TEXT NOT NULL,
  rows   INTEGER NOT NULL,
  at     TEXT NOT NULL
) WITHOUT ROWID;

-- Schema version 4: every concern reaches someone who may act on it ---------
--
-- May run again (see version 2).
--
-- Contact from a pupil goes to the DSL as well as the headteacher (the
-- acceptable-use agreement: "Tell the Designated Safeguarding Lead (DSL) the
-- same day").  Only where the school still has the old default (headteacher
-- alone) and has never changed this category's routing (no routing.change
-- in the audit log): a school that chose its routing keeps it.
INSERT OR IGNORE INTO routing(category, role)
  SELECT 'pupil_contact', 'dsl'
   WHERE (SELECT group_concat(role) FROM routing WHERE category = 'pupil_contact') = 'headteacher'
     AND NOT EXISTS (SELECT 1 FROM audit WHERE action = 'routing.change' AND object = 'pupil_contact');

-- At most this many reports per person in this many minutes (POST /concerns,
-- src/features/concerns/concern_limit.c): far above what a person needs, far below a flood.
INSERT OR IGNORE INTO settings(key, value) VALUES
  ('concern_report_limit', '20'),
  ('concern_report_window_minutes', '10');

-- Schema version 5: leaving dates set ahead ----------------------------------
-- A leaving date after today waits here and is applied on that day (the
-- person is deactivated then, not when the date is typed); the admin may
-- cancel it until then.
CREATE TABLE IF NOT EXISTS leaving_dates (
  user_id  INTEGER PRIMARY KEY REFERENCES users(id),
  left_on  TEXT NOT NULL CHECK (left_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  set_by   TEXT NOT NULL,                   -- who typed it (an e-mail address or "the command line")
  set_at   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS leaving_dates_by_day ON leaving_dates(left_on);

-- Schema version 6: what the law asks of safeguarding records ----------------
--
-- May run again (see version 2).
--
-- New codes in four CHECK lists: the data protection officer's role (UK GDPR
-- articles 37-39), and the whistleblowing and personal-data-breach
-- categories.  Widening a CHECK changes nothing stored, so it is made the way
-- SQLite documents for such changes ("Making Other Kinds Of Table Schema
-- Changes"): the table's stored SQL edited under writable_schema, and the
-- schema cookie raised (src/db/schema_upgrade.c does that after every part).
-- Each edit runs only where the new code is not there yet; rows using the
-- new codes are written in version 7.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''chair'',''admin'')', '''chair'',''admin'',''dpo'')')
 WHERE type = 'table' AND name IN ('user_roles', 'routing') AND instr(sql, '''dpo''') = 0;
UPDATE sqlite_schema
   SET sql = replace(sql, '''staff_conduct'',''other'')',
                     '''staff_conduct'',''whistleblowing'',''data_breach'',''other'')')
 WHERE type = 'table' AND name = 'concerns' AND instr(sql, '''whistleblowing''') = 0;
INSERT OR IGNORE INTO role_bits(role, bit) VALUES ('dpo', 1024);

-- New actions in a case's chronology: the threshold decision on a concern
-- about an adult and the copy of its outcome given to the person (KCSIE part
-- four), a device confiscated or searched (DfE, "Searching, screening and
-- confiscation", 2022), and the decision on reporting a personal data breach
-- to the ICO (UK GDPR article 33).
UPDATE sqlite_schema
   SET sql = replace(sql, '''reopen'',''evidence'')',
                     '''reopen'',''evidence'',''threshold'',''copy_given'',''device'',''ico_decision'')')
 WHERE type = 'table' AND name = 'concern_events' AND instr(sql, '''threshold''') = 0;

-- Schema version 7: the records the new codes need ---------------------------
--
-- May run again (see version 2).  Routing, legal clocks, concerns about
-- adults, image reports, data breaches and subject access requests: a part
-- of its own, so that it runs after the widened CHECKs of version 6 are in
-- force.
--
-- Whistleblowing about safeguarding practice goes to the headteacher and the
-- chair (KCSIE part one, "whistleblowing"); a personal data breach to the DPO
-- and the headteacher (UK GDPR article 33: the controller decides within 72 hours).
INSERT OR IGNORE INTO routing(category, role) VALUES
  ('whistleblowing', 'headteacher'), ('whistleblowing', 'chair'),
  ('data_breach', 'dpo'), ('data_breach', 'headteacher');

-- The data protection officer signs in with a second factor, like the other
-- roles that open safeguarding and personal-data records, where the school
-- still has the default list.
UPDATE settings SET value = value || ',dpo'
 WHERE key = 'require_2fa_roles' AND value = 'headteacher,dsl,slt,moderator,chair,admin';

-- The legal clocks on a case, beside the acknowledgement deadline
-- (concerns.due_by): tell the police the same day when an adult is involved
-- in a nude image of a young person (UKCIS), tell the LADO within one
-- working day of an allegation that meets the harm threshold (KCSIE part
-- four), decide within 72 hours whether to report a personal data breach to
-- the ICO (UK GDPR article 33).  A clock is met by the event that answers it
-- (src/features/concerns/concern_deadline.c); it is never deleted.
CREATE TABLE IF NOT EXISTS concern_deadlines (
  concern_id INTEGER NOT NULL REFERENCES concerns(id),
  kind       TEXT NOT NULL CHECK (kind IN ('police','lado','ico_decision')),
  due_at     TEXT NOT NULL,                 -- ISO-8601 UTC
  set_at     TEXT NOT NULL,
  met_at     TEXT,                          -- when the answering event was recorded
  PRIMARY KEY (concern_id, kind)
) WITHOUT ROWID;
-- "Which clocks have run out", read for "My tasks" on every page.
CREATE INDEX IF NOT EXISTS concern_deadlines_open ON concern_deadlines(due_at, concern_id)
  WHERE met_at IS NULL;

-- Concerns about adults working in the school (KCSIE part four,
-- src/features/concerns/concern_adult.c).  How a concern about an adult was
-- raised, fixed when it is filed: a self-referral (the reporter is the
-- person it is about), and, when the reporter asked for anonymity, the one
-- role that may see who raised it (the headteacher, or the chair when the
-- concern is about the headteacher).
CREATE TABLE IF NOT EXISTS concern_adult (
  concern_id      INTEGER PRIMARY KEY REFERENCES concerns(id),
  self_referral   INTEGER NOT NULL DEFAULT 0 CHECK (self_referral IN (0,1)),
  confidential_to TEXT CHECK (confidential_to IN ('headteacher','chair'))
) WITHOUT ROWID;

-- An allegation is kept until the person's retirement review or this many
-- years from the allegation, whichever is later (KCSIE part four); the
-- LADO's contact details, shown when nobody in school can act on a concern
-- about the headteacher.
INSERT OR IGNORE INTO settings(key, value) VALUES
  ('retention_allegation_years', '10'),
  ('lado_contact', '');
-- A third concern about the same adult within this many days warns the
-- headteacher, or the chair for the headteacher (KCSIE part four: records
-- are reviewed so that patterns can be identified; it sets no period, and a
-- year spans a whole school year).  The administrator changes it on
-- /admin/settings (src/features/concerns/concern_pattern.c).
INSERT OR IGNORE INTO settings(key, value) VALUES ('pattern_window_days', '365');

-- A report of a nude or semi-nude image of a young person, or of an
-- indecent image of a child on a school device: its description, since the
-- image itself is never stored (UKCIS, "Sharing nudes and semi-nudes", 2024;
-- src/features/concerns/concern_image.c).  One row per such report.
CREATE TABLE IF NOT EXISTS concern_image_reports (
  concern_id     INTEGER PRIMARY KEY REFERENCES concerns(id),
  indecent_image INTEGER NOT NULL DEFAULT 0 CHECK (indecent_image IN (0,1)), -- the premises tick
  image_location TEXT NOT NULL DEFAULT '',  -- where it is: device, app, account
  image_holders  TEXT NOT NULL DEFAULT '',  -- who has it
  image_seen_by  TEXT NOT NULL DEFAULT '',  -- who has seen it
  adult_involved INTEGER NOT NULL DEFAULT 0 CHECK (adult_involved IN (0,1)),
  told_dsl       INTEGER NOT NULL DEFAULT 0 CHECK (told_dsl IN (0,1)) -- told in person
);

-- Personal data breaches (UK GDPR article 33): when the school became aware
-- (the 72-hour clock runs from then, in calendar hours) and the decision on
-- reporting to the ICO, with its reasons, whether or not it was reported
-- (article 33(5): every breach is documented) and whether the people
-- affected were told (article 34).  One row a data_breach concern, written
-- when it is filed; the decision is also an event in the case's chronology
-- (src/features/concerns/concern_breach.c).
CREATE TABLE IF NOT EXISTS breach_records (
  concern_id    INTEGER PRIMARY KEY REFERENCES concerns(id),
  aware_at      TEXT NOT NULL,             -- ISO-8601 UTC
  decision      TEXT CHECK (decision IN ('report','no_report')),
  reasons       TEXT,
  ico_reference TEXT,
  subjects_told TEXT CHECK (subjects_told IN ('yes','no')),
  decided_at    TEXT,                      -- the latest decision
  decided_by    INTEGER REFERENCES users(id)
);
-- Every data_breach concern has its row, however it was stored (the report
-- form then sets when the school became aware): the breach log reads the
-- rows newest first through their index, a page at a time.
CREATE TRIGGER IF NOT EXISTS breach_record_for_breach AFTER INSERT ON concerns
  WHEN new.category = 'data_breach' BEGIN
  INSERT OR IGNORE INTO breach_records(concern_id, aware_at) VALUES (new.id, new.created_at);
END;
CREATE INDEX IF NOT EXISTS breach_records_by_aware ON breach_records(aware_at, concern_id);

-- Subject access requests (UK GDPR articles 15 and 12(3)): about a member of
-- staff, answered within one calendar month of receipt (due_on, worked out
-- by src/lib/calendar_month.c; closures do not extend it).  Seen only by
-- the data protection officer and the headteacher, never by the person it
-- is about (src/features/records/sar.c).
CREATE TABLE IF NOT EXISTS subject_access_requests (
  id           INTEGER PRIMARY KEY,
  subject_id   INTEGER NOT NULL REFERENCES users(id),
  received_on  TEXT NOT NULL CHECK (received_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  due_on       TEXT NOT NULL CHECK (due_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  notes        TEXT NOT NULL DEFAULT '',
  recorded_by  INTEGER NOT NULL REFERENCES users(id),
  recorded_at  TEXT NOT NULL,
  responded_on TEXT,                       -- when the response was sent; NULL while open
  closed_by    INTEGER REFERENCES users(id)
);
-- "Which requests are open, soonest due first", for the list and "My tasks".
CREATE INDEX IF NOT EXISTS subject_access_open ON subject_access_requests(due_on)
  WHERE responded_on IS NULL;

-- Schema version 8: links to set a password ---------------------------------
--
-- May run again (see version 2).
--
-- An invitation (sent by an administrator) or a reset ("Forgot your
-- password?") is a one-time link e-mailed to the person.  Only the SHA-256
-- of its token is kept, as for sessions, so a copy of the database opens
-- nobody's account; a link is spent when used, when a newer one is sent to
-- the same person, or when it expires (src/features/signin/password_link.c).
CREATE TABLE IF NOT EXISTS password_links (
  id          INTEGER PRIMARY KEY,
  token_hash  TEXT NOT NULL UNIQUE,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  purpose     TEXT NOT NULL CHECK (purpose IN ('invitation','reset')),
  sent_by     TEXT NOT NULL,                 -- an administrator's e-mail, or "the person"
  created_at  TEXT NOT NULL,                 -- ISO-8601 UTC
  expires_at  TEXT NOT NULL,
  used_at     TEXT                           -- set when used or replaced
);
CREATE INDEX IF NOT EXISTS password_links_by_user ON password_links(user_id, used_at);
-- How long an invitation stays usable, in days (/admin/settings).
INSERT OR IGNORE INTO settings(key, value) VALUES ('invitation_days', '7');
-- E-mails that carry a one-time link: the outbox holds the link only until
-- the message is sent (or given up), then its text is replaced, so the
-- token in clear lives no longer than the mail needs it.
CREATE TABLE IF NOT EXISTS outbox_one_time (
  outbox_id INTEGER PRIMARY KEY REFERENCES outbox(id)
);
CREATE TRIGGER IF NOT EXISTS outbox_one_time_cleared AFTER UPDATE OF status ON outbox
WHEN NEW.status != 'queued' AND EXISTS (SELECT 1 FROM outbox_one_time WHERE outbox_id = NEW.id)
BEGIN
  UPDATE outbox SET body = '(This e-mail held a one-time link; its text was removed once sent.)'
   WHERE id = NEW.id;
END;

-- Schema version 9: the people on the staff list missing from the last staff file
--
-- May run again (see version 2).
-- The termly staff sync (src/core/staff_sync.c) lists them as "possibly left"
-- until each is confirmed as leaving (core/leaving.c) or appears in a later
-- file; nobody is deactivated by a file.  Replaced whole by each import.
CREATE TABLE IF NOT EXISTS staff_sync_missing (
  user_id  INTEGER PRIMARY KEY REFERENCES users(id),
  file_at  TEXT NOT NULL                     -- when the file they were missing from was imported
);

-- Schema version 10: single sign-on (OpenID Connect)
--
-- May run again (see version 2).
-- A sign-in sent to a provider, until the provider sends the person back
-- (src/features/signin/oidc_login.c): spent on its first use, refused after
-- ten minutes.  state and nonce are kept only as SHA-256 hashes (the answer
-- carries them, the hash is enough to check them); the PKCE verifier must be
-- sent to the token endpoint as it is (RFC 7636 §4.5), and is useless
-- without the code, which only the person's browser receives.
CREATE TABLE IF NOT EXISTS oidc_starts (
  state_hash   TEXT PRIMARY KEY,
  provider     TEXT NOT NULL,
  nonce_hash   TEXT NOT NULL,
  verifier     TEXT NOT NULL,
  browser_hash TEXT NOT NULL,                -- SHA-256 of the sr_sso cookie set at the start
  redirect_uri TEXT NOT NULL,
  next         TEXT,
  created_at   INTEGER NOT NULL,              -- unix seconds
  used_at      INTEGER                        -- set on the first answer: a second is a replay
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS oidc_starts_by_age ON oidc_starts(created_at);
-- The provider a session came from (for its end-session link), and whether
-- its sign-in counted as the second factor (the provider's MFA, when the
-- school lets it count).
-- A sign-in by single sign-on waiting for staffroom's own second factor:
-- the provider, so that the session made after the code remembers it.
CREATE TABLE IF NOT EXISTS pending_sso (
  token_hash TEXT PRIMARY KEY REFERENCES pending_logins(token_hash) ON DELETE CASCADE,
  provider   TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS oidc_sessions (
  token_hash TEXT PRIMARY KEY REFERENCES sessions(token_hash) ON DELETE CASCADE,
  provider   TEXT NOT NULL,
  mfa        INTEGER NOT NULL DEFAULT 0 CHECK (mfa IN (0, 1))
) WITHOUT ROWID;
-- Who may sign in with a password: 'everyone', or 'breakglass' (only the
-- administrator named by password_breakglass, for when the provider is down);
-- and whether a provider's multi-factor sign-in (amr "mfa") stands in for
-- staffroom's own second factor.  Set on /admin/sign-in.
INSERT OR IGNORE INTO settings(key, value) VALUES ('password_signin', 'everyone');
INSERT OR IGNORE INTO settings(key, value) VALUES ('password_breakglass', '');
INSERT OR IGNORE INTO settings(key, value) VALUES ('oidc_mfa_counts', 'no');

-- Schema version 11: the filtering record
--
-- May run again (see version 2).
-- Requests to block a site reached on school machines, or to unblock one
-- that stops teaching (Heatons 7.3), each decided by the network manager or
-- the senior leader named for filtering and monitoring, with who, when and
-- why: the log of filtering decisions the DfE's filtering and monitoring
-- standards ask a school to keep.
CREATE TABLE IF NOT EXISTS filter_requests (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('block', 'unblock')),
  site            TEXT NOT NULL,             -- the address or name of the site
  reason          TEXT NOT NULL,             -- what was seen, or the teaching it stops
  requested_by    INTEGER NOT NULL REFERENCES users(id),
  requested_at    TEXT NOT NULL,             -- ISO-8601 UTC
  decision        TEXT CHECK (decision IN ('done', 'refused')),
  decision_reason TEXT,
  decided_by      INTEGER REFERENCES users(id),
  decided_at      TEXT,
  withheld_from   INTEGER REFERENCES users(id)  -- not shown to them (schema version 32)
);
CREATE INDEX IF NOT EXISTS filter_requests_by_requester ON filter_requests(requested_by);
CREATE INDEX IF NOT EXISTS filter_requests_open ON filter_requests(decided_at, kind);
-- The checks of the filtering and monitoring systems and their yearly
-- review, as the standards ask: what was tested or reviewed, when, by
-- whom, and the actions that followed.
CREATE TABLE IF NOT EXISTS filter_checks (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('check', 'review')),
  done_on     TEXT NOT NULL,                 -- YYYY-MM-DD
  tested      TEXT NOT NULL,
  actions     TEXT NOT NULL DEFAULT '',
  recorded_by INTEGER NOT NULL REFERENCES users(id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS filter_checks_by_kind ON filter_checks(kind, done_on);
-- The senior leader and the governor responsible for filtering and
-- monitoring (user ids; empty until named, on /filtering).
INSERT OR IGNORE INTO settings(key, value) VALUES ('filtering_leader', ''), ('filtering_governor', '');

-- Schema version 12: images taken on a member of staff's own device
--
-- May run again (see version 2).
-- Braunstone, "Safer Working Practices": images taken on personal equipment
-- are transferred "at the earliest convenience and deleted from the staff's
-- personal equipment".  The record holds what the images were for and when
-- the person confirmed both; never the images.
CREATE TABLE IF NOT EXISTS device_images (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  taken_on    TEXT NOT NULL,                 -- YYYY-MM-DD
  event       TEXT NOT NULL,                 -- the trip, match or event
  recorded_at TEXT NOT NULL,                 -- ISO-8601 UTC
  due_by      TEXT NOT NULL,                 -- the end of the next working day
  cleared_at  TEXT                           -- transferred and deleted, as they confirmed
);
CREATE INDEX IF NOT EXISTS device_images_by_user ON device_images(user_id, cleared_at);
CREATE INDEX IF NOT EXISTS device_images_open ON device_images(cleared_at, due_by);

-- Schema version 13: declarations of connections and personal accounts
--
-- May run again (see version 2).
-- Braunstone: social contacts with parents "easily recognised and openly
-- acknowledged"; slyne 4.1(iv): existing online friendships with parents
-- or pupils; ravens-wood §2: a personal account that names the school.  A
-- member of staff declares one, the headteacher acknowledges it (the chair
-- of governors, for the headteacher's own), and it is renewed yearly: a
-- renewal is acknowledged again.  Only the person, the headteacher and the
-- DSL see them.
CREATE TABLE IF NOT EXISTS declarations (
  id              INTEGER PRIMARY KEY,
  user_id         INTEGER NOT NULL REFERENCES users(id),
  kind            TEXT NOT NULL CHECK (kind IN ('parent', 'pupil', 'account')),
  details         TEXT NOT NULL,
  declared_on     TEXT NOT NULL,             -- YYYY-MM-DD: first declared, or last renewed
  acknowledged_by INTEGER REFERENCES users(id),
  acknowledged_at TEXT,
  ended_at        TEXT                       -- no longer applies
);
CREATE INDEX IF NOT EXISTS declarations_by_user ON declarations(user_id, ended_at);
CREATE INDEX IF NOT EXISTS declarations_open ON declarations(ended_at, acknowledged_at);

-- Schema version 14: a member of staff's own checks of their online presence
--
-- May run again (see version 2).
-- braunstone: new staff "review their social networking sites when they
-- join"; heatons 5.12: "regularly check their online presence"; wynstones:
-- privacy settings.  Done at induction and then every year; recorded as
-- done with the date, never what was found.
CREATE TABLE IF NOT EXISTS self_checks (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  kind        TEXT NOT NULL CHECK (kind IN ('privacy', 'search')),
  done_on     TEXT NOT NULL,                 -- YYYY-MM-DD
  recorded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS self_checks_by_user ON self_checks(user_id, kind, done_on);

-- Schema version 15: unread notifications found by the page they link to
--
-- May run again (see version 2).
-- A notification clears for everyone once what it asks for is done (a case
-- acknowledged or closed, an application decided: core/notify.c).
CREATE INDEX IF NOT EXISTS notifications_unread_by_link ON notifications(link)
  WHERE read_at IS NULL;

-- Schema version 16: permissions, exceptions and approved services
--
-- May run again (see version 2).
-- wynstones: "If staff wish to make any exception … permission from the
-- School Business Manager"; braunstone: personal phones "except when
-- express permission is given or an emergency arises (e.g. school trip)".
-- A request says what, why, from and until when; the business manager (or
-- the headteacher, as the school sets) decides it with a reason.
CREATE TABLE IF NOT EXISTS exception_requests (
  id              INTEGER PRIMARY KEY,
  user_id         INTEGER NOT NULL REFERENCES users(id),
  what            TEXT NOT NULL,
  why             TEXT NOT NULL,
  from_on         TEXT NOT NULL,             -- YYYY-MM-DD
  until_on        TEXT NOT NULL,             -- YYYY-MM-DD, the last day it applies
  requested_at    TEXT NOT NULL,             -- ISO-8601 UTC
  decision        TEXT CHECK (decision IN ('approved', 'refused')),
  decision_reason TEXT,
  decided_by      INTEGER REFERENCES users(id),
  decided_at      TEXT
);
CREATE INDEX IF NOT EXISTS exception_requests_by_user ON exception_requests(user_id);
CREATE INDEX IF NOT EXISTS exception_requests_open ON exception_requests(decided_at);
-- Who decides exceptions: 'business_manager' or 'headteacher'.
INSERT OR IGNORE INTO settings(key, value) VALUES ('exception_decider', 'business_manager');
-- wynstones §3: "All social media services must be approved by School
-- Management in advance"; heatons §3.1.  The services used with pupils, who
-- approved each, when, for what, and when it is next reviewed.
CREATE TABLE IF NOT EXISTS approved_services (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  purpose      TEXT NOT NULL,
  approved_by  INTEGER NOT NULL REFERENCES users(id),
  approved_on  TEXT NOT NULL,                -- YYYY-MM-DD, or the date last reviewed
  review_on    TEXT NOT NULL,                -- YYYY-MM-DD
  withdrawn_at TEXT                          -- no longer approved
);
CREATE INDEX IF NOT EXISTS approved_services_current ON approved_services(withdrawn_at, review_on);
-- wynstones 1(b,c): social media in school "only if authorized by a teacher
-- within a lesson".  The teacher records the class, the day, the service
-- and why; the network manager sees the list to allow it in the filter.
CREATE TABLE IF NOT EXISTS lesson_access (
  id          INTEGER PRIMARY KEY,
  teacher_id  INTEGER NOT NULL REFERENCES users(id),
  class_name  TEXT NOT NULL,
  lesson_on   TEXT NOT NULL,                 -- YYYY-MM-DD
  service     TEXT NOT NULL,
  why         TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS lesson_access_by_day ON lesson_access(lesson_on);
CREATE INDEX IF NOT EXISTS lesson_access_by_teacher ON lesson_access(teacher_id, lesson_on);

-- Schema version 17: the people who run a school account ---------------------
--
-- May run again (see version 2).
-- ravens-wood §3: the policy applies to "anyone running a social media
-- account on behalf of the school … including volunteers or parents".  An
-- account has one lead (social_accounts.lead_id) and any number of
-- contributors.  A contributor is a member of staff (user_id), or someone who
-- is not (user_id NULL: a parent running the PTA page, a volunteer) named
-- here, whose agreement is a paper signature entered on their behalf.
CREATE TABLE IF NOT EXISTS account_contributors (
  id          INTEGER PRIMARY KEY,
  account_id  INTEGER NOT NULL REFERENCES social_accounts(id),
  user_id     INTEGER REFERENCES users(id),  -- NULL: not a member of staff
  name        TEXT NOT NULL DEFAULT '',      -- who they are, when not staff
  relation    TEXT NOT NULL DEFAULT '',      -- "Parent (PTA)", "Volunteer"
  added_by    INTEGER NOT NULL REFERENCES users(id),
  added_at    TEXT NOT NULL,                 -- ISO-8601 UTC
  removed_at  TEXT,                          -- no longer runs the account
  removed_by  INTEGER REFERENCES users(id)
);
CREATE INDEX IF NOT EXISTS account_contributors_by_account
  ON account_contributors(account_id, removed_at);
CREATE INDEX IF NOT EXISTS account_contributors_by_user
  ON account_contributors(user_id, removed_at);
-- The last thing logged against an account (a check, an item answered, a
-- moderation action, a post signed off): what "dormant" is measured from.
CREATE TABLE IF NOT EXISTS account_activity (
  account_id INTEGER PRIMARY KEY REFERENCES social_accounts(id),
  last_at    TEXT NOT NULL                   -- ISO-8601 UTC
);
INSERT OR IGNORE INTO account_activity(account_id, last_at)
  SELECT account_id, max(recorded_at) FROM account_checks GROUP BY account_id;

-- Schema version 18: policy versions authorised, paper signatures, declines ---
--
-- May run again (see version 2).
-- wynstones' footer: "Authorised by: Name / Sign / Job title / Date"; slyne's
-- header: "approved: November 2020", "additions … to be agreed at Nov 2021
-- review".  A version posted through the administration pages is a draft
-- (a row here with authorised_by NULL) until the headteacher, the governing
-- body or a committee authorises it; only then is it published: current,
-- upcoming, signable, announced.  A version with no row here was published
-- as it was stored (the demo's, versions from before drafts were kept).
-- policy_versions never changes, so authorisation lives beside it.
CREATE TABLE IF NOT EXISTS policy_authorisations (
  version_id      INTEGER PRIMARY KEY REFERENCES policy_versions(id),
  authorised_by   TEXT CHECK (authorised_by IN ('headteacher', 'governing_body', 'committee')),
  authoriser_name TEXT,                      -- the person, or the body or committee
  job_title       TEXT,                      -- the headteacher's
  meeting_date    TEXT,                      -- YYYY-MM-DD, a body's or committee's meeting
  minute_ref      TEXT,
  authorised_on   TEXT,                      -- YYYY-MM-DD
  recorded_by     INTEGER REFERENCES users(id),
  recorded_at     TEXT                       -- ISO-8601 UTC
);
-- A signature entered on someone's behalf from the paper they signed:
-- who entered it, when, and the date written on the paper.
CREATE TABLE IF NOT EXISTS paper_signatures (
  signature_id INTEGER PRIMARY KEY,          -- signatures.id
  version_id   INTEGER NOT NULL,             -- signatures.version_id, for a version's list
  paper_date   TEXT NOT NULL,                -- YYYY-MM-DD
  recorded_by  INTEGER NOT NULL REFERENCES users(id),
  recorded_at  TEXT NOT NULL                 -- ISO-8601 UTC
);
CREATE INDEX IF NOT EXISTS paper_signatures_by_version ON paper_signatures(version_id);
CREATE TRIGGER IF NOT EXISTS paper_signature_deleted AFTER DELETE ON signatures BEGIN
  DELETE FROM paper_signatures WHERE signature_id = old.id;
END;
-- "I do not agree": a person's reason for not signing a version.  A
-- signature made later counts as any other; the decline stays as evidence.
-- One a version while it is unsigned, and one each year it is due to be
-- signed again (schema version 37).
CREATE TABLE IF NOT EXISTS policy_declines (
  id          INTEGER PRIMARY KEY,
  version_id  INTEGER NOT NULL REFERENCES policy_versions(id),
  user_id     INTEGER NOT NULL REFERENCES users(id),
  reason      TEXT NOT NULL,
  declined_at TEXT NOT NULL                  -- ISO-8601 UTC
);
CREATE INDEX IF NOT EXISTS policy_declines_by_person
  ON policy_declines(version_id, user_id, declined_at);
CREATE INDEX IF NOT EXISTS policy_declines_by_user ON policy_declines(user_id);
-- A policy signed again every year from a date the school sets (renew_from,
-- MM-DD, 1 September by default), without a new version: a row here turns it
-- on.  A signature made before the latest renewal date no longer counts;
-- signing again is kept here, so every earlier signature stays as evidence.
CREATE TABLE IF NOT EXISTS policy_renewals (
  policy_id  INTEGER PRIMARY KEY REFERENCES policies(id),
  renew_from TEXT NOT NULL DEFAULT '09-01' CHECK (renew_from GLOB '[01][0-9]-[0-3][0-9]')
);
CREATE TABLE IF NOT EXISTS policy_acknowledgements (
  id              INTEGER PRIMARY KEY,
  version_id      INTEGER NOT NULL REFERENCES policy_versions(id),
  user_id         INTEGER NOT NULL REFERENCES users(id),
  typed_name      TEXT NOT NULL,
  acknowledged_at TEXT NOT NULL,               -- ISO-8601 UTC
  address         TEXT NOT NULL,
  user_agent      TEXT NOT NULL,
  body_sha256     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS policy_acknowledgements_by_person
  ON policy_acknowledgements(version_id, user_id, acknowledged_at);
CREATE INDEX IF NOT EXISTS policy_acknowledgements_by_user ON policy_acknowledgements(user_id);
-- wynstones: "Review Date: Michaelmas Term 2019".  A review date typed as a
-- term keeps its words here; policy_versions.review_due holds the date it
-- stands for (the term's first day), which orders and reminds.
CREATE TABLE IF NOT EXISTS policy_review_terms (
  version_id INTEGER PRIMARY KEY REFERENCES policy_versions(id),
  term       TEXT NOT NULL                     -- "Michaelmas Term 2027"
);
-- The first day of the summer (Trinity) term, MM-DD; autumn starts on
-- 1 September and spring on 1 January.
INSERT OR IGNORE INTO settings(key, value) VALUES ('summer_term_starts', '04-01');

-- Schema version 19: who runs a school account, its credentials and its review
--
-- May run again (see version 2).
-- ravens-wood §3: anyone running an account "including volunteers or
-- parents" must have read the policy.  A contributor who is not staff signs
-- on paper; the signature is entered on their behalf: which version, the
-- date on the paper, who recorded it and when.
CREATE TABLE IF NOT EXISTS contributor_paper (
  contributor_id INTEGER PRIMARY KEY REFERENCES account_contributors(id),
  version_id     INTEGER NOT NULL REFERENCES policy_versions(id),
  paper_date     TEXT NOT NULL,              -- YYYY-MM-DD, as written on the paper
  recorded_by    INTEGER NOT NULL REFERENCES users(id),
  recorded_at    TEXT NOT NULL               -- ISO-8601 UTC
);
-- A scan of the signed paper, optional: a PDF or a picture, its type decided
-- from its bytes as a concern's evidence is.
CREATE TABLE IF NOT EXISTS contributor_paper_scans (
  contributor_id INTEGER PRIMARY KEY REFERENCES account_contributors(id),
  filename       TEXT NOT NULL,
  type           TEXT NOT NULL CHECK (type IN ('image/png','image/jpeg','application/pdf')),
  size           INTEGER NOT NULL,
  sha256         TEXT NOT NULL,
  bytes          BLOB NOT NULL
);
-- What the nightly pass found: a runner (runner 'u:ID' for staff, 'c:ID' for
-- a contributor who is not staff) failing one check (its words).  A row is
-- the moderator told once; it goes when the runner passes or stops running.
CREATE TABLE IF NOT EXISTS account_gate_failures (
  account_id INTEGER NOT NULL REFERENCES social_accounts(id),
  runner     TEXT NOT NULL,
  who        TEXT NOT NULL,                  -- the runner's name, as found
  failure    TEXT NOT NULL,                  -- "Has not signed ... (version 3)."
  found_at   TEXT NOT NULL,
  PRIMARY KEY (account_id, runner, failure)
) WITHOUT ROWID;
-- ravens-wood §10: "Don't share account information … with anyone but the
-- school's SLT and Moderator".  Each reveal of an account's password, and
-- whether it was allowed because the person ran the account (not as SLT or
-- moderator): when such a person leaves or stops running it, the password
-- must be changed.
CREATE TABLE IF NOT EXISTS account_reveals (
  id          INTEGER PRIMARY KEY,
  account_id  INTEGER NOT NULL REFERENCES social_accounts(id),
  user_id     INTEGER NOT NULL REFERENCES users(id),
  revealed_at TEXT NOT NULL,
  as_runner   INTEGER NOT NULL CHECK (as_runner IN (0, 1)),
  -- How many changes of the password were on record then: the reveal is of
  -- the password in use while no change has been recorded since.
  changes_before INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS account_reveals_by_account ON account_reveals(account_id, revealed_at);
-- Each change of the password: new credentials stored, or the moderator's
-- record that it was changed on the platform.
CREATE TABLE IF NOT EXISTS account_password_changes (
  id         INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES social_accounts(id),
  changed_at TEXT NOT NULL,
  changed_by INTEGER NOT NULL REFERENCES users(id)
);
CREATE INDEX IF NOT EXISTS account_password_changes_by_account
  ON account_password_changes(account_id, changed_at);
-- The moderator's yearly review of each account: the lead, the
-- contributors, the purpose and the monitoring confirmed, and the outcome.
CREATE TABLE IF NOT EXISTS account_reviews (
  id              INTEGER PRIMARY KEY,
  account_id      INTEGER NOT NULL REFERENCES social_accounts(id),
  reviewed_at     TEXT NOT NULL,
  reviewed_by     INTEGER NOT NULL REFERENCES users(id),
  lead_ok         INTEGER NOT NULL CHECK (lead_ok IN (0, 1)),
  contributors_ok INTEGER NOT NULL CHECK (contributors_ok IN (0, 1)),
  purpose_ok      INTEGER NOT NULL CHECK (purpose_ok IN (0, 1)),
  monitoring_ok   INTEGER NOT NULL CHECK (monitoring_ok IN (0, 1)),
  notes           TEXT NOT NULL DEFAULT '',
  outcome         TEXT NOT NULL CHECK (outcome IN ('continue', 'close'))
);
CREATE INDEX IF NOT EXISTS account_reviews_by_account ON account_reviews(account_id, reviewed_at);
-- Days without logged activity after which an account is dormant.
INSERT OR IGNORE INTO settings(key, value) VALUES ('account_dormant_days', '90');
-- heatons names Teams, Zoom, Google Classroom and ClassDojo; ravens-wood §1
-- games with social features.  The CHECKs widened as version 6 does it.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, '''blog'',''other'')',
                     '''blog'',''teams'',''zoom'',''classroom'',''classdojo'',''game'',''other'')')
 WHERE type = 'table' AND name IN ('account_applications', 'social_accounts')
   AND instr(sql, '''classdojo''') = 0;

-- Schema version 20: the reply clock, moderation actions and mistakes on school accounts
--
-- May run again (see version 2).
-- ravens-wood §4: "Any comments, queries or complaints made through those
-- accounts must be responded to within 24 hours (or on the next working day
-- if received at a weekend) even if the response is only to acknowledge
-- receipt."  Each item is logged with its deadline, fixed when it is logged
-- (src/features/accounts/account_items_due.c), and its answer.
CREATE TABLE IF NOT EXISTS account_items (
  id          INTEGER PRIMARY KEY,
  account_id  INTEGER NOT NULL REFERENCES social_accounts(id),
  kind        TEXT NOT NULL CHECK (kind IN ('comment', 'query', 'complaint')),
  received_at TEXT NOT NULL,                 -- ISO-8601 UTC
  link        TEXT NOT NULL DEFAULT '',      -- the post on the platform
  summary     TEXT NOT NULL,
  due_at      TEXT NOT NULL,                 -- ISO-8601 UTC
  logged_by   INTEGER NOT NULL REFERENCES users(id),
  logged_at   TEXT NOT NULL,
  answered_at TEXT,                          -- NULL: still open
  how         TEXT CHECK (how IN ('reply', 'acknowledgement')),
  notes       TEXT NOT NULL DEFAULT '',
  answered_by INTEGER REFERENCES users(id)
);
CREATE INDEX IF NOT EXISTS account_items_by_account
  ON account_items(account_id, answered_at, due_at);
CREATE INDEX IF NOT EXISTS account_items_open ON account_items(answered_at, due_at);
-- Whether school holidays (closure days) count as working days for this
-- clock: the policy names only weekends, so by default they do.
INSERT OR IGNORE INTO settings(key, value) VALUES ('account_reply_holidays_count', 'yes');
-- braunstone: "The school will ban and report anyone who breaks the terms of
-- service for a social media platform."  What was done on an account.
CREATE TABLE IF NOT EXISTS account_moderation (
  id          INTEGER PRIMARY KEY,
  account_id  INTEGER NOT NULL REFERENCES social_accounts(id),
  action      TEXT NOT NULL CHECK (action IN ('hid', 'deleted', 'blocked', 'reported')),
  what        TEXT NOT NULL,
  link        TEXT NOT NULL DEFAULT '',
  names_pupil INTEGER NOT NULL DEFAULT 0,    -- the comment names or shows a pupil
  concern_id  INTEGER REFERENCES concerns(id),
  by_id       INTEGER NOT NULL REFERENCES users(id),
  at          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS account_moderation_by_account ON account_moderation(account_id, at);
-- ravens-wood §10: "Seek advice and report any mistakes using the school's
-- reporting process".  Seen by the moderator, the senior leadership team and
-- the reporter; the moderator records what was done.
CREATE TABLE IF NOT EXISTS account_mistakes (
  id          INTEGER PRIMARY KEY,
  account_id  INTEGER NOT NULL REFERENCES social_accounts(id),
  what        TEXT NOT NULL,
  link        TEXT NOT NULL DEFAULT '',
  removed     INTEGER NOT NULL DEFAULT 0,    -- already taken down
  reported_by INTEGER NOT NULL REFERENCES users(id),
  reported_at TEXT NOT NULL,
  outcome     TEXT,                          -- NULL: not yet dealt with
  resolved_by INTEGER REFERENCES users(id),
  resolved_at TEXT
);
CREATE INDEX IF NOT EXISTS account_mistakes_by_account ON account_mistakes(account_id, reported_at);
CREATE INDEX IF NOT EXISTS account_mistakes_open ON account_mistakes(outcome);

-- Schema version 21: posts signed off before publishing, and the do-not-publish list
--
-- May run again (see version 2).
-- ravens-wood §10: "Check with a senior leader before publishing content
-- that may have controversial implications for the school"; "when in doubt,
-- get a second opinion" (kind 'reply').  Someone who runs the account
-- submits a draft; a senior leader who is not its author approves it, asks
-- for changes (the author sends a new text) or refuses it, with a reason.
CREATE TABLE IF NOT EXISTS account_posts (
  id           INTEGER PRIMARY KEY,
  account_id   INTEGER NOT NULL REFERENCES social_accounts(id),
  author_id    INTEGER NOT NULL REFERENCES users(id),
  kind         TEXT NOT NULL CHECK (kind IN ('post', 'reply')),
  body         TEXT NOT NULL,
  place        TEXT NOT NULL DEFAULT '',     -- where it will go out
  publish_at   TEXT,                         -- ISO-8601 UTC, when it will go out
  status       TEXT NOT NULL CHECK (status IN ('submitted', 'approved', 'changes', 'refused')),
  submitted_at TEXT NOT NULL,                -- the latest submission
  decided_by   INTEGER REFERENCES users(id),
  decided_at   TEXT,
  reason       TEXT                          -- the latest decision's reason
);
CREATE INDEX IF NOT EXISTS account_posts_by_account ON account_posts(account_id, id);
CREATE INDEX IF NOT EXISTS account_posts_by_status ON account_posts(status, author_id);
-- Each submission and decision, in order.
CREATE TABLE IF NOT EXISTS account_post_steps (
  id       INTEGER PRIMARY KEY,
  post_id  INTEGER NOT NULL REFERENCES account_posts(id),
  action   TEXT NOT NULL CHECK (action IN ('submit', 'resubmit', 'approve', 'changes', 'refuse')),
  note     TEXT NOT NULL DEFAULT '',         -- the text sent, or the reason given
  actor_id INTEGER NOT NULL REFERENCES users(id),
  at       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS account_post_steps_by_post ON account_post_steps(post_id, id);
-- ravens-wood §9: the image, and what the author confirmed about it: no
-- pupil pictured is "on any school list of children whose images must not be
-- published", no name "alongside" a photo, uploaded "via school owned
-- equipment".  Shown only to the account's runners and senior leaders.
CREATE TABLE IF NOT EXISTS account_post_images (
  post_id         INTEGER PRIMARY KEY REFERENCES account_posts(id),
  type            TEXT NOT NULL CHECK (type IN ('image/png', 'image/jpeg')),
  size            INTEGER NOT NULL,
  sha256          TEXT NOT NULL,
  bytes           BLOB NOT NULL,
  pupils_pictured INTEGER NOT NULL,          -- 1: pupils are in the picture
  checked_list    INTEGER NOT NULL,          -- 1: none is on the do-not-publish list
  no_names        INTEGER NOT NULL,          -- 1: no pupil's name next to the photo
  school_device   INTEGER NOT NULL           -- 1: uploaded from a school device
);
-- ravens-wood §9: "any school list of children whose images must not be
-- published", kept by the administrator or the safeguarding lead.
CREATE TABLE IF NOT EXISTS do_not_publish (
  id         INTEGER PRIMARY KEY,
  pupil_name TEXT NOT NULL,
  class_name TEXT NOT NULL,
  note       TEXT NOT NULL DEFAULT '',
  added_by   INTEGER NOT NULL REFERENCES users(id),
  added_at   TEXT NOT NULL,
  removed_by INTEGER REFERENCES users(id),
  removed_at TEXT                            -- no longer on the list
);
CREATE INDEX IF NOT EXISTS do_not_publish_current ON do_not_publish(removed_at, pupil_name);

-- Schema version 22: a leaver's declines and yearly signings under the retention rules
--
-- May run again (see version 2).
-- A decline ("I do not agree") and a yearly signing again are records of a
-- person's answer to a policy, as a signature is: the retention review
-- lists them with the signature rule (docs/RECORDS.md), so a legal hold may
-- be placed on them too.  The CHECK on legal_holds.record_type cannot be
-- changed in place: the table is made again with the same rows.
CREATE TABLE IF NOT EXISTS legal_holds_next (
  record_type TEXT NOT NULL CHECK (record_type IN ('concern','signature','training','decline','acknowledgement')),
  record_id   INTEGER NOT NULL,
  reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  placed_by   INTEGER NOT NULL REFERENCES users(id),
  placed_at   TEXT NOT NULL,
  PRIMARY KEY (record_type, record_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO legal_holds_next SELECT record_type, record_id, reason, placed_by, placed_at FROM legal_holds;
DROP TABLE legal_holds;
ALTER TABLE legal_holds_next RENAME TO legal_holds;

-- Schema version 23: sessions a person can see and end; search terms kept out of URLs
--
-- May run again (see version 2).
-- ASVS 5.0 7.4.5 and 7.5.2: a person sees their active sessions (when, from
-- where, with what browser) and ends any other; an administrator ends one
-- person's or everyone's.  Each session gets a public number, so that a page
-- names it without its token's hash; sessions made before this part get one
-- here, with the address and browser unknown.
CREATE TABLE IF NOT EXISTS session_info (
  id         INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE REFERENCES sessions(token_hash) ON DELETE CASCADE,
  address    TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''       -- as sent, cut to 300 bytes
);
INSERT OR IGNORE INTO session_info(token_hash) SELECT token_hash FROM sessions;
-- ASVS 5.0 14.2.1: a search for a person (staff list, training records,
-- audit log) is sent by POST and kept here, and the result page is
-- /PAGE?search=ID: its address can be bookmarked and logged by a proxy
-- without the name.  Only the person who searched may open it; a search is
-- forgotten after 30 days (search.c).
CREATE TABLE IF NOT EXISTS searches (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  page       TEXT NOT NULL CHECK (page IN ('staff', 'training', 'audit')),
  term       TEXT NOT NULL,
  created_at INTEGER NOT NULL,              -- unix seconds of the latest search for it
  UNIQUE (user_id, page, term)
);

-- Schema version 24: the hash of an uploaded file as it arrived
--
-- May run again (see version 2).
-- A picture is stored without its metadata (EXIF with GPS and device serials,
-- XMP, text chunks: src/http/upload_check.c), so a stored sha256 is of what
-- was kept; the hash of the file as it arrived is kept beside it, so that a
-- copy someone still holds can be matched.  Files stored before have none.
CREATE TABLE IF NOT EXISTS evidence_original (
  evidence_id INTEGER PRIMARY KEY REFERENCES evidence(id) ON DELETE CASCADE,
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64)
);
CREATE TABLE IF NOT EXISTS account_post_image_original (
  post_id INTEGER PRIMARY KEY REFERENCES account_post_images(post_id) ON DELETE CASCADE,
  sha256  TEXT NOT NULL CHECK (length(sha256) = 64)
);
CREATE TABLE IF NOT EXISTS contributor_paper_scan_original (
  contributor_id INTEGER PRIMARY KEY
                 REFERENCES contributor_paper_scans(contributor_id) ON DELETE CASCADE,
  sha256         TEXT NOT NULL CHECK (length(sha256) = 64)
);

-- Schema version 25: who acted with which roles, and the outcome, on every audit row
--
-- May run again (see version 2).
-- ASVS 5.0 16.2.1: each log entry says who (with their roles at the time),
-- what, and whether it was allowed, refused or failed, with the reason given.
-- Columns added at the end of a table with a constant default are what
-- ALTER TABLE ADD COLUMN itself does to the stored SQL; it is done this way
-- (as version 6 widens CHECKs) so that the part may run again.  Old rows
-- read '' in all three and keep their hash; src/core/audit.c hashes the new
-- columns only for rows that have an outcome.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = substr(rtrim(sql), 1, length(rtrim(sql)) - 1) ||
             ', roles TEXT NOT NULL DEFAULT '''', outcome TEXT NOT NULL DEFAULT '''' ' ||
             'CHECK (outcome IN ('''', ''allowed'', ''refused'', ''failed'')), ' ||
             'reason TEXT NOT NULL DEFAULT '''')'
 WHERE type = 'table' AND name = 'audit' AND instr(sql, 'outcome') = 0;

-- Schema version 26: a receiving role already in a concern's mask changes nothing
--
-- May run again.  A new concern is stored with its whole mask (src/features/
-- concerns/concern_file.c); adding its recipients then rewrote the row and
-- its indexes once per role for nothing.  This part made the trigger that
-- added them skip a role already in the mask; since version 47 there are no
-- stored recipients and no trigger, so it only removes the old one.
DROP TRIGGER IF EXISTS concern_recipients_mask;

-- Schema version 27: the audit log's and the concerns' CHECKs as comparisons
--
-- May run again.  A CHECK of the form x IN (three or more values) makes
-- SQLite build a temporary table of the values on every INSERT; written as
-- comparisons it does not.  They allow the same values as before, so the
-- stored SQL is edited as version 6 widens CHECKs (nothing stored changes),
-- to the text a new database is given, line break included.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (outcome IN ('''', ''allowed'', ''refused'', ''failed''))',
                     'CHECK (outcome = '''' OR outcome = ''allowed'' OR outcome = ''refused'' ' ||
                     'OR outcome = ''failed'')')
 WHERE type = 'table' AND name = 'audit';
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (status IN (''new'',''acknowledged'',''investigating'',' ||
                          '''escalated'',''closed''))',
                     'CHECK (status = ''new'' OR status = ''acknowledged'' OR ' ||
                     'status = ''investigating'' OR' || char(10) || '                     ' ||
                     'status = ''escalated'' OR status = ''closed'')')
 WHERE type = 'table' AND name = 'concerns';

-- Schema version 28: a deleted concern's entry in the disposal register is not shown to the
-- person it was about
--
-- May run again.  A concern about the person reading the retention review
-- is, for them, not there (KCSIE part four; src/features/records/
-- retention.c), and that stays so once it is deleted: who it was about is
-- kept beside its entry in the register for that alone.  Entries made
-- before this part have none (the concern was already gone).
CREATE TABLE IF NOT EXISTS disposal_subjects (
  disposal_id INTEGER PRIMARY KEY REFERENCES disposals(id),
  user_id     INTEGER NOT NULL REFERENCES users(id)
);

-- Schema version 29: the throttle's old rows are found by time
--
-- May run again.  Every sign-in attempt is now counted before its password
-- is checked (src/core/throttle.c), and each count drops the rows older
-- than a day: through this index, not by reading the whole table, which a
-- password-guessing run would make large.
CREATE INDEX IF NOT EXISTS throttle_by_last ON throttle(last_at);

-- Schema version 30: the day someone joined, for "days waiting", is their UK date
--
-- May run again.  A person added just after midnight UK time in summer was
-- added the day before in UTC, and the compliance page counted a day of
-- waiting on the day they joined.  The day is the UK date (the process runs
-- with TZ=Europe/London, src/lib/uk_time.c), as every date the pages show
-- and as a version's effective date is written.  awaiting_signature is
-- rebuilt from the records with it.
DROP VIEW IF EXISTS awaiting_signature_rule;
CREATE VIEW awaiting_signature_rule AS
  SELECT v.id AS version_id, u.id AS user_id,
         max(v.effective, coalesce(date(u.created_at, 'localtime'), substr(u.created_at, 1, 10))) AS since,
         u.name, u.staff_type, u.department
    FROM policies p JOIN policy_versions v ON v.policy_id = p.id
    JOIN users u ON u.active = 1 AND instr(',' || p.applies_to || ',', ',' || u.staff_type || ',') > 0
   WHERE NOT EXISTS (SELECT 1 FROM signatures s WHERE s.version_id = v.id AND s.user_id = u.id);
DELETE FROM awaiting_signature;
DELETE FROM awaiting_counts;
INSERT INTO awaiting_signature SELECT * FROM awaiting_signature_rule;

-- Schema version 31: the social-media training of a contributor who is not staff
--
-- May run again.  ravens-wood §3: the SLT must be satisfied that anyone
-- running an account "has read and understood this policy and received
-- appropriate training. This also applies to anyone who is not directly
-- employed by the school, including volunteers or parents".  Someone without
-- a sign-in has no training record; the date of their training (and when it
-- lapses, if it does) is entered with their paper signature, and is current
-- by the rule staff training has (src/core/policy_status.c).
CREATE TABLE IF NOT EXISTS contributor_training (
  contributor_id INTEGER PRIMARY KEY REFERENCES account_contributors(id),
  completed_on   TEXT NOT NULL,              -- YYYY-MM-DD
  expires_on     TEXT,                       -- YYYY-MM-DD, or NULL: does not lapse
  recorded_by    INTEGER NOT NULL REFERENCES users(id),
  recorded_at    TEXT NOT NULL,              -- ISO-8601 UTC
  CHECK (expires_on IS NULL OR expires_on >= completed_on)
);

-- Schema version 32: a block request made for a report about the headteacher is withheld from them
--
-- May run again.  Content reached on school machines is reported "so that
-- the site can be blocked" (heatons 6.8 and 7.3); a report about the
-- headteacher goes to the chair alone (KCSIE part four), and the site is
-- asked to be blocked as the reporter's own filtering request
-- (src/features/concerns/concern_file.c).  withheld_from is the person that
-- request is not shown to, in any view, list, count, export or audit row
-- (src/features/filtering/filter_requests.c); NULL for every other request.
-- The column is added as version 25 adds the audit log's, so that the part
-- may run again, and as version 27 edits a CHECK, to the text a new
-- database is given (version 11); a table whose text is not the one version
-- 11 wrote has it added at the end, as ALTER TABLE ADD COLUMN would.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, '  decided_at      TEXT' || char(10) || ')',
                     '  decided_at      TEXT,' || char(10) ||
                     '  withheld_from   INTEGER REFERENCES users(id)  ' ||
                     '-- not shown to them (schema version 32)' || char(10) || ')')
 WHERE type = 'table' AND name = 'filter_requests' AND instr(sql, 'withheld_from') = 0;
UPDATE sqlite_schema
   SET sql = substr(rtrim(sql), 1, length(rtrim(sql)) - 1) ||
             ', withheld_from INTEGER REFERENCES users(id))'
 WHERE type = 'table' AND name = 'filter_requests' AND instr(sql, 'withheld_from') = 0;

-- Schema version 33: adults who have asked not to be filmed or photographed
--
-- May run again.  ravens-wood §9: "If anyone, for any reason, asks not to
-- be filmed or photographed then their wishes should be respected."  The
-- pupils' list (version 21) is by name and class; an adult has no class,
-- and a member of staff asks for themselves and is the only one who may
-- withdraw it, so their entry is their user id, not a name typed by someone
-- else.  A parent, a visitor, a governor or a volunteer is added by name by
-- the keepers of the pupils' list.  Taking an entry off keeps it, with who
-- and when, as the pupils' list does.
CREATE TABLE IF NOT EXISTS do_not_film (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER REFERENCES users(id),  -- a member of staff who asked for themselves
  person_name TEXT NOT NULL DEFAULT '',      -- anyone else, added by a keeper of the list
  note        TEXT NOT NULL DEFAULT '',
  added_by    INTEGER NOT NULL REFERENCES users(id),
  added_at    TEXT NOT NULL,                 -- ISO-8601 UTC, the date it was asked
  removed_by  INTEGER REFERENCES users(id),
  removed_at  TEXT,                          -- withdrawn, or taken off the list
  CHECK ((user_id IS NULL) = (person_name <> ''))
);
CREATE UNIQUE INDEX IF NOT EXISTS do_not_film_own ON do_not_film(user_id)
  WHERE removed_at IS NULL AND user_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS do_not_film_current ON do_not_film(removed_at, person_name);

-- Schema version 34: the steps a school's policy asks for on a case, in its chronology
--
-- May run again.  heatons 8.5, 8.7, 8.8 and 9.1 ask for steps on concerns of
-- three categories (reported to the police; the parent or carer invited in
-- and asked to remove the post, then the site told if they refuse; parents
-- and the Safeguarding Unit told); each is recorded as an internal event of
-- action 'step' (src/features/concerns/concern_steps.c).  The CHECK on
-- concern_events.action is widened as version 6 widens it, by editing the
-- table's stored SQL, only where 'step' is not there yet.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, '''device'',''ico_decision'')', '''device'',''ico_decision'',''step'')')
 WHERE type = 'table' AND name = 'concern_events' AND instr(sql, '''step''') = 0;

-- Schema version 35: the do-not-publish list, a contributor's papers and subject access requests under the retention rules
--
-- May run again.  What is kept of a pupil or an adult taken off the
-- do-not-publish list (versions 21 and 33), the paper signature, its scan
-- and the training of a contributor who is not staff once they no longer
-- run the account (versions 17, 19 and 31), and a subject access request
-- once answered, each have a retention rule now (docs/RECORDS.md), so the
-- review lists them and a legal hold may be placed on them.  The CHECK on
-- legal_holds.record_type is widened as version 22 widens it: the table is
-- made again with the same rows.
INSERT OR IGNORE INTO settings(key, value) VALUES
  ('retention_do_not_publish_years', '25'),
  ('retention_do_not_film_years', '6'),
  ('retention_sar_years', '6');
CREATE TABLE IF NOT EXISTS legal_holds_v35 (
  record_type TEXT NOT NULL CHECK (record_type IN ('concern','signature','training','decline',
    'acknowledgement','do_not_publish','do_not_film','contributor_paper','contributor_training',
    'sar')),
  record_id   INTEGER NOT NULL,
  reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  placed_by   INTEGER NOT NULL REFERENCES users(id),
  placed_at   TEXT NOT NULL,
  PRIMARY KEY (record_type, record_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO legal_holds_v35 SELECT record_type, record_id, reason, placed_by, placed_at FROM legal_holds;
DROP TABLE legal_holds;
ALTER TABLE legal_holds_v35 RENAME TO legal_holds;

-- Schema version 36: a new report writes two index entries fewer
--
-- May run again.  Two indexes leave out the rows no query looks up
-- through them, and a new report is one of those rows in each: a report
-- writes two index entries fewer while it holds the write lock.
-- - concerns_by_assignee: every query on it names the member of staff
--   ("assignee_id = ?"), and a new report has no one assigned.
-- - concerns_queue gives way to concerns_urgent_open: the queue reads
--   through it only the open urgent cases it lists first (concern_case.c,
--   with the same terms), newest first; the rest of the queue is read in
--   date order through concerns_by_created and concerns_by_status_created.
--   Most reports are not urgent.
DROP INDEX IF EXISTS concerns_by_assignee;
CREATE INDEX concerns_by_assignee ON concerns(assignee_id, status) WHERE assignee_id IS NOT NULL;
DROP INDEX IF EXISTS concerns_queue;
CREATE INDEX IF NOT EXISTS concerns_urgent_open ON concerns(created_at)
  WHERE urgent = 1 AND status IN ('new', 'acknowledged', 'investigating', 'escalated');

-- Schema version 37: no file is kept on a report of a nude or semi-nude image
--
-- May run again.  UKCIS (2024), "Sharing nudes and semi-nudes": staff never
-- copy, store or save such an image, so a report of one (category
-- 'sexting', or an indecent image reached on school premises) takes a
-- description and no file.  A school whose staffroom took files on such
-- reports before that rule still holds them: they are deleted here, each
-- leaving a note in its case's chronology with what the file was (its
-- number, type, size and SHA-256, never its content), so the record shows
-- that it existed and why it went.  With secure_delete on, the bytes are
-- overwritten in the file; the server empties the WAL when it starts.
--
-- Numbers given once: SQLite gives a deleted highest rowid again, and an old
-- audit row names /evidence/{id}, so a deletion of evidence keeps the highest
-- number it removes in high_water (src/features/concerns/concerns.h), and a
-- new file takes the next after it; this part keeps it before it deletes.
CREATE TABLE IF NOT EXISTS high_water (
  name TEXT PRIMARY KEY,                     -- the table: 'evidence'
  high INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO high_water(name, high) SELECT 'evidence', coalesce(max(id), 0) FROM evidence
  WHERE true ON CONFLICT(name) DO UPDATE SET high = max(high, excluded.high);
INSERT INTO concern_events(concern_id, at, actor_id, action, detail, internal)
  SELECT e.concern_id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), NULL, 'note',
         json_object('text', 'Evidence file ' || e.id || ' (' || e.type || ', ' || e.size ||
           ' bytes, SHA-256 ' || e.sha256 || ') was deleted when staffroom was upgraded: ' ||
           'a report of a nude or semi-nude image keeps no file (UKCIS 2024).'), 1
  FROM evidence e JOIN concerns c ON c.id = e.concern_id
  WHERE c.category = 'sexting' OR EXISTS (SELECT 1 FROM concern_image_reports i
    WHERE i.concern_id = c.id AND i.indecent_image = 1);
DELETE FROM evidence_original WHERE evidence_id IN (SELECT e.id FROM evidence e
  JOIN concerns c ON c.id = e.concern_id WHERE c.category = 'sexting' OR EXISTS
  (SELECT 1 FROM concern_image_reports i WHERE i.concern_id = c.id AND i.indecent_image = 1));
DELETE FROM evidence WHERE concern_id IN (SELECT c.id FROM concerns c
  WHERE c.category = 'sexting' OR EXISTS (SELECT 1 FROM concern_image_reports i
    WHERE i.concern_id = c.id AND i.indecent_image = 1));

-- Schema version 38: a yearly signing again entered from paper, and a decline each year
--
-- May run again.  slyne's agreement is signed again every year, and on
-- paper by whoever cannot sign online ("Signed: _____"): a signing again
-- entered by a leader keeps, as a paper signature does, the date on the
-- paper, who entered it and when (src/features/aup/aup_paper.c), and is
-- deleted with the signing again.  Someone due to sign again may say they
-- do not agree, as they could before they first signed: policy_declines
-- holds one a version while it is unsigned and one each year after, so
-- its UNIQUE is dropped, the table made again with the same rows (as
-- version 35 makes legal_holds).
CREATE TABLE IF NOT EXISTS paper_acknowledgements (
  acknowledgement_id INTEGER PRIMARY KEY,    -- policy_acknowledgements.id
  version_id   INTEGER NOT NULL,             -- policy_acknowledgements.version_id
  paper_date   TEXT NOT NULL,                -- YYYY-MM-DD
  recorded_by  INTEGER NOT NULL REFERENCES users(id),
  recorded_at  TEXT NOT NULL                 -- ISO-8601 UTC
);
CREATE INDEX IF NOT EXISTS paper_acknowledgements_by_version
  ON paper_acknowledgements(version_id);
CREATE TRIGGER IF NOT EXISTS paper_acknowledgement_deleted AFTER DELETE ON policy_acknowledgements
BEGIN
  DELETE FROM paper_acknowledgements WHERE acknowledgement_id = old.id;
END;
CREATE TABLE IF NOT EXISTS policy_declines_v38 (
  id          INTEGER PRIMARY KEY,
  version_id  INTEGER NOT NULL REFERENCES policy_versions(id),
  user_id     INTEGER NOT NULL REFERENCES users(id),
  reason      TEXT NOT NULL,
  declined_at TEXT NOT NULL                  -- ISO-8601 UTC
);
INSERT OR IGNORE INTO policy_declines_v38 SELECT id, version_id, user_id, reason, declined_at
  FROM policy_declines;
DROP TABLE policy_declines;
ALTER TABLE policy_declines_v38 RENAME TO policy_declines;
CREATE INDEX IF NOT EXISTS policy_declines_by_person
  ON policy_declines(version_id, user_id, declined_at);
CREATE INDEX IF NOT EXISTS policy_declines_by_user ON policy_declines(user_id);

-- Schema version 39: a contributor who is not staff signs the agreement again on paper
--
-- May run again.  ravens-wood §3 asks of anyone running an account,
-- "including volunteers or parents", what it asks of staff, and slyne's
-- agreement is signed again every year.  A contributor who is not staff
-- signs again on paper, entered on their behalf by whoever may add them
-- (src/features/accounts/account_paper_again.c): each paper after the first
-- (contributor_paper) is kept here, with the version, the date on the
-- paper, who entered it and when, so that every year's signing stays as
-- evidence, as policy_acknowledgements keeps a member of staff's.  The gate
-- reads the latest entered.  They are part of the paper signature's record
-- (retention's contributor_paper) and are deleted with it.
CREATE TABLE IF NOT EXISTS contributor_paper_again (
  id             INTEGER PRIMARY KEY,
  contributor_id INTEGER NOT NULL REFERENCES account_contributors(id),
  version_id     INTEGER NOT NULL REFERENCES policy_versions(id),
  paper_date     TEXT NOT NULL,              -- YYYY-MM-DD, as written on the paper
  recorded_by    INTEGER NOT NULL REFERENCES users(id),
  recorded_at    TEXT NOT NULL               -- ISO-8601 UTC
);
CREATE INDEX IF NOT EXISTS contributor_paper_again_by_contributor
  ON contributor_paper_again(contributor_id, id);
CREATE TRIGGER IF NOT EXISTS contributor_paper_deleted AFTER DELETE ON contributor_paper
BEGIN
  DELETE FROM contributor_paper_again WHERE contributor_id = old.contributor_id;
END;

-- Schema version 40: a deleted concern's entry in the disposal register is shown only to those who could review it
--
-- May run again.  A concern past its date is reviewed only by those who may
-- open it and by the headteacher unless it is about them; one about the
-- headteacher by the chair (MAY_REVIEW, src/features/records/retention.c).
-- Its entry in the register names it and says why it went, so once it is
-- deleted the entry is shown to them alone (disposal_visible.h there).  The
-- concern is gone by then, so what decided it is kept beside the entry when
-- it is deleted: its receiving roles (as role bits), the person it was
-- assigned to, and whether it was about the headteacher.  Entries made before
-- this part keep nothing of it, so they take the narrowest reading: no
-- roles, nobody assigned, not about the headteacher, which shows each to the
-- headteacher unless it was about them (disposal_subjects) and to whoever
-- deleted it.
CREATE TABLE IF NOT EXISTS disposal_concerns (
  disposal_id    INTEGER PRIMARY KEY REFERENCES disposals(id),
  recipient_mask INTEGER NOT NULL,          -- the concern's receiving roles then (role_bits)
  assignee_id    INTEGER REFERENCES users(id),
  about_head     INTEGER NOT NULL CHECK (about_head IN (0, 1))
);
CREATE TRIGGER IF NOT EXISTS disposal_concerns_no_update BEFORE UPDATE ON disposal_concerns
  BEGIN SELECT RAISE(ABORT, 'the disposal register is append-only'); END;
CREATE TRIGGER IF NOT EXISTS disposal_concerns_no_delete BEFORE DELETE ON disposal_concerns
  BEGIN SELECT RAISE(ABORT, 'the disposal register is append-only'); END;
INSERT OR IGNORE INTO disposal_concerns(disposal_id, recipient_mask, assignee_id, about_head)
  SELECT id, 0, NULL, 0 FROM disposals WHERE record_type = 'concern';

-- Schema version 41: numbers kept by a database that reached version 37 early; applications by account
--
-- May run again.  A database brought to version 37 before that part kept
-- the highest evidence number (high_water) lacks the table; it is made here
-- as part 37 makes it.  An account's page names the application it came
-- from, looked up by account.
CREATE TABLE IF NOT EXISTS high_water (
  name TEXT PRIMARY KEY,                     -- the table: 'evidence'
  high INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO high_water(name, high) SELECT 'evidence', coalesce(max(id), 0) FROM evidence
  WHERE true ON CONFLICT(name) DO UPDATE SET high = max(high, excluded.high);
CREATE INDEX IF NOT EXISTS applications_by_account ON account_applications(account_id)
  WHERE account_id IS NOT NULL;

-- Schema version 42: someone else's material in a post sent for sign-off, and who is posting it
--
-- May run again.  ravens-wood §6: "Users of social media should consider the
-- copyright of the content they are sharing and, where necessary, should seek
-- permission from the copyright holder before sharing"; §10: "Ensure you have
-- permission to 'share' other peoples' materials and acknowledge the author"
-- (slyne's agreement: "I will ensure that I have permission to use the
-- original work of others").  What the author said when the post was sent
-- (or last sent again): whether it shares someone else's material and, when
-- it does, that the copyright holder gave permission and whom the post
-- credits.  A post sent before this part has no row: it was not asked.
CREATE TABLE IF NOT EXISTS account_post_material (
  post_id         INTEGER PRIMARY KEY REFERENCES account_posts(id),
  others_material INTEGER NOT NULL CHECK (others_material IN (0, 1)),
  permission      INTEGER NOT NULL CHECK (permission IN (0, 1)),
  credit          TEXT NOT NULL DEFAULT '',  -- who made it, as the post credits them
  CHECK (others_material = 1 OR (permission = 0 AND credit = '')),
  CHECK (others_material = 0 OR (permission = 1 AND credit != ''))
) WITHOUT ROWID;
-- ravens-wood §5: "Users must declare who they are in social media posts or
-- accounts. Anonymous posts are discouraged in relation to school
-- activity"; §10: "Make it clear who is posting content".  How the post, as
-- it will go out, says who is posting it (a name and role, or the
-- department's name), as its author last sent it.
CREATE TABLE IF NOT EXISTS account_post_posted_as (
  post_id   INTEGER PRIMARY KEY REFERENCES account_posts(id),
  posted_as TEXT NOT NULL CHECK (posted_as != '')
) WITHOUT ROWID;

-- Schema version 43: a concern's category, its chronology's actions, its evidence's types and an
-- e-mail's state checked by comparisons
--
-- May run again.  As version 27 says, a CHECK of the form x IN (three or
-- more values) makes SQLite build a temporary table of the values on every
-- INSERT: some 46,000 instructions for the 14 actions, each time a case's
-- chronology gains an event, in the writer's turn that every report waits
-- for.  An e-mail's state is written when it is queued and when it is sent.
-- Written as comparisons (the commonest first: a report is the first event
-- of every case) they allow the same values, so the stored SQL is edited as
-- version 6 widens CHECKs: nothing stored changes, and a new database (which
-- runs every part) ends with the same text.  A later part that widens one
-- of these lists adds a comparison after the last ("OR action = 'step'").
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (category IN (''cyberbullying_staff'',''cyberbullying_pupil'',' ||
                          char(10) || '                ''pupil_contact'',''parent_post'',' ||
                          '''premises_content'',''sexting'',''account_comment'',' || char(10) ||
                          '                ''media_contact'',''staff_conduct'',' ||
                          '''whistleblowing'',''data_breach'',''other''))',
                     'CHECK (category = ''cyberbullying_staff'' OR ' ||
                     'category = ''cyberbullying_pupil'' OR' || char(10) ||
                     '                category = ''pupil_contact'' OR category = ''parent_post'' OR ' ||
                     'category = ''premises_content'' OR' || char(10) ||
                     '                category = ''sexting'' OR category = ''account_comment'' OR ' ||
                     'category = ''media_contact'' OR' || char(10) ||
                     '                category = ''staff_conduct'' OR ' ||
                     'category = ''whistleblowing'' OR category = ''data_breach'' OR' ||
                     char(10) || '                category = ''other'')')
 WHERE type = 'table' AND name = 'concerns';
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (action IN (''reported'',''acknowledge'',''note'',''assign'',' ||
                          '''status'',' || char(10) ||
                          '                                           ''escalate'',''close'',' ||
                          '''reopen'',''evidence'',''threshold'',''copy_given'',''device'',' ||
                          '''ico_decision'',''step''))',
                     'CHECK (action = ''reported'' OR action = ''acknowledge'' OR ' ||
                     'action = ''note'' OR' || char(10) ||
                     '                                           action = ''assign'' OR ' ||
                     'action = ''status'' OR action = ''escalate'' OR action = ''close'' OR' ||
                     char(10) ||
                     '                                           action = ''reopen'' OR ' ||
                     'action = ''evidence'' OR action = ''threshold'' OR' || char(10) ||
                     '                                           action = ''copy_given'' OR ' ||
                     'action = ''device'' OR action = ''ico_decision'' OR' || char(10) ||
                     '                                           action = ''step'')')
 WHERE type = 'table' AND name = 'concern_events';
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (type IN (''image/png'',''image/jpeg'',''application/pdf'',' ||
                          '''text/plain''))',
                     'CHECK (type = ''image/png'' OR type = ''image/jpeg'' OR ' ||
                     'type = ''application/pdf'' OR' || char(10) ||
                     '                                  type = ''text/plain'')')
 WHERE type = 'table' AND name = 'evidence';
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (status IN (''queued'',''sent'',''failed''))',
                     'CHECK (status = ''queued'' OR status = ''sent'' OR status = ''failed'')')
 WHERE type = 'table' AND name = 'outbox';

-- Schema version 44: damage and faults reported in equipment and software
--
-- May run again.  slyne's staff agreement: "I will report any damage or
-- faults involving equipment or software, however this may have happened."
-- Anyone signed in reports one; the network manager deals with it, marking
-- it fixed or not a fault with a note (src/features/faults/).  How it
-- happened is optional: the clause asks for a report whatever the cause.
CREATE TABLE IF NOT EXISTS fault_reports (
  id           INTEGER PRIMARY KEY,
  equipment    TEXT NOT NULL CHECK (equipment != ''),  -- what equipment or software
  location     TEXT NOT NULL DEFAULT '',               -- room or place; '' when not given
  problem      TEXT NOT NULL CHECK (problem != ''),    -- what is wrong
  cause        TEXT NOT NULL DEFAULT '',               -- how it happened; '' when not known
  stops_work   INTEGER NOT NULL CHECK (stops_work IN (0, 1)),
  reported_by  INTEGER NOT NULL REFERENCES users(id),
  reported_at  TEXT NOT NULL,                          -- ISO-8601 UTC
  outcome      TEXT CHECK (outcome IN ('fixed', 'not_fault')),
  outcome_note TEXT,
  dealt_by     INTEGER REFERENCES users(id),
  dealt_at     TEXT,
  CHECK ((outcome IS NULL) = (dealt_at IS NULL) AND (outcome IS NULL) = (dealt_by IS NULL))
);
CREATE INDEX IF NOT EXISTS fault_reports_by_reporter ON fault_reports(reported_by, id);
-- The list to deal with: open ones, those that stop someone working first,
-- then the newest; and those dealt with, the latest first.
CREATE INDEX IF NOT EXISTS fault_reports_open ON fault_reports(dealt_at, stops_work, id);

-- Schema version 45: training records found by their course
--
-- May run again.  The courses page counts each course's records, and a
-- course's code is a foreign key of every record: without this index each
-- count, and each check of the key when a course changes, read every
-- training record of the school through training_by_user.
CREATE INDEX IF NOT EXISTS training_by_course ON training(course);

-- Schema version 46: reports of damage and faults under the retention rules
--
-- May run again.  A fault report (version 44) names who reported it and
-- what they said of how it happened: personal data, kept "for no longer
-- than is necessary" (UK GDPR article 5(1)(e)).  One dealt with is kept
-- its years from the day it was dealt with (the school's decision, six by
-- default, docs/RECORDS.md), then listed by the retention review for a
-- person to delete; an open report is never due.  A legal hold may be
-- placed on one: the CHECK on legal_holds.record_type is widened as
-- version 35 widens it, the table made again with the same rows.
INSERT OR IGNORE INTO settings(key, value) VALUES ('retention_fault_years', '6');
CREATE TABLE IF NOT EXISTS legal_holds_v46 (
  record_type TEXT NOT NULL CHECK (record_type IN ('concern','signature','training','decline',
    'acknowledgement','do_not_publish','do_not_film','contributor_paper','contributor_training',
    'sar','fault')),
  record_id   INTEGER NOT NULL,
  reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  placed_by   INTEGER NOT NULL REFERENCES users(id),
  placed_at   TEXT NOT NULL,
  PRIMARY KEY (record_type, record_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO legal_holds_v46 SELECT record_type, record_id, reason, placed_by, placed_at FROM legal_holds;
DROP TABLE legal_holds;
ALTER TABLE legal_holds_v46 RENAME TO legal_holds;

-- Schema version 47: a concern's receiving roles kept once, in its mask
--
-- May run again.  Each concern kept its receiving roles twice: as rows of
-- concern_recipients (with an index and a trigger) and as the bits of its
-- recipient_mask, which every check of who may see it reads.  Filing a
-- report wrote both, some tenth of its work under the write lock.  Now the
-- mask alone is kept: any role a stored row holds and the mask lacks is
-- added to it first (the trigger kept them equal, so none should), and the
-- roles by name are the view concern_recipient_roles.  The empty table is
-- made first so that the part may run on a database that has none.
CREATE TABLE IF NOT EXISTS concern_recipients (
  concern_id INTEGER NOT NULL,
  role       TEXT NOT NULL,
  PRIMARY KEY (concern_id, role)
) WITHOUT ROWID;
UPDATE concerns SET recipient_mask = recipient_mask | (SELECT coalesce(sum(b.bit), 0)
    FROM concern_recipients r JOIN role_bits b ON b.role = r.role WHERE r.concern_id = concerns.id)
 WHERE recipient_mask != recipient_mask | (SELECT coalesce(sum(b.bit), 0)
    FROM concern_recipients r JOIN role_bits b ON b.role = r.role WHERE r.concern_id = concerns.id);
DROP TRIGGER IF EXISTS concern_recipients_mask;
DROP TABLE concern_recipients;
CREATE VIEW IF NOT EXISTS concern_recipient_roles(concern_id, role) AS
  SELECT c.id, b.role FROM concerns c JOIN role_bits b ON (c.recipient_mask & b.bit) != 0;

-- Schema version 48: the index of those who cannot sign in yet, on every database
--
-- May run again.  It has been in the whole model since the first indexes of
-- active staff, but no part added it to a database made before then; the
-- administrator's count of staff who cannot sign in yet now names it
-- (src/features/admin/admin.c), so every database must have it.
CREATE INDEX IF NOT EXISTS users_without_password ON users(id) WHERE active = 1 AND password_hash IS NULL;

-- Schema version 49: a breach record for every breach, in the order of the log
--
-- May run again.  A breach stored other than by the report form (the
-- synthetic school, an import) had no breach_records row, and the log read
-- every breach with its record if any to sort them by when the school became
-- aware: some 16,500 rows a request at the benchmark's trust.  Now each has its row
-- (the school was aware when it was filed, as the log assumed), the trigger
-- keeps it so, and the log pages through breach_records_by_aware.
CREATE TRIGGER IF NOT EXISTS breach_record_for_breach AFTER INSERT ON concerns
  WHEN new.category = 'data_breach' BEGIN
  INSERT OR IGNORE INTO breach_records(concern_id, aware_at) VALUES (new.id, new.created_at);
END;
INSERT OR IGNORE INTO breach_records(concern_id, aware_at)
  SELECT id, created_at FROM concerns WHERE category = 'data_breach';
CREATE INDEX IF NOT EXISTS breach_records_by_aware ON breach_records(aware_at, concern_id);

-- Schema version 50: who still needs the social-media policy training, kept
--
-- May run again.  The leaders' count of teachers and support staff still
-- to be trained, on /training and /training/untrained, read every active
-- member of staff with a look-up of their records (some 17 ms a request at
-- 20,000 staff), and /training's list sorted every record to show a
-- hundred.  Both now read an index.
--
-- Who still needs the social-media policy training (heatons 4.2: teachers
-- and support staff are trained at induction and again when it runs out):
-- each active teacher and member of support staff, with the day their
-- latest record of the course runs to ('' never trained, '9999-12-31' one
-- that does not run out).  A record is never completed after the day it is
-- entered (src/features/training/training.c), so one that has not run out
-- is current.  Kept by the triggers below with every change to people and
-- training, so that the leaders' count and list of those still to be
-- trained read those whose day has passed from an index, not every member
-- of staff with their records (src/features/training/training_untrained.c).
CREATE TABLE IF NOT EXISTS policy_training_until (
  user_id INTEGER PRIMARY KEY,
  name    TEXT NOT NULL,                     -- the person's, for the list's order
  until   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS policy_training_by_until ON policy_training_until(until, name);
CREATE VIEW IF NOT EXISTS policy_training_until_rule AS
  SELECT u.id AS user_id, u.name,
         coalesce((SELECT max(coalesce(t.expires_on, '9999-12-31')) FROM training t
                    WHERE t.user_id = u.id AND t.course = 'social_media_policy'), '') AS until
    FROM users u WHERE u.active = 1 AND u.staff_type IN ('teacher', 'support');
CREATE TRIGGER IF NOT EXISTS policy_training_new_person AFTER INSERT ON users
  WHEN new.active = 1 AND new.staff_type IN ('teacher', 'support') BEGIN
  INSERT OR REPLACE INTO policy_training_until SELECT * FROM policy_training_until_rule WHERE user_id = new.id;
END;
CREATE TRIGGER IF NOT EXISTS policy_training_person_changed AFTER UPDATE OF active, staff_type, name ON users
  WHEN old.active != new.active OR old.staff_type != new.staff_type OR old.name != new.name BEGIN
  DELETE FROM policy_training_until WHERE user_id = old.id;
  INSERT OR REPLACE INTO policy_training_until SELECT * FROM policy_training_until_rule WHERE user_id = new.id;
END;
CREATE TRIGGER IF NOT EXISTS policy_training_person_deleted AFTER DELETE ON users BEGIN
  DELETE FROM policy_training_until WHERE user_id = old.id;
END;
CREATE TRIGGER IF NOT EXISTS policy_training_recorded AFTER INSERT ON training
  WHEN new.course = 'social_media_policy' BEGIN
  INSERT OR REPLACE INTO policy_training_until SELECT * FROM policy_training_until_rule WHERE user_id = new.user_id;
END;
CREATE TRIGGER IF NOT EXISTS policy_training_changed AFTER UPDATE OF user_id, course, expires_on ON training
  WHEN old.course = 'social_media_policy' OR new.course = 'social_media_policy' BEGIN
  INSERT OR REPLACE INTO policy_training_until SELECT * FROM policy_training_until_rule
   WHERE user_id IN (old.user_id, new.user_id);
END;
CREATE TRIGGER IF NOT EXISTS policy_training_deleted AFTER DELETE ON training
  WHEN old.course = 'social_media_policy' BEGIN
  INSERT OR REPLACE INTO policy_training_until SELECT * FROM policy_training_until_rule WHERE user_id = old.user_id;
END;
-- Rebuilt from the records: a database from before this part, or this part
-- run again, holds exactly what the triggers would have kept.
DELETE FROM policy_training_until;
INSERT INTO policy_training_until SELECT * FROM policy_training_until_rule;
-- Everyone's records, the latest completed first (the leaders' list, a page at a time).
CREATE INDEX IF NOT EXISTS training_by_completed ON training(completed_on, id);

-- Schema version 51: the day each closed concern is due for review, kept
--
-- May run again.  The records due for review (/admin/retention) worked out
-- the rule's date for every closed concern at each request, some 200,000 at
-- a large trust (over a second, and every due record on one page).  The
-- rule for concerns is now this view (docs/RECORDS.md says it in words), the
-- date it gives is kept for each closed concern whose date is known, by the
-- triggers below in the transaction of every change it depends on (the
-- concern, the leaving date of the person it is about, the years in the
-- settings), and the review reads the concerns due from the index, a page
-- at a time (src/features/records/retention.c).  Its dates are UK dates of
-- stored UTC times: SQLite's 'localtime' is the UK zone in staffroom
-- (uk_time_init), and a change made outside it must run in that zone too.
-- A concern about a member of staff who has not left has no date yet: their
-- leaving date plus the retirement review is NULL, and so is any max() it
-- is in.  A safeguarding record about pupils is kept its years after closing
-- even when it also names a member of staff: it is still the pupils' record
-- (kept until any pupil in it is 25; staffroom holds no dates of birth, see
-- docs/RECORDS.md), so the staff rule may keep it longer, never shorter.
-- The rule's words are the review's "Rule" column.
CREATE VIEW IF NOT EXISTS concern_retention_rule(concern_id, due, rule) AS
  SELECT c.id,
    CASE WHEN c.outcome_category = 'malicious' THEN date(c.closed_at, 'localtime')
         WHEN c.outcome_category IN ('substantiated','false','unsubstantiated','unfounded')
           THEN max(date(c.created_at, 'localtime', y.allegation), date(a.left_on, y.retirement),
                    CASE WHEN c.category IN ('cyberbullying_pupil','sexting','pupil_contact')
                         THEN date(c.closed_at, 'localtime', y.safeguarding)
                         ELSE date(c.created_at, 'localtime', y.allegation) END)
         WHEN c.about_id IS NOT NULL
           THEN max(date(c.created_at, 'localtime', y.staff), date(a.left_on, y.retirement),
                    CASE WHEN c.category IN ('cyberbullying_pupil','sexting','pupil_contact')
                         THEN date(c.closed_at, 'localtime', y.safeguarding)
                         ELSE date(c.created_at, 'localtime', y.staff) END)
         WHEN c.category IN ('cyberbullying_pupil','sexting','pupil_contact')
           THEN date(c.closed_at, 'localtime', y.safeguarding)
         ELSE date(c.closed_at, 'localtime', y.concern) END,
    CASE WHEN c.outcome_category = 'malicious' THEN 'malicious allegation: review for deletion'
         WHEN c.outcome_category IN ('substantiated','false','unsubstantiated','unfounded')
           THEN 'allegation about a member of staff: the later of its date plus the allegation '
                || 'years and their leaving date plus the retirement review'
                || CASE WHEN c.category IN ('cyberbullying_pupil','sexting','pupil_contact')
                        THEN '; as a safeguarding concern about pupils, never before its closing '
                             || 'plus the safeguarding years' ELSE '' END
         WHEN c.about_id IS NOT NULL
           THEN 'concern about a member of staff: the later of its date and their leaving date '
                || 'plus the retirement review'
                || CASE WHEN c.category IN ('cyberbullying_pupil','sexting','pupil_contact')
                        THEN '; as a safeguarding concern about pupils, never before its closing '
                             || 'plus the safeguarding years' ELSE '' END
         WHEN c.category IN ('cyberbullying_pupil','sexting','pupil_contact')
           THEN 'safeguarding concern: after closing'
         ELSE 'concern: after closing' END
  FROM concerns c LEFT JOIN users a ON a.id = c.about_id
  JOIN (SELECT '+' || (SELECT value FROM settings WHERE key = 'retention_allegation_years') || ' years' AS allegation,
               '+' || (SELECT value FROM settings WHERE key = 'retention_concern_staff_years') || ' years' AS staff,
               '+' || (SELECT value FROM settings WHERE key = 'retention_safeguarding_years') || ' years' AS safeguarding,
               '+' || (SELECT value FROM settings WHERE key = 'retention_concern_years') || ' years' AS concern,
               '+' || (SELECT value FROM settings WHERE key = 'retention_retirement_review_years') || ' years' AS retirement) y
 WHERE c.status = 'closed';
CREATE TABLE IF NOT EXISTS concern_retention_due (
  concern_id INTEGER PRIMARY KEY,
  due        TEXT NOT NULL                   -- a UK date
);
CREATE INDEX IF NOT EXISTS concern_retention_by_due ON concern_retention_due(due, concern_id);
CREATE TRIGGER IF NOT EXISTS concern_retention_filed AFTER INSERT ON concerns
  WHEN new.status = 'closed' BEGIN
  INSERT OR REPLACE INTO concern_retention_due
    SELECT concern_id, due FROM concern_retention_rule WHERE concern_id = new.id AND due IS NOT NULL;
END;
CREATE TRIGGER IF NOT EXISTS concern_retention_changed
  AFTER UPDATE OF status, closed_at, outcome_category, about_id, created_at, category ON concerns
  WHEN old.status = 'closed' OR new.status = 'closed' BEGIN
  DELETE FROM concern_retention_due WHERE concern_id = old.id;
  INSERT OR REPLACE INTO concern_retention_due
    SELECT concern_id, due FROM concern_retention_rule WHERE concern_id = new.id AND due IS NOT NULL;
END;
CREATE TRIGGER IF NOT EXISTS concern_retention_deleted AFTER DELETE ON concerns BEGIN
  DELETE FROM concern_retention_due WHERE concern_id = old.id;
END;
CREATE TRIGGER IF NOT EXISTS concern_retention_person_left AFTER UPDATE OF left_on ON users
  WHEN old.left_on IS NOT new.left_on BEGIN
  DELETE FROM concern_retention_due WHERE concern_id IN (SELECT id FROM concerns WHERE about_id = new.id);
  INSERT OR REPLACE INTO concern_retention_due
    SELECT concern_id, due FROM concern_retention_rule
     WHERE concern_id IN (SELECT id FROM concerns WHERE about_id = new.id) AND due IS NOT NULL;
END;
CREATE TRIGGER IF NOT EXISTS concern_retention_years_changed AFTER UPDATE OF value ON settings
  WHEN new.key IN ('retention_allegation_years', 'retention_concern_staff_years', 'retention_safeguarding_years',
                   'retention_concern_years', 'retention_retirement_review_years')
   AND old.value IS NOT new.value BEGIN
  DELETE FROM concern_retention_due;
  INSERT INTO concern_retention_due SELECT concern_id, due FROM concern_retention_rule WHERE due IS NOT NULL;
END;
CREATE TRIGGER IF NOT EXISTS concern_retention_years_set AFTER INSERT ON settings
  WHEN new.key IN ('retention_allegation_years', 'retention_concern_staff_years', 'retention_safeguarding_years',
                   'retention_concern_years', 'retention_retirement_review_years') BEGIN
  DELETE FROM concern_retention_due;
  INSERT INTO concern_retention_due SELECT concern_id, due FROM concern_retention_rule WHERE due IS NOT NULL;
END;
-- Rebuilt from the records: a database from before this part, or this part
-- run again, holds exactly what the triggers would have kept.
DELETE FROM concern_retention_due;
INSERT INTO concern_retention_due SELECT concern_id, due FROM concern_retention_rule WHERE due IS NOT NULL;
-- The records of those who have left (signatures, declines, training) are
-- due some years after: the review reads the leavers from this index, not
-- every member of staff.
CREATE INDEX IF NOT EXISTS users_who_left ON users(id) WHERE left_on IS NOT NULL;

-- Schema version 52: how many training records each course has, kept
--
-- May run again.  The administrator's list of courses says how many records
-- each has; it counted them through training_by_course at each request,
-- every record of the school's years of training.  Kept by triggers with
-- every change to training, rebuilt from the records here.
CREATE TABLE IF NOT EXISTS course_record_counts (
  course TEXT PRIMARY KEY,
  n      INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS course_record_added AFTER INSERT ON training BEGIN
  INSERT INTO course_record_counts(course, n) VALUES (new.course, 1)
    ON CONFLICT(course) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS course_record_removed AFTER DELETE ON training BEGIN
  UPDATE course_record_counts SET n = n - 1 WHERE course = old.course;
END;
CREATE TRIGGER IF NOT EXISTS course_record_moved AFTER UPDATE OF course ON training
  WHEN old.course != new.course BEGIN
  UPDATE course_record_counts SET n = n - 1 WHERE course = old.course;
  INSERT INTO course_record_counts(course, n) VALUES (new.course, 1)
    ON CONFLICT(course) DO UPDATE SET n = n + 1;
END;
DELETE FROM course_record_counts;
INSERT INTO course_record_counts(course, n) SELECT course, count(*) FROM training GROUP BY course;

-- Schema version 53: the cases sent to the chair of governors, indexed
--
-- May run again.  The chair receives only the cases about the headteacher
-- (KCSIE part four; concern_file.c), and their breach log read every breach
-- ever recorded, newest first, to find those few.  This index holds only the
-- cases whose recipients include the chair's role bit (256, role_bits), so a
-- report to anyone else writes nothing to it.
CREATE INDEX IF NOT EXISTS concerns_to_chair ON concerns(category)
  WHERE (recipient_mask & 256) != 0;

-- Schema version 54: who still needs the policy training, by name
--
-- May run again.  The list of those who still need the social-media policy
-- training is by name: read from this index in that order, it stops when
-- the page is full, where sorting everyone whose training has run out (a
-- trust's thousands) made every page cost the whole list.
CREATE INDEX IF NOT EXISTS policy_training_by_name ON policy_training_until(name, user_id, until);
-- Each person's latest record of a course, found without a sort (the list
-- shows when each was last trained).
CREATE INDEX IF NOT EXISTS training_latest_by_user ON training(user_id, course, completed_on);
-- How many people's training runs to each day, kept with the rows above, so
-- that the count of those still to be trained adds up the days before today
-- (a few: those never trained are one, '') rather than counting a trust's
-- thousands one by one.  Every row comes and goes by INSERT OR REPLACE or
-- DELETE (the triggers of part 50); a REPLACE deletes the row it replaces
-- without its DELETE trigger, so the row replaced is taken off its day
-- before the insert.
CREATE TABLE IF NOT EXISTS policy_training_until_counts (
  until TEXT PRIMARY KEY,
  n     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS policy_training_count_replaced BEFORE INSERT ON policy_training_until BEGIN
  UPDATE policy_training_until_counts SET n = n - 1
   WHERE until = (SELECT until FROM policy_training_until WHERE user_id = new.user_id);
END;
CREATE TRIGGER IF NOT EXISTS policy_training_count_added AFTER INSERT ON policy_training_until BEGIN
  INSERT INTO policy_training_until_counts(until, n) VALUES (new.until, 1)
    ON CONFLICT(until) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS policy_training_count_removed AFTER DELETE ON policy_training_until BEGIN
  UPDATE policy_training_until_counts SET n = n - 1 WHERE until = old.until;
END;
CREATE TRIGGER IF NOT EXISTS policy_training_count_moved AFTER UPDATE OF until ON policy_training_until
  WHEN old.until != new.until BEGIN
  UPDATE policy_training_until_counts SET n = n - 1 WHERE until = old.until;
  INSERT INTO policy_training_until_counts(until, n) VALUES (new.until, 1)
    ON CONFLICT(until) DO UPDATE SET n = n + 1;
END;
DELETE FROM policy_training_until_counts;
INSERT INTO policy_training_until_counts(until, n)
  SELECT until, count(*) FROM policy_training_until GROUP BY until;

-- Schema version 55: how many applications wait at each step, kept
--
-- May run again.  My tasks tells the moderator how many applications wait
-- for review and the deciders how many wait for a decision; it counted them
-- through every application waiting, a trust's backlog at each view of the
-- home page.  Now the waiting are counted by status here, kept by triggers,
-- and only a person's own applications and reviews are read to take them
-- off (approvals_by_actor finds their reviews).
CREATE TABLE IF NOT EXISTS application_status_counts (
  status TEXT PRIMARY KEY,
  n      INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS application_count_added AFTER INSERT ON account_applications BEGIN
  INSERT INTO application_status_counts(status, n) VALUES (new.status, 1)
    ON CONFLICT(status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS application_count_removed AFTER DELETE ON account_applications BEGIN
  UPDATE application_status_counts SET n = n - 1 WHERE status = old.status;
END;
CREATE TRIGGER IF NOT EXISTS application_count_moved AFTER UPDATE OF status ON account_applications
  WHEN old.status != new.status BEGIN
  UPDATE application_status_counts SET n = n - 1 WHERE status = old.status;
  INSERT INTO application_status_counts(status, n) VALUES (new.status, 1)
    ON CONFLICT(status) DO UPDATE SET n = n + 1;
END;
DELETE FROM application_status_counts;
INSERT INTO application_status_counts(status, n)
  SELECT status, count(*) FROM account_applications GROUP BY status;
CREATE INDEX IF NOT EXISTS approvals_by_actor ON approvals(actor_id, step);

-- Schema version 56: what each account's flags are worked out from, kept
--
-- May run again.  The moderator's My tasks names or counts the open
-- accounts whose lead has left, whose monitoring is overdue, whose runner
-- fails the policy checks, whose password is to be changed, whose yearly
-- review is due or which are dormant.  It worked out every account's flags
-- at each view, a trust's whole register.  Now each account's facts are kept
-- here, one row an account, by triggers on the tables they come from, and
-- each flag is a range of an index: the dates as the register's flags read
-- them (features/accounts/account_common.c, account_review.c), the rest as
-- whether there is anything to do.
CREATE TABLE IF NOT EXISTS account_state (
  account_id   INTEGER PRIMARY KEY REFERENCES social_accounts(id),
  status       TEXT NOT NULL,                -- social_accounts.status
  monitor_from TEXT NOT NULL,                -- the last check, or the account's creation
  review_from  TEXT NOT NULL,                -- the last review, or the creation
  last_logged  TEXT NOT NULL,                -- the latest of those and the last activity
  lead_active  INTEGER NOT NULL,             -- the lead's users.active
  gate_failing INTEGER NOT NULL,             -- a row in account_gate_failures
  reveals_unchanged INTEGER NOT NULL         -- reveals since the last password change
);
CREATE INDEX IF NOT EXISTS account_state_monitoring ON account_state(status, monitor_from);
CREATE INDEX IF NOT EXISTS account_state_review ON account_state(status, review_from);
CREATE INDEX IF NOT EXISTS account_state_logged ON account_state(status, last_logged);
CREATE INDEX IF NOT EXISTS account_state_lead ON account_state(status, lead_active);
CREATE INDEX IF NOT EXISTS account_state_gate ON account_state(status, gate_failing);
CREATE INDEX IF NOT EXISTS account_state_reveals ON account_state(status, reveals_unchanged);
-- An account's row, from the records: what the triggers below write.
CREATE VIEW IF NOT EXISTS account_state_source AS
  SELECT id AS account_id, status, coalesce(last_check, created_at) AS monitor_from,
    coalesce(last_review, created_at) AS review_from,
    max(coalesce(last_review, created_at), coalesce(last_check, ''), coalesce(activity_at, ''))
      AS last_logged,
    lead_active, gate_failing, reveals_unchanged
  FROM (SELECT a.id, a.status, a.created_at,
      (SELECT max(checked_at) FROM account_checks c WHERE c.account_id = a.id) AS last_check,
      (SELECT max(reviewed_at) FROM account_reviews r WHERE r.account_id = a.id) AS last_review,
      (SELECT last_at FROM account_activity v WHERE v.account_id = a.id) AS activity_at,
      (SELECT active FROM users u WHERE u.id = a.lead_id) AS lead_active,
      EXISTS (SELECT 1 FROM account_gate_failures g WHERE g.account_id = a.id) AS gate_failing,
      (SELECT count(*) FROM account_reveals rv INDEXED BY account_reveals_by_account
        WHERE rv.account_id = a.id AND rv.changes_before =
        (SELECT count(*) FROM account_password_changes p WHERE p.account_id = a.id))
        AS reveals_unchanged
    FROM social_accounts a);
-- Writing an account's id here writes its row of account_state again from
-- the view: every trigger below does, one rule for every change, the same
-- as the first filling at the end.  It UPDATEs, not INSERT OR REPLACE: a
-- statement's OR IGNORE (account_gate_nightly.c) is taken by the statements
-- of the triggers it fires, and would keep the old row.
CREATE VIEW IF NOT EXISTS account_state_stale AS SELECT NULL AS account_id;
CREATE TRIGGER IF NOT EXISTS account_state_rewrite INSTEAD OF INSERT ON account_state_stale BEGIN
  UPDATE account_state SET (status, monitor_from, review_from, last_logged, lead_active,
      gate_failing, reveals_unchanged) = (SELECT status, monitor_from, review_from, last_logged,
      lead_active, gate_failing, reveals_unchanged FROM account_state_source v
      WHERE v.account_id = new.account_id)
    WHERE account_id = new.account_id;
END;
CREATE TRIGGER IF NOT EXISTS account_state_added AFTER INSERT ON social_accounts BEGIN
  INSERT INTO account_state SELECT * FROM account_state_source WHERE account_id = new.id;
END;
CREATE TRIGGER IF NOT EXISTS account_state_changed
  AFTER UPDATE OF status, created_at, lead_id ON social_accounts BEGIN
  INSERT INTO account_state_stale VALUES (new.id);
END;
CREATE TRIGGER IF NOT EXISTS account_state_removed AFTER DELETE ON social_accounts BEGIN
  DELETE FROM account_state WHERE account_id = old.id;
END;
CREATE TRIGGER IF NOT EXISTS account_state_lead_leaves AFTER UPDATE OF active ON users
  WHEN old.active != new.active BEGIN
  INSERT INTO account_state_stale SELECT id FROM social_accounts INDEXED BY social_accounts_by_lead
    WHERE lead_id = new.id;
END;
CREATE TRIGGER IF NOT EXISTS account_state_check_added AFTER INSERT ON account_checks BEGIN
  INSERT INTO account_state_stale VALUES (new.account_id);
END;
CREATE TRIGGER IF NOT EXISTS account_state_check_changed AFTER UPDATE ON account_checks BEGIN
  INSERT INTO account_state_stale VALUES (old.account_id), (new.account_id);
END;
CREATE TRIGGER IF NOT EXISTS account_state_check_gone AFTER DELETE ON account_checks BEGIN
  INSERT INTO account_state_stale VALUES (old.account_id);
END;
CREATE TRIGGER IF NOT EXISTS account_state_review_added AFTER INSERT ON account_reviews BEGIN
  INSERT INTO account_state_stale VALUES (new.account_id);
END;
CREATE TRIGGER IF NOT EXISTS account_state_review_changed AFTER UPDATE ON account_reviews BEGIN
  INSERT INTO account_state_stale VALUES (old.account_id), (new.account_id);
END;
CREATE TRIGGER IF NOT EXISTS account_state_review_gone AFTER DELETE ON account_reviews BEGIN
  INSERT INTO account_state_stale VALUES (old.account_id);
END;
CREATE TRIGGER IF NOT EXISTS account_state_activity_added AFTER INSERT ON account_activity BEGIN
  INSERT INTO account_state_stale VALUES (new.account_id);
END;
CREATE TRIGGER IF NOT EXISTS account_state_activity_changed AFTER UPDATE ON account_activity BEGIN
  INSERT INTO account_state_stale VALUES (old.account_id), (new.account_id);
END;
CREATE TRIGGER IF NOT EXISTS account_state_activity_gone AFTER DELETE ON account_activity BEGIN
  INSERT INTO account_state_stale VALUES (old.account_id);
END;
CREATE TRIGGER IF NOT EXISTS account_state_gate_added AFTER INSERT ON account_gate_failures BEGIN
  INSERT INTO account_state_stale VALUES (new.account_id);
END;
CREATE TRIGGER IF NOT EXISTS account_state_gate_changed AFTER UPDATE ON account_gate_failures BEGIN
  INSERT INTO account_state_stale VALUES (old.account_id), (new.account_id);
END;
CREATE TRIGGER IF NOT EXISTS account_state_gate_gone AFTER DELETE ON account_gate_failures BEGIN
  INSERT INTO account_state_stale VALUES (old.account_id);
END;
CREATE TRIGGER IF NOT EXISTS account_state_reveal_added AFTER INSERT ON account_reveals BEGIN
  INSERT INTO account_state_stale VALUES (new.account_id);
END;
CREATE TRIGGER IF NOT EXISTS account_state_reveal_changed AFTER UPDATE ON account_reveals BEGIN
  INSERT INTO account_state_stale VALUES (old.account_id), (new.account_id);
END;
CREATE TRIGGER IF NOT EXISTS account_state_reveal_gone AFTER DELETE ON account_reveals BEGIN
  INSERT INTO account_state_stale VALUES (old.account_id);
END;
CREATE TRIGGER IF NOT EXISTS account_state_password_added AFTER INSERT ON account_password_changes BEGIN
  INSERT INTO account_state_stale VALUES (new.account_id);
END;
CREATE TRIGGER IF NOT EXISTS account_state_password_changed AFTER UPDATE ON account_password_changes BEGIN
  INSERT INTO account_state_stale VALUES (old.account_id), (new.account_id);
END;
CREATE TRIGGER IF NOT EXISTS account_state_password_gone AFTER DELETE ON account_password_changes BEGIN
  INSERT INTO account_state_stale VALUES (old.account_id);
END;
DELETE FROM account_state;
INSERT INTO account_state SELECT * FROM account_state_source;

-- Schema version 57: who has let the policy training lapse, by day
--
-- May run again.  The list of those who still need the social-media policy
-- training read everyone in order of name and passed over those whose
-- training is current, a trust's thousands of trained staff for a page of
-- fifty.  Whose training has run out changes only when the day does: the
-- day's first request (features_daily) writes here everyone whose
-- training ran to a day before it (src/features/training/training_lapsed.c),
-- and the triggers below keep each person's row through the day, as their
-- row of policy_training_until changes.  The list reads this table in order
-- of name when it was made for today, and policy_training_until otherwise.
CREATE TABLE IF NOT EXISTS policy_training_lapsed (
  user_id INTEGER PRIMARY KEY,
  name    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS policy_training_lapsed_by_name ON policy_training_lapsed(name, user_id);
-- The day it was made for: one row, none before the first day's pass.
CREATE TABLE IF NOT EXISTS policy_training_lapsed_on (
  id  INTEGER PRIMARY KEY CHECK (id = 1),
  day TEXT NOT NULL                          -- YYYY-MM-DD, a UK date
);
-- A row of policy_training_until comes by INSERT OR REPLACE (which takes
-- the old row away without its DELETE trigger) or goes by DELETE.
CREATE TRIGGER IF NOT EXISTS policy_training_lapsed_written AFTER INSERT ON policy_training_until
BEGIN
  DELETE FROM policy_training_lapsed WHERE user_id = new.user_id;
  INSERT INTO policy_training_lapsed(user_id, name)
    SELECT new.user_id, new.name FROM policy_training_lapsed_on WHERE new.until < day;
END;
CREATE TRIGGER IF NOT EXISTS policy_training_lapsed_changed AFTER UPDATE ON policy_training_until
BEGIN
  DELETE FROM policy_training_lapsed WHERE user_id IN (old.user_id, new.user_id);
  INSERT INTO policy_training_lapsed(user_id, name)
    SELECT new.user_id, new.name FROM policy_training_lapsed_on WHERE new.until < day;
END;
CREATE TRIGGER IF NOT EXISTS policy_training_lapsed_gone AFTER DELETE ON policy_training_until
BEGIN
  DELETE FROM policy_training_lapsed WHERE user_id = old.user_id;
END;
-- Made for today (staffroom runs in the UK's zone: uk_time_init), from the
-- rows as they are now; the first request of another day makes it again.
INSERT INTO policy_training_lapsed_on(id, day) VALUES (1, date('now', 'localtime'))
  ON CONFLICT(id) DO UPDATE SET day = excluded.day;
DELETE FROM policy_training_lapsed;
INSERT INTO policy_training_lapsed(user_id, name)
  SELECT p.user_id, p.name FROM policy_training_until p, policy_training_lapsed_on o
  WHERE p.until < o.day;
