// E-mail: notifications queued in the outbox with the event, sent by the
// mail thread to an SMTP sink the test starts on loopback, retried with
// back-off, never blocking a request, never carrying a concern's content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { startServer, sql, FRONT, visibleText } from './lib.mjs';
import { authorise } from './policy_lib.mjs';
import { startSink } from './smtp_sink.mjs';
import { file } from './concern_helpers.mjs';

const BASE = 'https://staffroom.hillside.test';
const mailArgs = (url) => ['--smtp-url', url, '--mail-from', 'staffroom@hillside.test', '--base-url', BASE];
const today = () => new Date().toISOString().slice(0, 10);

test('a new concern e-mails its recipients a link, never what it says', async () => {
  const sink = await startSink();
  const s = await startServer({ args: mailArgs(sink.url) });
  try {
    const teacher = await s.login('teacher@demo.school');
    const before = Number(sql(s.db, 'SELECT count(*) FROM outbox'));
    const c = await file(teacher, { category: 'staff_conduct', summary: 'Zebra-summary-7731', about: 'science@demo.school',
      details: 'Quokka-details-9924', involved: 'Wombat-person-5519' });
    // Queued in the same transaction: the rows are there when the reply comes.
    const queued = Number(sql(s.db, 'SELECT count(*) FROM outbox')) - before;
    assert.equal(queued, Number(sql(s.db, `SELECT count(*) FROM notifications WHERE link = '/concerns/${c.id}'`)));
    assert.ok(queued >= 1);
    const msgs = await sink.waitFor(queued);
    const head = msgs.find((m) => m.to.some((t) => t.includes('head@demo.school')));
    assert.ok(head, 'the headteacher receives one');
    assert.match(head.from, /<staffroom@hillside\.test>/);
    assert.match(head.data, /^Subject: A concern needs your attention \(Hillside Academy\)\r$/m);
    assert.ok(head.data.includes(`${BASE}/concerns/${c.id}`));
    for (const m of msgs) {
      for (const secret of ['Zebra', 'Quokka', 'Wombat', 'staff_conduct', c.reference])
        assert.ok(!m.data.includes(secret), `an e-mail carried "${secret}"`);
    }
    await new Promise((res) => setTimeout(res, 300));
    assert.equal(sql(s.db, `SELECT count(*) FROM outbox WHERE status = 'sent' AND sent_at IS NOT NULL`), String(queued));
    assert.equal(sql(s.db, `SELECT count(*) FROM notifications WHERE link = '/concerns/${c.id}' AND emailed_at IS NULL`), '0');
  } finally {
    await s.stop();
    await sink.close();
  }
});

test('a new agreement version, an application and a reminder each reach people by e-mail', async () => {
  const sink = await startSink();
  const s = await startServer({ args: mailArgs(sink.url) });
  try {
    const admin = await s.login('admin@demo.school');
    const pid = sql(s.db, 'SELECT id FROM policies ORDER BY id LIMIT 1');
    const pub = await admin.post(`/admin/policies/${pid}/versions`, { body: '## Rules\n\nBe kind.\n',
      summary: 'Kinder wording.', effective: today(), review_due: '2099-01-01', confirm: 'yes' });
    assert.equal(pub.status, 201, pub.text);
    await authorise(admin, pid, pub.body.version.id);
    const people = Number(sql(s.db, "SELECT count(*) FROM notifications WHERE kind = 'aup_new_version'"));
    assert.ok(people > 5);
    assert.equal(sql(s.db, "SELECT count(*) FROM outbox o JOIN notifications n ON n.id = o.notification_id WHERE n.kind = 'aup_new_version'"),
      String(people));
    await sink.waitFor(people);
    assert.ok(sink.messages.some((m) => /Subject: A new version of an agreement to sign/.test(m.data) &&
      m.data.includes('Kinder wording.') && m.data.includes(`${BASE}/aup/`)));

    const teacher = await s.login('teacher@demo.school');
    const n = sink.messages.length;
    const queued = Number(sql(s.db, 'SELECT coalesce(max(id), 0) FROM outbox'));
    const app = await teacher.post('/accounts/applications', { platform: 'instagram', name: 'hillside_pe', department: 'PE',
      aim: 'Show fixtures and results', audience: 'Parents', promotion: 'Newsletter', lead: 'teacher@demo.school',
      visibility: 'open', monitoring: 'Daily by the lead' });
    assert.equal(app.status, 201, app.text);
    // Every e-mail the application queued (not only the first), so that none
    // of them arrives among the reminders below.
    const to = await sink.waitFor(n + Number(sql(s.db, `SELECT count(*) FROM outbox WHERE id > ${queued}`)));
    assert.ok(to.slice(n).some((m) => m.to.some((t) => t.includes('moderator@demo.school')) &&
      /Subject: A social-media account application is waiting for you/.test(m.data)));

    const head = await s.login('head@demo.school');
    const k = sink.messages.length;
    const rem = await head.post('/aup/compliance/remind');
    assert.equal(rem.status, 200, rem.text);
    const reminded = Number(sql(s.db, "SELECT count(*) FROM notifications WHERE kind = 'aup_reminder'"));
    assert.ok(reminded > 0);
    await sink.waitFor(k + reminded);
    assert.ok(sink.messages.slice(k).every((m) => /Subject: Reminder: an agreement needs your signature/.test(m.data)));
  } finally {
    await s.stop();
    await sink.close();
  }
});

// A CGI process has no mail thread and no start-up before the first request: it sends the
// mail that is due after each answer (audit_chain and invitations check that through CGI).
const threadOnly = FRONT === 'cgi' && 'the mail thread and its start-up checks belong to the long-running servers';

test('a refusing relay is retried with back-off; a stalled relay never holds up a request', { skip: threadOnly }, async () => {
  const sink = await startSink({ refuse: 2 });
  const s = await startServer({ args: mailArgs(sink.url), env: { STAFFROOM_MAIL_RETRY_BASE: '1' } });
  try {
    const teacher = await s.login('teacher@demo.school');
    await file(teacher, { category: 'other', summary: 'retry me' });
    const queued = Number(sql(s.db, 'SELECT count(*) FROM outbox'));
    assert.equal(queued, 1, 'one recipient for "other": the headteacher');
    await sink.waitFor(1, 20000);
    assert.equal(sink.refused, 2);
    // The sink has the message a moment before the mail thread records it as sent.
    let row = '';
    for (let i = 0; i < 100 && row !== 'sent 3'; i++) {
      row = sql(s.db, "SELECT status || ' ' || attempts FROM outbox");
      if (row !== 'sent 3') await new Promise((res) => setTimeout(res, 50));
    }
    assert.equal(row, 'sent 3');
  } finally {
    await s.stop();
    await sink.close();
  }

  const stalled = await startSink({ stall: true });
  const s2 = await startServer({ args: mailArgs(stalled.url) });
  try {
    const teacher = await s2.login('teacher@demo.school');
    await file(teacher, { category: 'other', summary: 'first' });
    await new Promise((res) => setTimeout(res, 1500)); // the mail thread is now stuck waiting for a greeting
    assert.ok(stalled.connections >= 1);
    await file(teacher, { category: 'other', summary: 'second' });
    const page = await teacher.get('/');
    assert.equal(page.status, 200);
    // The first send has not finished (no attempt recorded) yet requests were answered:
    // they never wait for the relay.
    assert.equal(sql(s2.db, "SELECT group_concat(status || ' ' || attempts, ',') FROM outbox ORDER BY id"),
      'queued 0,queued 0');
    assert.equal(stalled.messages.length, 0);
  } finally {
    await s2.stop();
    await stalled.close();
  }
});

test('mail queued while the relay was down is not sent to someone who has since left or may no longer open the concern', async () => {
  const sink = await startSink({ refuse: 100000 });
  const s = await startServer({ args: mailArgs(sink.url), env: { STAFFROOM_MAIL_RETRY_BASE: '1' } });
  const to = (m, who) => m.to.some((t) => t.includes(who));
  try {
    const teacher = await s.login('teacher@demo.school');
    // Pupil contact goes to the DSL and the headteacher; a parent's post to the
    // headteacher and the senior leaders (the deputy).
    const contact = await file(teacher, { category: 'pupil_contact', summary: 'queued one' });
    const post = await file(teacher, { category: 'parent_post', summary: 'queued two' });
    const queuedFor = (id, email) => sql(s.db, `SELECT o.id FROM outbox o JOIN notifications n ON n.id = o.notification_id
      WHERE n.link = '/concerns/${id}' AND o.to_addr = '${email}'`);
    const toDsl = queuedFor(contact.id, 'dsl@demo.school'), toDeputy = queuedFor(post.id, 'deputy@demo.school');
    assert.ok(toDsl && toDeputy, 'both queued');
    const admin = await s.login('admin@demo.school');
    const id = (email) => sql(s.db, `SELECT id FROM users WHERE email = '${email}'`);
    // The DSL is no longer a DSL (still a senior leader, who is not sent pupil contact);
    // the deputy leaves.
    let r = await admin.post(`/admin/staff/${id('dsl@demo.school')}`, { name: 'Grace Okafor', staff_type: 'teacher', role: 'slt' });
    assert.equal(r.status, 200, r.text);
    assert.equal((await (await s.login('dsl@demo.school')).get(`/concerns/${contact.id}`)).status, 404);
    r = await admin.post(`/admin/staff/${id('deputy@demo.school')}/deactivate`, { left_on: '' });
    assert.equal(r.status, 200, r.text);
    // The relay comes back. Each row is tried again at its own time (the back-off of its
    // own failures), so wait until none is left queued (a request sends them through CGI).
    sink.refuse = 0;
    const head = await s.login('head@demo.school');
    const queued = () => Number(sql(s.db, "SELECT count(*) FROM outbox WHERE status = 'queued'"));
    for (let i = 0; i < 300 && queued() > 0; i++) {
      await head.get('/');
      await new Promise((res) => setTimeout(res, 100));
    }
    assert.equal(queued(), 0, 'every queued e-mail was sent or dropped');
    assert.equal(sink.messages.filter((m) => to(m, 'head@demo.school')).length, 2, 'the headteacher is sent both');
    const rows = sql(s.db, `SELECT status || ' ' || last_error FROM outbox WHERE id IN (${toDsl}, ${toDeputy}) ORDER BY id`);
    assert.deepEqual(rows.split('\n'), [
      'failed Not sent: the recipient may no longer open what it links to.',
      'failed Not sent: the recipient is no longer an active member of staff.',
    ]);
    // A senior leader still, the former DSL is sent what they may open (the parent's post).
    const links = (who) => sink.messages.filter((m) => to(m, who)).map((m) => m.data.match(/\/concerns\/\d+/)[0]);
    assert.ok(!links('dsl@demo.school').includes(`/concerns/${contact.id}`),
      'the former DSL was sent a link to a case they cannot open');
    assert.deepEqual(links('dsl@demo.school'), [`/concerns/${post.id}`]);
    assert.ok(!sink.messages.some((m) => to(m, 'deputy@demo.school')), 'someone who has left was e-mailed');
  } finally {
    await s.stop();
    await sink.close();
  }
});

const cgiOnly = FRONT !== 'cgi' && 'only a CGI process works after its answer';
const pause = (ms) => new Promise((res) => setTimeout(res, ms));
const outboxRows = (db) => sql(db, "SELECT group_concat(status || ' ' || attempts, ', ') FROM (SELECT * FROM outbox ORDER BY id)");
// The outbox's rows once they read want, or as they last read after that many tries.
async function outboxUntil(db, want, tries = 200) {
  let now = '';
  for (let i = 0; i < tries && now !== want; i++) {
    now = outboxRows(db);
    if (now !== want) await pause(25);
  }
  return now;
}

// A CGI process sends what is due after its answer, on connections it may open then. While it
// waits for the relay it must still hold its lock on the database: another process closing
// the last connection it knows of copies the WAL and deletes it, and what the sender records
// next (that the e-mail went) would be written to a deleted file and lost, and sent again.
test('a CGI process sending after its answer keeps its hold on the database', { skip: cgiOnly }, async () => {
  const sink = await startSink({ refuse: 100000 });
  const s = await startServer({ args: mailArgs(sink.url), env: { STAFFROOM_MAIL_RETRY_BASE: '1' } });
  const until = (want) => outboxUntil(s.db, want);
  try {
    // The headteacher's first page is behind them (it records the sign-in's first use).
    const head = await s.login('head@demo.school');
    assert.equal((await head.get('/')).status, 200);
    const teacher = await s.login('teacher@demo.school');
    // Pupil contact: two e-mails (the DSL and the headteacher), tried once while the relay is down.
    await file(teacher, { category: 'pupil_contact', summary: 'held while sending' });
    assert.equal(await until('queued 1, queued 1'), 'queued 1, queued 1');
    // The relay is back but slow to greet. A page that writes nothing is answered by a process
    // that opens its write connection only after its answer, to record the first as sent.
    sink.refuse = 0;
    sink.greetAfter = 1500;
    await pause(1100);
    assert.equal((await head.get('/')).status, 200);
    assert.equal(await until('sent 2, queued 1'), 'sent 2, queued 1',
      'the first is recorded as sent while the second waits for the relay');
    assert.ok(existsSync(`${s.db}-wal`), 'the WAL the sending process is writing was deleted');
    await sink.waitFor(2);
    assert.equal(await until('sent 2, sent 2'), 'sent 2, sent 2', 'the record that the second e-mail went was lost');
    assert.equal(sink.messages.length, 2);
  } finally {
    await s.stop();
    await sink.close();
  }
});

test('a relay that cannot be reached is tried once, and every message due waits out the back-off', { skip: cgiOnly },
  async () => {
    const gone = await startSink();
    await gone.close(); // nothing listens at its address now: the connection is refused
    const s = await startServer({ args: mailArgs(gone.url) });
    try {
      const teacher = await s.login('teacher@demo.school');
      // Pupil contact: two e-mails. The process that answered tries the first and stops there.
      await file(teacher, { category: 'pupil_contact', summary: 'relay unreachable' });
      const errors = () => sql(s.db, "SELECT group_concat(last_error != '', ',') FROM (SELECT * FROM outbox ORDER BY id)");
      for (let i = 0; i < 400 && errors() === '0,0'; i++) await pause(25);
      await pause(500);
      // One connection refused: both wait, and neither has used up a try (the fault is the
      // relay's, not the messages').
      assert.equal(errors(), '1,1');
      assert.match(sql(s.db, 'SELECT last_error FROM outbox ORDER BY id LIMIT 1'), /connect/i);
      assert.equal(outboxRows(s.db), 'queued 0, queued 0');
      const due = () => sql(s.db, 'SELECT group_concat(next_attempt_at > unixepoch(), \',\') FROM outbox');
      assert.equal(due(), '1,1', 'both wait out the back-off');
    } finally {
      await s.stop();
    }
  });

test('a slow relay keeps at most two CGI processes running after their answers', { skip: cgiOnly }, async () => {
  const sink = await startSink({ greetAfter: 2500 });
  const s = await startServer({ args: mailArgs(sink.url) });
  // The web server's children: staffroom processes still running after their answers.
  const running = () => execFileSync('ps', ['--ppid', String(s.proc.pid), '-o', 'pid='], { encoding: 'utf8' })
    .split('\n').filter((l) => l.trim()).length;
  try {
    const head = await s.login('head@demo.school');
    assert.equal((await head.get('/')).status, 200);
    const teacher = await s.login('teacher@demo.school');
    // Each to the headteacher alone. The first report's process sends, waiting for the greeting;
    // the second's waits to send next; the pages after them end with their answers.
    await file(teacher, { category: 'other', summary: 'first while slow' });
    for (let i = 0; i < 250 && sink.connections < 1; i++) await pause(20);
    assert.equal(sink.connections, 1);
    await file(teacher, { category: 'other', summary: 'second while slow' });
    for (let i = 0; i < 4; i++) assert.equal((await head.get('/')).status, 200);
    // A page's process ends a moment after its answer; the first still waits for the greeting.
    let left = running();
    for (let i = 0; i < 40 && left > 2; i++) {
      await pause(50);
      left = running();
    }
    assert.ok(left <= 2, `${left} processes were still running after their answers`);
    // Both e-mails go, the second by the process that waited: no further page is asked for.
    await sink.waitFor(2, 15000);
    assert.equal(sink.messages.filter((m) => m.data.includes('/concerns/')).length, 2);
  } finally {
    await s.stop();
    await sink.close();
  }
});

test('without a relay nothing is queued; a relay without its companions is refused at start', { skip: threadOnly }, async () => {
  const s = await startServer();
  try {
    const teacher = await s.login('teacher@demo.school');
    await file(teacher, { category: 'other', summary: 'no mail' });
    assert.equal(sql(s.db, 'SELECT count(*) FROM outbox'), '0');
    assert.ok(Number(sql(s.db, 'SELECT count(*) FROM notifications')) > 0);
  } finally {
    await s.stop();
  }
  for (const [args, msg] of [
    [['--smtp-url', 'smtp://127.0.0.1:25'], /--mail-from/],
    [['--smtp-url', 'smtp://127.0.0.1:25', '--mail-from', 'x@y.test'], /--base-url/],
    [['--smtp-url', 'http://127.0.0.1:25', '--mail-from', 'x@y.test', '--base-url', BASE], /smtp:\/\//],
  ]) {
    await assert.rejects(startServer({ args }), msg);
  }
});

test('the mail thread resolves a host name and sends under the seccomp filter', async () => {
  const sink = await startSink();
  const s = await startServer({ args: mailArgs(`smtp://localhost:${sink.port}`) });
  try {
    const teacher = await s.login('teacher@demo.school');
    await file(teacher, { category: 'other', summary: 'by name' });
    await sink.waitFor(1);
    assert.equal(s.proc.exitCode, null, 'still running');
  } finally {
    await s.stop();
    await sink.close();
  }
});

// A relay that cannot be reached (down, or its address wrong) is the school's fault, not the
// message's: the e-mails wait for it without using up their tries, however long it is away,
// and the administrator is told. E-mails the relay refused until they failed are sent again
// on asking; one withheld on purpose is not.
test('e-mail waits for a relay that cannot be reached, and the administrator sees what is waiting or failed', async () => {
  const gone = await startSink();
  const port = gone.port;
  await gone.close();
  const s = await startServer({ args: mailArgs(gone.url), env: { STAFFROOM_MAIL_RETRY_BASE: '1' } });
  let sink;
  try {
    const teacher = await s.login('teacher@demo.school');
    const admin = await s.login('admin@demo.school');
    let page = await admin.page('/admin/mail');
    assert.equal(page.status, 200);
    assert.match(visibleText(page.text), /Every e-mail has been sent or is on its way/);
    await file(teacher, { category: 'pupil_contact', summary: 'relay away' });
    const tried = () => Number(sql(s.db, "SELECT count(*) FROM outbox WHERE last_error != ''"));
    // Several rounds (a request's process sends after its answer under CGI).
    const rounds = async (until) => {
      for (let i = 0; i < 200 && !until(); i++) {
        await teacher.get('/');
        await pause(50);
      }
    };
    await rounds(() => tried() === 2);
    assert.equal(tried(), 2, 'both were tried');
    await pause(2500);
    await teacher.get('/');
    assert.equal(outboxRows(s.db), 'queued 0, queued 0', 'no try is used up while the relay is away');
    const home = await admin.get('/');
    const task = home.body.tasks.find((t) => t.kind === 'mail_waiting');
    assert.ok(task, JSON.stringify(home.body.tasks));
    assert.equal(task.message, '2 e-mails are waiting for the mail relay, which cannot be reached.');
    assert.equal(task.link, '/admin/mail');
    page = await admin.page('/admin/mail');
    const text = visibleText(page.text);
    assert.match(text, /2 e-mails are waiting, the oldest since \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d ?: the mail relay cannot be reached/);
    assert.match(text, /The mail relay last said: .*connect/i);
    assert.doesNotMatch(page.text, /dsl@demo\.school|head@demo\.school/, 'whom they were to is not shown');
    assert.match((await admin.page('/admin/settings')).text, /<a href="\/admin\/mail">E-mail<\/a>/);
    for (const who of ['head@demo.school', 'teacher@demo.school']) {
      const c = await s.login(who);
      assert.equal((await c.get('/admin/mail')).status, 403, who);
      assert.ok(!(await c.get('/')).body.tasks.some((t) => t.kind.startsWith('mail_')), who);
    }
    // Nothing has failed yet: nothing to send again, and nothing changes.
    let r = await admin.post('/admin/mail/retry', {});
    assert.equal(r.status, 409);
    assert.equal(r.body.error, 'No e-mail has failed that can be sent again.');
    assert.equal(sql(s.db, "SELECT count(*) FROM audit WHERE action = 'mail.retry'"), '0');

    // One more, then all three marked as the mail thread marks refused ones after eight tries,
    // and one as withheld on purpose. (The relay is still away: nothing is sent meanwhile.)
    await file(teacher, { category: 'other', summary: 'refused' });
    await rounds(() => tried() === 3);
    sql(s.db, "UPDATE outbox SET status = 'failed', attempts = 8, last_error = '451 4.3.0 try again later'");
    const withheld = sql(s.db, 'SELECT max(id) FROM outbox');
    sql(s.db, `UPDATE outbox SET last_error = 'Not sent: the recipient is no longer an active member of staff.' WHERE id = ${withheld}`);
    // An invitation that failed lost its link then: it cannot be sent again, only a new one.
    sql(s.db, `INSERT INTO outbox(user_id, to_addr, subject, body, created_at, status, attempts, next_attempt_at, last_error)
      VALUES (NULL, 'new@demo.school', 'Choose your staffroom password', '(removed)', '2026-01-01T00:00:00Z', 'failed', 8, 0, '451 4.3.0 try again later');
      INSERT INTO outbox_one_time(outbox_id) SELECT max(id) FROM outbox`);
    const link = sql(s.db, 'SELECT max(id) FROM outbox');
    const tasks = (await admin.get('/')).body.tasks;
    assert.ok(!tasks.some((t) => t.kind === 'mail_waiting'));
    assert.equal(tasks.find((t) => t.kind === 'mail_failed').message, '2 e-mails could not be sent: the mail relay refused them.');
    page = await admin.page('/admin/mail');
    assert.match(visibleText(page.text), /2 e-mails could not be sent: the mail relay refused each one eight times/);
    assert.match(visibleText(page.text), /1 invitation or password e-mail could not be sent\. Their links were removed/);
    assert.match(page.text, /<form class="stack card" method="post" action="\/admin\/mail\/retry"/);

    // The relay is back; the administrator sends them again: each goes on its first try.
    sink = await startSink({ port });
    r = await admin.post('/admin/mail/retry', {});
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.queued, 2);
    assert.equal(sql(s.db, "SELECT detail FROM audit WHERE action = 'mail.retry'"), '2 failed e-mails queued again');
    await rounds(() => sink.messages.length === 2);
    assert.equal(sink.messages.length, 2);
    assert.equal(await outboxUntil(s.db, 'sent 1, sent 1, failed 8, failed 8'), 'sent 1, sent 1, failed 8, failed 8',
      'the one withheld on purpose, and the link, stay so');
    assert.equal(sql(s.db, `SELECT status FROM outbox WHERE id = ${link}`), 'failed');
    assert.ok(!(await admin.get('/')).body.tasks.some((t) => t.kind.startsWith('mail_')));
    assert.equal((await admin.post('/admin/mail/retry', {})).status, 409);
    // One the relay refused and is being tried again is not said to wait for an unreachable relay.
    sql(s.db, `INSERT INTO outbox(user_id, to_addr, subject, body, created_at, status, attempts, next_attempt_at, last_error)
      VALUES (NULL, 'x@demo.school', 'S', 'B', '2026-01-01T00:00:00Z', 'queued', 2, 4102444800, '550 5.1.1 no such user')`);
    assert.ok(!(await admin.get('/')).body.tasks.some((t) => t.kind === 'mail_waiting'));
    assert.match(visibleText((await admin.page('/admin/mail')).text), /The mail relay refused 1 e-mail\. Each is tried again/);
  } finally {
    await s.stop();
    await sink?.close();
  }
});
