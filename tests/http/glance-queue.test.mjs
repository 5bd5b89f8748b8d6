// The incident queue read at a glance (a one-line summary, open cases by
// default, the next deadline named, counts that are links and count only
// what the reader may open, statuses by name), notifications that say what
// they are about and clear when opened or dealt with, urgent tasks first,
// and working-day deadlines that end at 23:59:59 UK time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, sql, cli, visibleText } from './lib.mjs';
import { file, event } from './concern_helpers.mjs';

const LONG = 'The pupil was sent repeated messages late at night on a group chat by several ' +
  'other pupils, some of them threatening, and screenshots were shared around the year group';

test('the queue: a cut summary, open cases by default, closed ones one click away, statuses by name', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-11-18T10:00:00Z' } });
  try {
    const t = await s.login('teacher@demo.school');
    const head = await s.login('head@demo.school');
    const long = await file(t, { category: 'other', summary: LONG });
    const short = await file(t, { category: 'other', summary: 'A short one' });
    const done = await file(t, { category: 'other', summary: 'Soon closed' });
    const busy = await file(t, { category: 'other', summary: 'Being looked into' });
    assert.equal((await event(head, done.id, { action: 'acknowledge' })).status, 200);
    assert.equal((await event(head, done.id, { action: 'close', outcome: 'Sorted', outcome_category: 'other' })).status, 200);
    assert.equal((await event(head, busy.id, { action: 'acknowledge' })).status, 200);
    assert.equal((await event(head, busy.id, { action: 'status', status: 'investigating' })).status, 200);

    let q = (await head.get('/concerns')).body;
    const row = (id, list = q.concerns) => list.find((x) => x.id === id);
    // The summary: one line, at most 100 characters, cut at a word, with "…".
    const cut = row(long.id).summary;
    assert.ok(cut.endsWith('…'), cut);
    const kept = cut.slice(0, -1);
    assert.ok([...kept].length <= 100, cut);
    assert.ok(LONG.startsWith(kept) && LONG[kept.length] === ' ', `cut at a word: ${cut}`);
    assert.equal(row(short.id).summary, 'A short one');
    // Open cases by default; the closed one with status=closed and status=all.
    assert.equal(q.status, 'open');
    assert.equal(row(done.id), undefined, 'a closed case is not in the default list');
    assert.ok(q.concerns.every((x) => x.status !== 'closed'));
    const closed = (await head.get('/concerns?status=closed')).body;
    assert.ok(row(done.id, closed.concerns));
    assert.ok(closed.concerns.every((x) => x.status === 'closed'));
    const all = (await head.get('/concerns?status=all')).body;
    assert.ok(row(done.id, all.concerns) && row(long.id, all.concerns));
    assert.ok(row(long.id, (await head.get('/concerns?status=open')).body.concerns));
    // Statuses by name, in JSON and on the page.
    assert.equal(row(busy.id).status, 'investigating');
    assert.equal(row(busy.id).status_label, 'Investigating');
    assert.deepEqual(q.statuses.map((o) => o.label),
      ['Open cases', 'New', 'Acknowledged', 'Investigating', 'Escalated', 'Closed', 'All cases']);
    const html = await head.page('/concerns');
    assert.equal(html.status, 200);
    const words = visibleText(html.text);
    assert.doesNotMatch(words, /\b(investigating|acknowledged|escalated)\b/, 'no status code as visible text');
    assert.match(html.text, /<span class="badge status-investigating">Investigating<\/span>/);
    assert.match(html.text, /<option value="investigating">Investigating<\/option>/);
    assert.match(html.text, /<option value="open" selected>Open cases<\/option>/);
    assert.ok(html.text.includes(`<td data-label="Summary">${cut}</td>`));
    // Closed cases one click away, with their number; and all cases.
    assert.ok(html.text.includes(`<a href="/concerns?status=closed">Closed cases (${q.counts.closed})</a>`));
    assert.match(html.text, /<a href="\/concerns\?status=all">All cases<\/a>/);
    const closedPage = await head.page('/concerns?status=closed');
    assert.ok(closedPage.text.includes('Soon closed'));
    assert.match(closedPage.text, /<option value="closed" selected>Closed<\/option>/);
    // The stacked layout's labels, and its rule in the style sheet.
    for (const label of ['Summary', 'Category', 'Received', 'Status', 'Assigned to', 'Next deadline'])
      assert.ok(html.text.includes(`<td data-label="${label}">`), label);
    const css = await head.request('GET', '/static/style.css', { json: false });
    assert.match(css.text, /@media \(max-width: 40em\)[\s\S]*table\.stack td::before \{ content: attr\(data-label\)/);
    // A status the filter does not know: 400 naming the field, as the page words it.
    const bad = await head.get('/concerns?status=pending');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'status');
    // Page links keep the filters.
    assert.equal(q.query, '');
    assert.equal(closed.query, 'status=closed&');
  } finally {
    await s.stop().catch(() => {});
  }
});

test('the counts are links and count only the cases the reader may open', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-11-18T10:00:00Z' } });
  try {
    // A second DSL, who holds no other role.
    assert.equal(cli(['user', 'roles', '--db', s.db, '--email', 'science@demo.school', '--set', 'dsl']).code, 0);
    const t = await s.login('teacher@demo.school');
    const dsl = await s.login('dsl@demo.school');
    const dsl2 = await s.login('science@demo.school');
    const pupil = await file(t, { category: 'cyberbullying_pupil', summary: 'For both DSLs' });
    const aboutDsl2 = await file(t, { category: 'cyberbullying_pupil', summary: 'About the second DSL', about: 'science@demo.school' });
    const headOnly = await file(t, { category: 'other', summary: 'Routed to the head alone' });
    for (const who of [dsl, dsl2]) {
      const q = (await who.get('/concerns?status=all')).body;
      for (const st of ['new', 'acknowledged', 'investigating', 'escalated', 'closed']) {
        const list = (await who.get(`/concerns?status=${st}`)).body.concerns;
        assert.equal(q.counts[st], list.length, `${st}: the count is what the list shows`);
      }
      assert.ok(q.concerns.some((x) => x.id === pupil.id));
      assert.ok(!q.concerns.some((x) => x.id === headOnly.id), 'not routed to a DSL');
      assert.deepEqual(q.count_links.map((c) => c.link), ['/concerns?status=new', '/concerns?status=acknowledged',
        '/concerns?status=investigating', '/concerns?status=escalated', '/concerns?status=closed', '/concerns?overdue=yes']);
      assert.deepEqual(q.count_links.map((c) => c.label), ['New', 'Acknowledged', 'Investigating', 'Escalated', 'Closed', 'Overdue']);
    }
    const q1 = (await dsl.get('/concerns')).body, q2 = (await dsl2.get('/concerns')).body;
    assert.ok(q1.concerns.some((x) => x.id === aboutDsl2.id));
    assert.ok(!q2.concerns.some((x) => x.id === aboutDsl2.id), 'the person it is about never sees it');
    const news = (q) => q.concerns.filter((x) => x.status === 'new').length;
    assert.equal(q2.counts.new, news(q2));
    assert.equal(q1.counts.new, news(q1));
    const html = await dsl2.page('/concerns');
    assert.ok(html.text.includes(`<a href="/concerns?status=new"><span class="stat-value">${q2.counts.new}</span> <span class="stat-label">New</span></a>`));
    assert.match(html.text, /<a href="\/concerns\?overdue=yes"><span class="stat-value">0<\/span> <span class="stat-label">Overdue<\/span><\/a>/);
  } finally {
    await s.stop().catch(() => {});
  }
});

test('the next deadline: acknowledge while new, then the legal clock, named and in words', async () => {
  // Wednesday 18 November 2026.
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-11-18T10:00:00Z' } });
  let s2;
  try {
    const t = await s.login('teacher@demo.school');
    const head = await s.login('head@demo.school');
    const fresh = await file(t, { category: 'other', summary: 'Still new' });
    const adult = await file(t, { category: 'staff_conduct', about: 'science@demo.school', summary: 'Gave a pupil a lift home' });
    assert.equal((await event(head, adult.id, { action: 'acknowledge' })).status, 200);
    assert.equal((await event(head, adult.id, { action: 'threshold', level: 'harm_threshold', text: 'Alone with a pupil' })).status, 200);
    let q = (await head.get('/concerns')).body;
    const row = (id) => q.concerns.find((x) => x.id === id);
    assert.equal(row(fresh.id).next_what, 'Acknowledge');
    assert.equal(row(fresh.id).next_due, '2026-11-19T23:59:59Z');
    assert.equal(row(fresh.id).next_overdue, false);
    assert.equal(row(adult.id).next_what, 'LADO');
    assert.equal(row(adult.id).next_due, '2026-11-19T23:59:59Z');
    assert.equal(row(adult.id).deadline_kind, 'lado');
    let html = (await head.page('/concerns')).text;
    assert.ok(html.includes('<strong>Acknowledge</strong>: <time datetime="2026-11-19T23:59:59Z">19 Nov 2026, 23:59 · due tomorrow</time>'));
    assert.ok(html.includes('<strong>LADO</strong>: <time datetime="2026-11-19T23:59:59Z">19 Nov 2026, 23:59 · due tomorrow</time>'));
    await s.stop({ keep: true });

    // Saturday: both two days overdue.
    s2 = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: '2026-11-21T10:00:00Z' } });
    const h2 = await s2.login('head@demo.school');
    q = (await h2.get('/concerns')).body;
    assert.equal(row(adult.id).next_overdue, true);
    html = (await h2.page('/concerns')).text;
    assert.ok(html.includes('<strong>LADO</strong>: <time datetime="2026-11-19T23:59:59Z">19 Nov 2026, 23:59 · 2 days overdue</time> <span class="badge status-overdue">Overdue</span>'));
    assert.ok(html.includes('<strong>Acknowledge</strong>: <time datetime="2026-11-19T23:59:59Z">19 Nov 2026, 23:59 · 2 days overdue</time>'));
  } finally {
    if (s2) await s2.stop({ keep: true }).catch(() => {});
    await s.stop().catch(() => {});
  }
});

const unread = (db, email, link) => sql(db, `SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id
  WHERE u.email = '${email}' AND n.link = '${link}' AND n.read_at IS NULL`);

test('notifications say what they are about and clear when opened or dealt with', async () => {
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-11-18T10:00:00Z' } });
  try {
    const t = await s.login('teacher@demo.school');
    const head = await s.login('head@demo.school');
    const dsl = await s.login('dsl@demo.school');
    const one = await file(t, { category: 'cyberbullying_pupil', summary: 'Messages about Jamie Smith' });
    const link = `/concerns/${one.id}`;
    const note = (await head.get('/')).body.notifications.find((n) => n.link === link);
    assert.ok(note, 'the head is told');
    assert.equal(note.message, `A new concern ${one.reference} (Cyberbullying of a pupil) needs your attention.`);
    assert.ok(!note.message.includes('Jamie'), 'never what was reported');
    assert.equal(note.open, `/notifications/${note.id}`);
    assert.ok((await head.page('/')).text.includes(`<a href="/notifications/${note.id}">`));
    // Someone else's notification, or none: 404, and it stays unread.
    assert.equal((await dsl.get(`/notifications/${note.id}`)).status, 404);
    assert.equal((await dsl.page(`/notifications/${note.id}`)).status, 404);
    assert.equal((await t.get('/notifications/999999')).status, 404);
    assert.equal(unread(s.db, 'head@demo.school', link), '1');
    // Opening it marks it read and goes to the case.
    const open = await head.page(`/notifications/${note.id}`);
    assert.equal(open.status, 303);
    assert.equal(open.headers.get('location'), link);
    assert.equal(unread(s.db, 'head@demo.school', link), '0');
    assert.ok(!(await head.get('/')).body.notifications.some((n) => n.id === note.id));
    // Opening it again still leads there.
    assert.equal((await head.page(`/notifications/${note.id}`)).status, 303);

    // Acknowledging a case clears everyone's notification of it; the reporter is told.
    const two = await file(t, { category: 'cyberbullying_pupil', summary: 'Another one' });
    const link2 = `/concerns/${two.id}`;
    assert.equal(unread(s.db, 'dsl@demo.school', link2), '1');
    assert.equal(unread(s.db, 'head@demo.school', link2), '1');
    assert.equal((await event(head, two.id, { action: 'acknowledge' })).status, 200);
    assert.equal(unread(s.db, 'dsl@demo.school', link2), '0');
    assert.equal(unread(s.db, 'head@demo.school', link2), '0');
    const told = (await t.get('/')).body.notifications.find((n) => n.link === `/concerns/mine/${two.id}`);
    assert.equal(told.message, `Your concern ${two.reference} (Cyberbullying of a pupil) has been acknowledged.`);
    // A status change reads as the status's name.
    assert.equal((await event(head, two.id, { action: 'status', status: 'investigating' })).status, 200);
    assert.ok((await t.get('/')).body.notifications.some((n) => n.message === `Your concern ${two.reference} (Cyberbullying of a pupil) is now: Investigating.`));

    // Opening the case page clears the reader's own notification of it, nobody else's.
    const three = await file(t, { category: 'cyberbullying_pupil', summary: 'A third' });
    const link3 = `/concerns/${three.id}`;
    assert.equal((await dsl.page(link3)).status, 200);
    assert.equal(unread(s.db, 'dsl@demo.school', link3), '0');
    assert.equal(unread(s.db, 'head@demo.school', link3), '1');
    // Someone else acknowledging it clears the rest.
    assert.equal((await event(dsl, three.id, { action: 'acknowledge' })).status, 200);
    assert.equal(unread(s.db, 'head@demo.school', link3), '0');

    // Signing a version clears the notification that asked for it.
    const { version_id } = (await t.get('/aup')).body.policies[0];
    const tid = sql(s.db, "SELECT id FROM users WHERE email = 'teacher@demo.school'");
    sql(s.db, `INSERT INTO notifications(user_id, kind, message, link, created_at) VALUES
      (${tid}, 'aup_new_version', 'Version 2 of the policy has been published', '/aup/${version_id}', '2026-11-18T10:00:00Z')`);
    assert.equal(unread(s.db, 'teacher@demo.school', `/aup/${version_id}`), '1');
    assert.equal((await t.post('/aup/sign', { version_id, typed_name: 'Amy Clarke', agree: 'yes' })).status, 201);
    assert.equal(unread(s.db, 'teacher@demo.school', `/aup/${version_id}`), '0');

    // Assigning names the case's category.
    assert.equal((await event(head, one.id, { action: 'assign', assignee: 'dsl@demo.school' })).status, 200);
    assert.ok((await dsl.get('/')).body.notifications.some((n) =>
      n.message === `Concern ${one.reference} (Cyberbullying of a pupil) has been assigned to you.`));
  } finally {
    await s.stop().catch(() => {});
  }
});

test('"My tasks": urgent items first, marked "Urgent" in words', async () => {
  // Friday 20 November: an urgent concern is due today, a plain one on Monday.
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-11-20T10:00:00Z' } });
  let s2;
  try {
    const t = await s.login('teacher@demo.school');
    await file(t, { category: 'other', summary: 'Urgent one', urgent: 'yes' });
    await file(t, { category: 'other', summary: 'Plain one' });
    await s.stop({ keep: true });
    // Saturday: the urgent one is overdue (an urgent task), the plain one new.
    s2 = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: '2026-11-21T10:00:00Z' } });
    const head = await s2.login('head@demo.school');
    const tasks = (await head.get('/')).body.tasks;
    const flags = tasks.map((x) => x.urgent);
    assert.ok(flags.includes(true) && flags.includes(false), JSON.stringify(tasks));
    assert.deepEqual(flags, [...flags].sort((a, b) => Number(b) - Number(a)), 'urgent first');
    const page = (await head.page('/')).text;
    const items = [...page.matchAll(/<li class="task( urgent)?">([\s\S]*?)<\/li>/g)];
    const firstPlain = items.findIndex((m) => !m[1]);
    assert.ok(firstPlain > 0 && items.slice(firstPlain).every((m) => !m[1]), 'urgent first on the page');
    for (const m of items.slice(0, firstPlain)) assert.match(m[2], /<span class="badge status-urgent">Urgent<\/span>/);
  } finally {
    if (s2) await s2.stop({ keep: true }).catch(() => {});
    await s.stop().catch(() => {});
  }
});

test('deadlines in UK days: a summer Friday-evening concern is due by Monday 23:59:59 UK time', async () => {
  // Friday 17 July 2026, 23:30 BST (22:30 UTC).
  const s = await startServer({ env: { STAFFROOM_TEST_NOW: '2026-07-17T22:30:00Z' } });
  try {
    const t = await s.login('teacher@demo.school');
    const plain = await file(t, { category: 'other', summary: 'Friday evening' });
    const urgent = await file(t, { category: 'other', summary: 'Friday evening, urgent', urgent: 'yes' });
    const due = (id) => sql(s.db, `SELECT due_by FROM concerns WHERE id = ${id}`);
    assert.equal(due(plain.id), '2026-07-20T22:59:59Z', 'Monday 23:59:59 BST');
    assert.equal(due(urgent.id), '2026-07-17T22:59:59Z', 'urgent: the end of the Friday, UK time');
    const head = await s.login('head@demo.school');
    const row = (await head.get('/concerns')).body.concerns.find((x) => x.id === plain.id);
    assert.equal(row.due_by, '2026-07-20T22:59:59Z');
    const html = (await head.page('/concerns')).text;
    assert.ok(html.includes('<strong>Acknowledge</strong>: <time datetime="2026-07-20T22:59:59Z">20 Jul 2026, 23:59 · due in 3 days</time>'));
    assert.ok(html.includes('<time datetime="2026-07-17T22:59:59Z">17 Jul 2026, 23:59 · due today</time>'));
  } finally {
    await s.stop().catch(() => {});
  }
});
