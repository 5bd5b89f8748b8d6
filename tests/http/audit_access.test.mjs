// The audit log's page shows a row about a concern only to someone who may
// open that concern: never to the person it is about, and the administrator
// sees administrative actions, not safeguarding activity.  Every view, filter
// and page of /audit is checked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, visibleText } from './lib.mjs';
import { PNG, file, event } from './concern_helpers.mjs';

let s, ref, filename;
const c = {};
const today = () => new Date().toISOString().slice(0, 10);

before(async () => {
  s = await startServer();
  for (const who of ['teacher', 'head', 'chair', 'admin']) c[who] = await s.login(`${who}@demo.school`);
  // A concern about the headteacher: the chair's alone.
  filename = 'head-evidence-zq7.png';
  const concern = await file(c.teacher, { category: 'staff_conduct', about: 'head@demo.school', summary: 'about the head' },
    [{ name: filename, data: PNG, type: 'image/png' }]);
  ref = concern.reference;
  const id = concern.id;
  const ev = sql(s.db, `SELECT id FROM evidence WHERE concern_id = ${id}`);
  assert.equal((await c.chair.get(`/concerns/${id}`)).status, 200);
  assert.equal((await c.chair.get(`/evidence/${ev}`)).status, 200);
  assert.equal((await event(c.chair, id, { action: 'acknowledge' })).status, 200);
  assert.equal((await event(c.chair, id, { action: 'escalate', to: 'lado', reference: 'LADO-1' })).status, 200);
  // A legal hold on it, placed by the chair (who reviews it; the administrator may not):
  // a row about the concern too.
  assert.equal((await c.admin.post('/admin/retention/hold', { record_type: 'concern', record_id: id, reason: 'hold it' })).status, 404);
  assert.equal((await c.chair.post('/admin/retention/hold', { record_type: 'concern', record_id: id, reason: 'hold it' })).status, 201);
  // Enough visible activity for more than one page, interleaved with hidden rows.
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 40; j++) {
      const day = new Date(Date.UTC(2030, 0, 1 + i * 40 + j)).toISOString().slice(0, 10);
      assert.equal((await c.admin.post('/admin/closures', { day, label: `closed ${day}` })).status, 201);
    }
    assert.equal((await c.chair.get(`/concerns/${id}`)).status, 200);
  }
});
after(async () => { await s.stop(); });

const hiddenRow = (a) => a.object === ref || a.object.startsWith('concern:') || a.detail.includes(filename) ||
  a.detail.includes(ref) || /^(concern|evidence|disclosure)\./.test(a.action);

// A filter by person is a search sent by POST (its page is /audit?search=ID);
// the other filters go in the query.
async function filtered(client, query) {
  const params = new URLSearchParams(query);
  if (!params.has('actor')) return query;
  const r = await client.post('/audit/search', Object.fromEntries(params));
  assert.equal(r.status, 200, query);
  return r.body.location.split('?')[1];
}

// Every row of every page, following "Older entries".
async function walk(client, wanted) {
  const rows = [];
  const query = await filtered(client, wanted);
  let q = query;
  for (;;) {
    const r = await client.get(q ? `/audit?${q}` : '/audit');
    assert.equal(r.status, 200, q);
    rows.push(...r.body.audit);
    if (!r.body.next_before) return { rows, last: r.body };
    assert.equal(r.body.audit.length, 100, 'a page that is not the last is full: hidden rows are not counted');
    const next = new URLSearchParams(query);
    next.set('before', r.body.next_before);
    q = next.toString();
  }
}

for (const who of ['head', 'admin']) {
  test(`${who}: no row about the concern on the head, in any filter or page`, async () => {
    const filters = ['', `object=${encodeURIComponent(ref)}`, 'action=concern.report', 'action=concern.escalate',
      'action=concern.view', 'action=evidence.download', 'action=retention.hold', 'object=' + encodeURIComponent('concern:' + sql(s.db, `SELECT id FROM concerns WHERE reference = '${ref}'`)),
      'actor=chair%40demo.school', 'actor=teacher%40demo.school', `from=${today()}&to=${today()}`, `before=${Number(sql(s.db, 'SELECT max(id) FROM audit')) + 1}`];
    for (const f of filters) {
      const { rows } = await walk(c[who], f);
      const leaked = rows.filter((a) => (who === 'admin' ? hiddenRow(a) : a.object === ref || a.object.startsWith('concern:') || a.detail.includes(filename) || a.detail.includes('lado')));
      assert.deepEqual(leaked, [], `${who} /audit?${f}`);
    }
    // The whole log, paged: exactly the rows this person may see, each once.
    const { rows } = await walk(c[who], '');
    assert.equal(new Set(rows.map((a) => a.id)).size, rows.length);
    assert.ok(rows.length > 100, 'there is more than one page');
  });

  test(`${who}: the action choices and the HTML page say nothing of it`, async () => {
    const r = await c[who].get('/audit');
    for (const { action } of r.body.actions) {
      const f = await c[who].get(`/audit?action=${encodeURIComponent(action)}`);
      assert.ok(f.body.audit.length >= 1, `${who} is offered ${action} but has no row of it`);
    }
    if (who === 'admin') assert.deepEqual(r.body.actions.filter((a) => /^(concern|evidence)\./.test(a.action)), []);
    assert.ok(!r.body.actions.some((a) => a.action === 'concern.escalate'), 'nobody the head may see escalated anything');
    for (const q of ['', `?object=${encodeURIComponent(ref)}`, '?action=concern.escalate', '?actor=chair%40demo.school']) {
      const found = await filtered(c[who], q.slice(1));
      const html = await c[who].page(found ? `/audit?${found}` : '/audit');
      assert.equal(html.status, 200);
      const text = visibleText(html.text);
      assert.ok(!text.includes(ref), `${who} page ${q} names the case`);
      assert.ok(!text.includes(filename), `${who} page ${q} names the evidence`);
      assert.ok(!html.text.includes('concern.escalate'), `${who} page ${q} shows an escalation`);
    }
  });
}

test('a row about a concern the headteacher may open is shown to them, not to the administrator', async () => {
  const { id, reference } = await file(c.teacher, { category: 'other', summary: 'for the head' });
  assert.equal((await c.head.get(`/concerns/${id}`)).status, 200);
  const head = await c.head.get(`/audit?object=${encodeURIComponent(reference)}`);
  assert.deepEqual(head.body.audit.map((a) => a.action).sort(), ['concern.report', 'concern.view']);
  const admin = await c.admin.get(`/audit?object=${encodeURIComponent(reference)}`);
  assert.deepEqual(admin.body.audit, []);
  // Administrative rows stay visible to both.
  assert.ok((await c.admin.get('/audit?action=settings.closure_add')).body.audit.length >= 100);
  assert.ok((await c.head.get('/audit?action=settings.closure_add')).body.audit.length >= 100);
});

test('the audit page names each action in words, and keeps the chosen action in its filter', async () => {
  const page = await c.admin.page('/audit?action=settings.closure_add');
  assert.equal(page.status, 200);
  assert.match(page.text, /<td>Closure day added<\/td>/);
  assert.match(page.text, /<option value="settings.closure_add" selected>Closure day added<\/option>/);
  assert.match(page.text, /<option value="staff.add">Person added<\/option>/);
  const cells = [...page.text.matchAll(/<tr><td><time[^]*?<\/tr>/g)].map((m) => visibleText(m[0]));
  assert.ok(cells.length >= 100);
  for (const row of cells) assert.doesNotMatch(row, /settings\.closure_add/, 'no row shows the stored code');
  // The JSON keeps the code.
  assert.equal((await c.admin.get('/audit?action=settings.closure_add')).body.audit[0].action, 'settings.closure_add');
});

// A subject access request is opened by the DPO and the headteacher only: its rows in the audit
// log (its own actions, and the router's rows for its pages) are hidden from an administrator
// too, who may not open it, so the log tells them nothing of who asked for their data or when.
test('the administrator reads no row about a subject access request', async () => {
  const s = await startServer();
  try {
    const dpo = await s.login('dpo@demo.school'), admin = await s.login('admin@demo.school');
    const head = await s.login('head@demo.school');
    const r = await dpo.post('/sar', { email: 'science@demo.school', received_on: new Date().toISOString().slice(0, 10) });
    assert.equal(r.status, 201, r.text);
    const ref = r.body.request.reference;
    assert.equal((await admin.get(`/sar/${r.body.request.id}`)).status, 403);
    const sarRows = (rows) => rows.filter((x) => x.action.startsWith('sar.') || x.object === ref || x.object.startsWith('/sar/'));
    const seen = async (client) => sarRows((await client.get('/audit')).body.audit);
    assert.equal((await seen(head)).length >= 1, true, 'the headteacher sees them');
    assert.deepEqual(await seen(admin), []);
    assert.deepEqual((await admin.get(`/audit?object=${ref}`)).body.audit, []);
    assert.deepEqual((await admin.get('/audit?action=sar.record')).body.audit, []);
    assert.doesNotMatch(visibleText((await admin.page('/audit')).text), /SAR-\d+/);
    // Nor a legal hold on it, whose row names it as a record ("sar:N").
    const hold = await head.post('/admin/retention/hold', { record_type: 'sar', record_id: String(r.body.request.id), reason: 'Tribunal claim' });
    assert.equal(hold.status, 201, hold.text);
    assert.ok((await head.get('/audit')).body.audit.some((x) => x.object === `sar:${r.body.request.id}`));
    assert.ok(!(await admin.get('/audit')).body.audit.some((x) => x.object.startsWith('sar:')));
  } finally {
    await s.stop();
  }
});
