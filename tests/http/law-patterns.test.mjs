// Concerns about adults (KCSIE part four): all concerns about one person on
// one page for the headteacher (the chair for the headteacher), the warning
// when a third arrives within the school's period, whistleblowing with the
// NSPCC line, statistics that leave out the viewer, and a sweep proving that
// the person a case is about never sees any of it, by any route.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, launch, sql, cli, BIN, visibleText } from './lib.mjs';
import { PNG, report, file, event } from './concern_helpers.mjs';
import { startSink } from './smtp_sink.mjs';

const NOW = '2026-11-20T10:00:00Z';
const userId = (db, email) => Number(sql(db, `SELECT id FROM users WHERE email = '${email}'`));
const notes = async (c) => (await c.get('/')).body.notifications.map((n) => n.message).join('\n');

test('the headteacher sees every concern about one adult, newest first; nobody else, never the person', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: NOW } });
  try {
    const science = userId(s.db, 'science@demo.school');
    const teacher = await s.login('teacher@demo.school');
    const first = await file(teacher, { category: 'staff_conduct', summary: 'first about science', about: 'science@demo.school' });
    const second = await file(teacher, { category: 'other', summary: 'second about science', about: 'science@demo.school' });
    const head = await s.login('head@demo.school');
    assert.doesNotMatch(await notes(head), /about the same member of staff/, 'two concerns are not yet a pattern');
    const ta = await s.login('ta@demo.school');
    const third = await file(ta, { category: 'staff_conduct', summary: 'third about science', about: 'science@demo.school' });
    await file(ta, { category: 'staff_conduct', summary: 'about someone else', about: 'supply@demo.school' });

    // the warning: a notification with the reference only, and on the case
    const warned = await notes(head);
    assert.match(warned, new RegExp(`Concern ${third.reference} is concern number 3 about the same member of staff within 365 days`));
    assert.doesNotMatch(warned, /third about science/);
    const note = (await head.get('/')).body.notifications.find((n) => n.message.includes('number 3'));
    assert.equal(note.link, `/concerns/about/${science}#concern-${third.id}`, 'the warning links to the concern it names');
    const c3 = (await head.get(`/concerns/${third.id}`)).body.concern;
    assert.deepEqual(c3.pattern, { count: 3, window_days: 365, window_words: '365 days', link: `/concerns/about/${science}` });
    assert.equal(c3.about_link, `/concerns/about/${science}`);
    // Concerns filed in the same second still arrive in order: the first was not a pattern.
    sql(s.db, `UPDATE concerns SET created_at = (SELECT created_at FROM concerns WHERE id = ${first.id}) WHERE id IN (${second.id}, ${third.id})`);
    const c1 = (await head.get(`/concerns/${first.id}`)).body.concern;
    assert.equal(c1.pattern, undefined, 'the first concern did not arrive as a pattern');
    assert.equal((await head.get(`/concerns/${third.id}`)).body.concern.pattern.count, 3);
    assert.equal(c1.about_link, `/concerns/about/${science}`);
    const casePage = await head.page(`/concerns/${third.id}`);
    assert.match(casePage.text, /A pattern to look at/);
    assert.match(casePage.text, /All concerns about this person/);

    // the page: every concern about science, newest first, audited
    const p = await head.get(`/concerns/about/${science}`);
    assert.equal(p.status, 200);
    assert.deepEqual(p.body.concerns.map((x) => x.reference), [third, second, first].map((x) => x.reference));
    assert.equal(p.body.person.email, 'science@demo.school');
    assert.equal(p.body.recent, 3);
    assert.equal(p.body.pattern, true);
    assert.equal(p.body.concerns[1].label, 'Something else');
    assert.equal(p.body.concerns[0].threshold_label, '');
    const html = await head.page(`/concerns/about/${science}`);
    assert.match(html.text, /<h1>All concerns about Daniel Reid<\/h1>/);
    assert.match(html.text, new RegExp(`href="/concerns/${first.id}"`));
    assert.equal(sql(s.db, `SELECT object FROM audit WHERE action = 'concern.pattern_view' ORDER BY id DESC LIMIT 1`), third.reference);
    assert.equal(sql(s.db, `SELECT detail FROM audit WHERE action = 'concern.pattern_view' ORDER BY id DESC LIMIT 1`),
      `all concerns about Daniel Reid (user ${science})`, 'the audit log names the person');
    assert.match(visibleText(html.text), /3 concerns about this person arrived in the last 365 days\./);
    // A period of one day reads as one.
    sql(s.db, "UPDATE settings SET value = '1' WHERE key = 'pattern_window_days'");
    assert.match(visibleText((await head.page(`/concerns/about/${science}`)).text), /arrived in the last 1 day\./);
    assert.match(visibleText((await head.page(`/concerns/${third.id}`)).text),
      /This is concern number 3 about the same member of staff within 1 day\./);
    sql(s.db, "UPDATE settings SET value = '365' WHERE key = 'pattern_window_days'");

    // 404 for everyone else, for science, for an unknown person; the chair only for the head
    for (const who of ['teacher', 'dsl', 'deputy', 'chair', 'governor', 'admin', 'science']) {
      const c = await s.login(`${who}@demo.school`);
      assert.equal((await c.get(`/concerns/about/${science}`)).status, 404, who);
      assert.equal((await c.page(`/concerns/about/${science}`)).status, 404, who);
    }
    const headId = userId(s.db, 'head@demo.school');
    assert.equal((await head.get(`/concerns/about/${headId}`)).status, 404, 'not the head about themselves');
    assert.equal((await head.get('/concerns/about/99999')).status, 404);
    const aboutHead = await file(teacher, { category: 'staff_conduct', summary: 'about the head', about: 'head@demo.school' });
    const chair = await s.login('chair@demo.school');
    const ch = await chair.get(`/concerns/about/${headId}`);
    assert.equal(ch.status, 200);
    assert.ok(ch.body.concerns.some((x) => x.reference === aboutHead.reference));
    assert.equal(String(ch.body.concerns.length), sql(s.db, `SELECT count(*) FROM concerns WHERE about_id = ${headId}`));
    assert.equal((await chair.get(`/concerns/${aboutHead.id}`)).body.concern.about_link, `/concerns/about/${headId}`);

    // a malicious allegation is off the person's file: neither listed nor counted
    sql(s.db, `UPDATE concerns SET status = 'closed', outcome_category = 'malicious' WHERE id = ${second.id}`);
    const after = (await head.get(`/concerns/about/${science}`)).body;
    assert.deepEqual(after.concerns.map((x) => x.reference), [third.reference, first.reference]);
    assert.equal(after.recent, 2);

    // the link from the staff page, for an administrator who may see the pattern
    const admin = await s.login('admin@demo.school');
    assert.equal((await admin.get(`/admin/staff/${science}`)).body.user.concerns_link, undefined);
    sql(s.db, `INSERT INTO user_roles(user_id, role) VALUES (${headId}, 'admin')`);
    const headAdmin = await s.login('head@demo.school');
    assert.equal((await headAdmin.get(`/admin/staff/${science}`)).body.user.concerns_link, `/concerns/about/${science}`);
    assert.match((await headAdmin.page(`/admin/staff/${science}`)).text, /All concerns about this person/);
    assert.equal((await headAdmin.get(`/admin/staff/${headId}`)).body.user.concerns_link, undefined);
  } finally {
    await s.stop();
  }
});

test('the period for a pattern is the administrator\'s setting; bad values are refused and change nothing', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: NOW } });
  let s2;
  try {
    const admin = await s.login('admin@demo.school');
    assert.equal((await admin.get('/admin/settings')).body.pattern_window_days, '365');
    assert.match((await admin.page('/admin/settings')).text, /<label for="f-pattern_window_days">/);
    for (const bad of ['0', '3651', '-5', 'abc']) {
      const r = await admin.post('/admin/settings', { pattern_window_days: bad });
      assert.equal(r.status, 400, bad);
      assert.equal(r.body.field, 'pattern_window_days', bad);
    }
    assert.equal(sql(s.db, "SELECT value FROM settings WHERE key = 'pattern_window_days'"), '365');
    assert.equal((await admin.post('/admin/settings', { pattern_window_days: '2' })).status, 200);
    assert.equal(sql(s.db, "SELECT value FROM settings WHERE key = 'pattern_window_days'"), '2');
    assert.equal(sql(s.db, "SELECT count(*) FROM audit WHERE action = 'settings.change' AND object = 'pattern_window_days'"), '1');
    const t = await s.login('teacher@demo.school');
    await file(t, { category: 'staff_conduct', summary: 'one', about: 'science@demo.school' });
    await file(t, { category: 'staff_conduct', summary: 'two', about: 'science@demo.school' });
    await s.stop({ keep: true });

    // three days later, the third is the only one within two days: no warning
    s2 = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: '2026-11-23T10:00:00Z' } });
    const t2 = await s2.login('teacher@demo.school');
    const third = await file(t2, { category: 'staff_conduct', summary: 'three', about: 'science@demo.school' });
    const head = await s2.login('head@demo.school');
    assert.doesNotMatch(await notes(head), /about the same member of staff/);
    assert.equal((await head.get(`/concerns/${third.id}`)).body.concern.pattern, undefined);
    const p = (await head.get(`/concerns/about/${userId(s.db, 'science@demo.school')}`)).body;
    assert.equal(p.concerns.length, 3, 'the page lists them all, whatever the period');
    assert.equal(p.recent, 1);
    assert.equal(p.window_days, 2);
  } finally {
    if (s2) await s2.stop({ keep: true }).catch(() => {});
    await s.stop();
  }
});

test('a third concern about the headteacher warns the chair, never the headteacher', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: NOW } });
  try {
    const t = await s.login('teacher@demo.school');
    for (const n of [1, 2, 3]) await file(t, { category: 'staff_conduct', summary: `head ${n}`, about: 'head@demo.school' });
    const chair = await s.login('chair@demo.school');
    assert.match(await notes(chair), /concern number 3 about the same member of staff/);
    const head = await s.login('head@demo.school');
    assert.doesNotMatch(await notes(head), /about the same member of staff/);
  } finally {
    await s.stop();
  }
});

test('whistleblowing: the NSPCC line on the form, the case and the reporter\'s page; about the head, the chair only', async () => {
  const s = await startServer();
  try {
    const t = await s.login('teacher@demo.school');
    const form = await t.get('/concerns/new');
    const wb = form.body.categories.find((c) => c.code === 'whistleblowing');
    assert.match(wb.advice, /NSPCC Whistleblowing Advice Line: 0800 028 0285 or help@nspcc\.org\.uk/);
    assert.equal(form.body.categories.find((c) => c.code === 'other').advice, undefined);
    assert.match((await t.page('/concerns/new')).text, /0800 028 0285/);

    // about the practice in general: no person named; the headteacher and the chair
    const general = await file(t, { category: 'whistleblowing', summary: 'safeguarding checks skipped' });
    assert.equal(sql(s.db, `SELECT group_concat(role, ',') FROM (SELECT role FROM concern_recipient_roles WHERE concern_id = ${general.id} ORDER BY role)`), 'chair,headteacher');
    const head = await s.login('head@demo.school');
    const c = await head.get(`/concerns/${general.id}`);
    assert.match(c.body.concern.advice, /0800 028 0285/);
    assert.match((await head.page(`/concerns/${general.id}`)).text, /0800 028 0285/);
    assert.match((await t.get(`/concerns/mine/${general.id}`)).body.concern.advice, /0800 028 0285/);
    assert.match((await t.page(`/concerns/mine/${general.id}`)).text, /0800 028 0285/);
    const plain = await file(t, { category: 'other', summary: 'plain' });
    assert.equal((await head.get(`/concerns/${plain.id}`)).body.concern.advice, undefined);

    // naming the headteacher: the chair alone
    const named = await file(t, { category: 'whistleblowing', summary: 'the head ignores it', about: 'head@demo.school' });
    assert.equal(sql(s.db, `SELECT group_concat(role) FROM concern_recipient_roles WHERE concern_id = ${named.id}`), 'chair');
    assert.equal((await head.get(`/concerns/${named.id}`)).status, 404);
    const chair = await s.login('chair@demo.school');
    assert.equal((await chair.get(`/concerns/${named.id}`)).status, 200);

    // nobody receives it: the reporter is given the NSPCC line
    sql(s.db, "DELETE FROM user_roles WHERE role IN ('headteacher', 'chair')");
    const lost = await report(t, { category: 'whistleblowing', summary: 'nobody there' });
    assert.equal(lost.status, 202);
    assert.match(lost.body.warning, /NSPCC Whistleblowing Advice Line on 0800 028 0285/);
    assert.match((await t.get(`/concerns/mine/${lost.body.concern.id}`)).body.concern.fallback, /0800 028 0285/);
  } finally {
    await s.stop();
  }
});

test('statistics never count a concern about the person looking, in the page, JSON or CSV', async () => {
  const s = await startServer();
  try {
    const head = await s.login('head@demo.school');
    const governor = await s.login('governor@demo.school');
    const before = (await head.get('/concerns/stats')).body;
    const gBefore = (await governor.get('/concerns/stats')).body;
    const t = await s.login('teacher@demo.school');
    await file(t, { category: 'staff_conduct', summary: 'about the head', about: 'head@demo.school' });
    const after = (await head.get('/concerns/stats')).body;
    assert.deepEqual(after, before, 'the headteacher sees the same numbers');
    const cat = (m) => m.by_category.find((x) => x.category === 'staff_conduct').count;
    assert.equal(cat((await governor.get('/concerns/stats')).body), cat(gBefore) + 1);
    const csv = (await head.get('/concerns/stats?format=csv', { json: false })).text;
    assert.match(csv, new RegExp(`"category","staff_conduct",${cat(before)}\\r?\\n`));
  } finally {
    await s.stop();
  }
});

// The sweep -----------------------------------------------------------------

const mailArgs = (url) => ['--smtp-url', url, '--mail-from', 'staffroom@hillside.test', '--base-url', 'https://staff.hillside.test'];

function getRoutes() {
  const r = spawnSync(BIN, ['routes'], { encoding: 'utf8' });
  return [...r.stdout.matchAll(/^GET (\S+)/gm)].map((m) => m[1]).filter((p) => !p.startsWith('/static/'));
}

// Everything the subject might be shown about their cases.
function leaks(text, cases) {
  const found = [];
  for (const c of cases) {
    if (text.includes(c.reference)) found.push(c.reference);
    if (text.includes(c.summary)) found.push(c.summary);
    if (new RegExp(`/concerns/(mine/)?${c.id}(?![0-9])`).test(text)) found.push(`/concerns/${c.id}`);
    for (const e of c.evidence || []) if (new RegExp(`/evidence/${e}(?![0-9])`).test(text)) found.push(`/evidence/${e}`);
  }
  return found;
}

test('the person a case is about never sees it: every GET route, My tasks, e-mail, audit, statistics, retention, export', async () => {
  const sink = await startSink();
  const s = await startServer({ args: mailArgs(sink.url), env: { STAFFROOM_TEST_NOW: NOW } });
  try {
    const deputy = userId(s.db, 'deputy@demo.school'), headId = userId(s.db, 'head@demo.school');
    // The deputy holds every role but headteacher (so cases about them go
    // where routing says); the headteacher holds every role (so cases about
    // them go to the chair alone).
    sql(s.db, `INSERT OR IGNORE INTO user_roles(user_id, role) SELECT ${deputy}, role FROM role_bits WHERE role != 'headteacher';
      INSERT OR IGNORE INTO user_roles(user_id, role) SELECT ${headId}, role FROM role_bits;`);
    const t = await s.login('teacher@demo.school'), ta = await s.login('ta@demo.school');
    const cases = [];
    const add = async (c, fields, files = []) => {
      const r = await report(c, fields, files);
      assert.ok(r.status === 201, `${r.status} ${r.text}`);
      const id = r.body.concern.id;
      const evidence = sql(s.db, `SELECT group_concat(id) FROM evidence WHERE concern_id = ${id}`);
      cases.push({ id, reference: r.body.concern.reference, summary: fields.summary, about: fields.about,
        evidence: evidence ? evidence.split(',').map(Number) : [] });
    };
    for (const [who, about] of [['deputy', 'deputy@demo.school'], ['head', 'head@demo.school']]) {
      await add(t, { category: 'staff_conduct', summary: `SWEEP ${who} conduct`, about, urgent: 'yes' });
      await add(t, { category: 'cyberbullying_pupil', summary: `SWEEP ${who} bullying`, about }, [{ name: 'shot.png', data: PNG, type: 'image/png' }]);
      await add(ta, { category: 'whistleblowing', summary: `SWEEP ${who} whistle`, about });
      await add(ta, { category: 'other', summary: `SWEEP ${who} other`, about });
    }
    assert.ok(cases.every((c) => c.id), 'all filed');
    assert.ok(cases.find((c) => c.summary.includes('deputy bullying')).evidence.length === 1);

    // The handlers act: the headteacher on the deputy's, the chair on the head's.
    const head = await s.login('head@demo.school'), chair = await s.login('chair@demo.school');
    for (const c of cases) {
      const h = c.about.startsWith('deputy') ? head : chair;
      assert.equal((await event(h, c.id, { action: 'acknowledge' })).status, 200, c.reference);
      assert.equal((await event(h, c.id, { action: 'note', text: `SWEEP note on ${c.reference}` })).status, 200);
      assert.equal((await h.get(`/concerns/${c.id}`)).status, 200);
      for (const e of c.evidence) assert.equal((await h.get(`/evidence/${e}`)).status, 200);
    }
    const dc = cases.filter((c) => c.about.startsWith('deputy')), hc = cases.filter((c) => c.about.startsWith('head'));
    assert.equal((await event(head, dc[0].id, { action: 'assign', assignee: 'dsl@demo.school' })).status, 200);
    assert.equal((await event(head, dc[0].id, { action: 'escalate', to: 'lado', reference: 'LADO-1' })).status, 200);
    assert.equal((await event(head, dc[1].id, { action: 'step', step: 'pupil_parents', outcome: 'not_done', // heatons 8.3
      text: 'In the school day: the behaviour policy.' })).status, 200);
    assert.equal((await event(head, dc[1].id, { action: 'close', outcome: 'SWEEP closed', outcome_category: 'other' })).status, 200);
    // the deputy also chairs here, so the chair may hand the head's case to them
    assert.equal((await event(chair, hc[0].id, { action: 'assign', assignee: 'deputy@demo.school' })).status, 200);
    assert.equal((await head.get(`/concerns/about/${deputy}`)).status, 200);
    assert.equal((await chair.get(`/concerns/about/${headId}`)).status, 200);
    assert.match(await notes(head), /concern number 3 about the same member of staff/);
    // Held by those who review them: the headteacher, and the chair for a case about the headteacher.
    assert.equal((await head.post('/admin/retention/hold', { record_type: 'concern', record_id: String(dc[2].id), reason: 'SWEEP hold' })).status, 201);
    assert.equal((await chair.post('/admin/retention/hold', { record_type: 'concern', record_id: String(hc[2].id), reason: 'SWEEP hold' })).status, 201);

    // Every e-mail has gone out before the subjects look.
    for (let i = 0; i < 200 && sql(s.db, "SELECT count(*) FROM outbox WHERE status = 'queued'") !== '0'; i++)
      await new Promise((res) => setTimeout(res, 50));
    assert.ok(sink.messages.length > 0);

    const routes = getRoutes();
    const ids = [...new Set([1, 2, 3, deputy, headId, ...cases.flatMap((c) => [c.id, ...c.evidence])])];
    for (const [email, mine] of [['deputy@demo.school', dc], ['head@demo.school', hc]]) {
      const me = await s.login(email);
      const paths = new Set(['/concerns/mine', '/concerns?status=new', '/concerns?category=staff_conduct',
        '/concerns?deadline=overdue', '/concerns?overdue=yes', '/concerns?assigned=yes', '/concerns/stats?format=csv',
        '/audit?action=concern.view', '/audit?action=concern.pattern_view', '/audit?action=retention.hold',
        ...mine.map((c) => `/audit?object=${c.reference}`), ...mine.map((c) => `/audit?object=concern:${c.id}`)]);
      for (const r of routes) {
        if (r.includes('{id}')) for (const id of ids) paths.add(r.replaceAll('{id}', String(id)));
        else paths.add(r);
      }
      for (const p of paths) {
        for (const json of [true, false]) {
          const r = await me.request('GET', p, { json });
          let text = r.text;
          // The audit page repeats the filter the person typed: only its rows count.
          if (p.startsWith('/audit?object=')) text = json ? JSON.stringify(r.body.audit) : text.replace(/value="[^"]*"/g, '');
          const found = leaks(text, mine);
          assert.deepEqual(found, [], `${email} ${json ? 'JSON' : 'HTML'} ${p} (${r.status}) shows ${found.join(', ')}`);
        }
      }
      // retention names a concern by its number: none of theirs, held or due
      const ret = (await me.get('/admin/retention')).body;
      const mineIds = mine.map((c) => c.id);
      for (const row of [...ret.holds, ...ret.due])
        assert.ok(!(row.record_type === 'concern' && mineIds.includes(row.record_id)), `${email} retention: ${JSON.stringify(row)}`);
      assert.ok(ret.holds.length >= 1, 'the other subject\'s hold is listed');
      const selfId = email.startsWith('deputy') ? deputy : headId;
      assert.equal((await me.get(`/concerns/about/${selfId}`)).status, 404);
      for (const c of mine) {
        assert.equal((await me.get(`/concerns/${c.id}`)).status, 404, c.reference);
        assert.equal((await me.get(`/concerns/mine/${c.id}`)).status, 404, c.reference);
        for (const e of c.evidence) assert.equal((await me.get(`/evidence/${e}`)).status, 404);
        for (const form of [{ action: 'note', text: 'x' }, { action: 'acknowledge' }, { action: 'reopen', text: 'x' },
          { action: 'close', outcome: 'x' }, { action: 'assign', assignee: email }]) {
          assert.equal((await event(me, c.id, form)).status, 404, `${email} ${form.action} ${c.reference}`);
        }
        for (const path of ['/admin/retention/hold', '/admin/retention/release', '/admin/retention/delete']) {
          const r = await me.post(path, { record_type: 'concern', record_id: String(c.id), reason: 'mine' });
          assert.equal(r.status, 404, `${email} ${path} ${c.reference}`);
        }
      }
      // statistics: none of theirs counted
      const total = Number(sql(s.db, `SELECT count(*) FROM concerns WHERE about_id IS NULL OR about_id != ${selfId}`));
      assert.equal((await me.get('/concerns/stats')).body.total, total);
      // e-mail
      for (const m of sink.messages.filter((x) => x.to.some((a) => a.includes(email)))) {
        const found = leaks(m.data, mine);
        assert.deepEqual(found, [], `an e-mail to ${email} shows ${found.join(', ')}`);
      }
      // the subject access export: their cases are listed for the DPO's
      // review only, never in what is disclosed, and never with what they say
      const ex = cli(['export', '--db', s.db, '--person', email]);
      assert.equal(ex.code, 0, ex.stderr);
      const data = JSON.parse(ex.stdout);
      const review = data.concerns_about_them_for_review;
      for (const c of mine) assert.ok(review.some((x) => x.reference === c.reference), c.reference);
      delete data.concerns_about_them_for_review;
      assert.deepEqual(leaks(JSON.stringify(data), mine), [], `${email}'s export`);
      assert.deepEqual(leaks(JSON.stringify(review), mine).filter((x) => !x.startsWith('C-')), []);
    }
    // the holds stay (the subjects' refusals changed nothing)
    assert.equal(sql(s.db, "SELECT count(*) FROM legal_holds WHERE reason = 'SWEEP hold'"), '2');
  } finally {
    await s.stop();
    await sink.close();
  }
});

// "About" names the member of staff a report was aimed at in some kinds of concern (bullied
// online, posted about by a parent, contacted by a pupil or the media): such a report is no
// allegation about them. It is routed as its kind says even when aimed at the headteacher (the
// DSL still hears of a pupil's contact), never reaches or shows itself to them, and counts in no
// pattern of concerns about them.
test('a report aimed at a member of staff is routed by its kind and makes no pattern about them', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: NOW } });
  try {
    const ta = await s.login('ta@demo.school');
    const roles = (id) => sql(s.db, `SELECT group_concat(role) FROM (SELECT role FROM concern_recipient_roles WHERE concern_id = ${id} ORDER BY role)`);
    const told = (id) => sql(s.db, `SELECT group_concat(email) FROM (SELECT DISTINCT u.email FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.link = '/concerns/${id}' ORDER BY u.email)`);
    const bullied = await file(ta, { category: 'cyberbullying_staff', summary: 'Parents mocking the head in a group chat', about: 'head@demo.school' });
    const friended = await file(ta, { category: 'pupil_contact', summary: 'A Year 9 pupil sent the head a friend request', about: 'head@demo.school' });
    const conduct = await file(ta, { category: 'staff_conduct', summary: 'The head shouted at a pupil', about: 'head@demo.school' });
    assert.equal(roles(bullied.id), 'headteacher,slt');
    assert.equal(told(bullied.id), 'deputy@demo.school,dsl@demo.school', 'the senior leaders, not the head');
    assert.equal(roles(friended.id), 'dsl,headteacher');
    assert.equal(told(friended.id), 'dsl@demo.school');
    assert.equal(roles(conduct.id), 'chair', 'an allegation about the head still goes to the chair alone');
    const head = await s.login('head@demo.school');
    for (const c of [bullied, friended, conduct]) assert.equal((await head.get(`/concerns/${c.id}`)).status, 404);
    const deputy = await s.login('deputy@demo.school'), dsl = await s.login('dsl@demo.school');
    assert.equal((await deputy.get(`/concerns/${bullied.id}`)).status, 200);
    assert.equal((await dsl.get(`/concerns/${friended.id}`)).status, 200);

    // Three reports aimed at a teacher and two about their conduct: no pattern yet.
    const teacher = 'teacher@demo.school', teacherId = userId(s.db, teacher);
    const supply = await s.login('supply@demo.school');
    await file(supply, { category: 'cyberbullying_staff', summary: 'Pupils filmed the teacher', about: teacher });
    await file(supply, { category: 'parent_post', summary: 'A parent named the teacher on Facebook', about: teacher });
    await file(supply, { category: 'pupil_contact', summary: 'A pupil followed the teacher', about: teacher });
    await file(supply, { category: 'staff_conduct', summary: 'Teacher shared a pupil photo', about: teacher });
    const second = await file(supply, { category: 'staff_conduct', summary: 'Teacher messaged a pupil', about: teacher });
    assert.doesNotMatch(await notes(head), /concern number/);
    const secondCase = (await head.get(`/concerns/${second.id}`)).body.concern;
    assert.ok(!('pattern' in secondCase));
    const about = (await head.get(`/concerns/about/${teacherId}`)).body;
    assert.deepEqual(about.concerns.map((c) => c.category).sort(), ['staff_conduct', 'staff_conduct']);
    // The third about their conduct is a pattern.
    const third = await file(supply, { category: 'whistleblowing', summary: 'Teacher left pupils alone online', about: teacher });
    assert.match(await notes(head), new RegExp(`Concern ${third.reference} is concern number 3 about the same member of staff`));
  } finally {
    await s.stop();
  }
});
