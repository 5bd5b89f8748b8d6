// Text a person typed keeps its line breaks: in a form shown again after a
// refusal (what was typed, exactly), and wherever stored text is shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from './lib.mjs';
import { file } from './concern_helpers.mjs';

let s;
before(async () => { s = await startServer(); });
after(async () => { await s.stop(); });

const unescape = (html) => html.replace(/&#10;|&#x0*a;/gi, '\n').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
  .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#x27;/g, "'").replace(/&amp;/g, '&');

// What a browser puts in the field: the HTML parser drops one line break
// straight after <textarea>, so that is dropped here too.
function textarea(html, id) {
  const m = html.match(new RegExp(`<textarea id="${id}"[^>]*>([\\s\\S]*?)</textarea>`));
  assert.ok(m, `no textarea ${id}`);
  return unescape(m[1]).replace(/^\n/, '');
}

// The text inside each multi-line block, as a person reads it.
function shown(html) {
  return [...html.matchAll(/<span class="multiline">([\s\S]*?)<\/span>/g)].map((m) => unescape(m[1]));
}

test('a refused policy form gives back the 53-line text exactly as it was typed', async () => {
  const a = await s.login('admin@demo.school');
  const pid = Number(sql(s.db, 'SELECT id FROM policies ORDER BY id LIMIT 1'));
  const lines = Array.from({ length: 53 }, (_, i) => (i % 5 === 4 ? '' : `Line ${i + 1}: be <kind> & "fair"`));
  const body = `## Conduct\n\n${lines.join('\n')}\n`;
  const summary = 'First point.\nSecond point.\n\n  Indented third.';
  const before = Number(sql(s.db, 'SELECT count(*) FROM policy_versions'));
  const r = await a.request('POST', `/admin/policies/${pid}/versions`, { json: false,
    form: { body, summary, effective: '2026-02-30', review_due: '2027-09-01' } });
  assert.equal(r.status, 400);
  assert.equal(textarea(r.text, 'f-body'), body);
  assert.equal(textarea(r.text, 'f-summary'), summary);
  assert.doesNotMatch(r.text, /<kind>/, 'still escaped');
  assert.equal(Number(sql(s.db, 'SELECT count(*) FROM policy_versions')), before, 'nothing published');
});

test('a text that starts with a blank line keeps it when the form comes back', async () => {
  const t = await s.login('teacher@demo.school');
  const details = '\nAfter a blank line.\nSecond line.';
  const fd = new FormData();
  fd.append('category', 'no-such-category');
  fd.append('summary', 'Refused');
  fd.append('details', details);
  const r = await t.request('POST', '/concerns', { multipart: fd, json: false });
  assert.equal(r.status, 400);
  // multipart/form-data sends a text field's line breaks as CRLF, as browsers do
  assert.equal(textarea(r.text, 'f-details'), details.replace(/\n/g, '\r\n'));
});

test('stored details, notes and outcomes are shown with their line breaks', async () => {
  const t = await s.login('teacher@demo.school');
  const details = 'What I saw:\n- a post at 9pm\n- a reply at 10pm\n\nI took a note of <both>.';
  const involved = 'Pupil A\nPupil B';
  const c = await file(t, { category: 'cyberbullying_pupil', summary: 'Posts about a pupil', details, involved });
  const head = await s.login('head@demo.school');
  assert.ok((await head.post(`/concerns/${c.id}/events`, { action: 'acknowledge' })).status < 400);
  const note = 'Spoke to both pupils.\n\nParents informed.';
  const n = await head.post(`/concerns/${c.id}/events`, { action: 'note', text: note });
  assert.ok(n.status < 400, n.text);
  const told = await head.post(`/concerns/${c.id}/events`, { action: 'escalate', to: 'parents' }); // heatons 8.3
  assert.ok(told.status < 400, told.text);
  const outcome = 'Resolved with both families.\nNo further action.';
  const closed = await head.post(`/concerns/${c.id}/events`, { action: 'close', outcome, outcome_category: 'resolved_in_school' });
  assert.ok(closed.status < 400, closed.text);
  const page = await head.page(`/concerns/${c.id}`);
  assert.equal(page.status, 200);
  const blocks = shown(page.text);
  const crlf = (text) => text.replace(/\n/g, '\r\n'); // filed as multipart, as a browser does
  for (const text of [crlf(details), crlf(involved), note, outcome]) assert.ok(blocks.includes(text), `shown as typed: ${JSON.stringify(text)}`);
  assert.doesNotMatch(page.text, /<both>/);
  const mine = await t.page(`/concerns/mine/${c.id}`);
  if (mine.status === 200) assert.ok(shown(mine.text).includes(crlf(details)));
  const css = await (await fetch(`${s.url}/static/style.css`)).text();
  assert.match(css, /\.multiline\s*\{[^}]*white-space:\s*pre-wrap/);
});
