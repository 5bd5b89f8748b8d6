// The deadline for images on a member of staff's own device (braunstone,
// "Safer Working Practices": moved "at the earliest convenience", never kept
// "indefinitely"): the end of the next working day unless the person chooses
// another day, from today to a week ahead; a day in the past or further
// ahead is refused and nothing is written; past its day, a chosen deadline
// is overdue for them and the headteacher as the default one is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, sql, visibleText } from './lib.mjs';

const DAY = 86400e3;
// A UK calendar date, days from now, as the school reads it.
const ukDay = (days = 0, from = Date.now()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(from + days * DAY));
const ukDateOf = (iso) => ukDay(0, Date.parse(iso));
const tasksOf = async (c) => (await c.get('/')).body.tasks;

test('default, chosen, past and too far; the form shows the default in words', async (t) => {
  const s = await startServer();
  t.after(() => s.stop());
  const teacher = await s.login('teacher@demo.school');
  const count = (q) => Number(sql(s.db, `SELECT count(*) FROM ${q}`));

  // The form: pre-filled with the next working day, both days in words.
  const page = await teacher.page('/conduct');
  const field = page.text.match(/<input id="f-deadline"[^>]*>/);
  assert.ok(field, 'the form has a deadline');
  const byDefault = field[0].match(/value="([^"]*)"/)[1];
  assert.match(byDefault, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(field[0], new RegExp(`min="${ukDay()}" max="${ukDay(7)}"`));
  const words = (iso) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(`${iso}T12:00:00Z`));
  assert.match(visibleText(page.text), new RegExp(`The end of the next working day, ${words(byDefault)}, unless you choose another day; at the latest ${words(ukDay(7))}\\.`));

  // Left empty: the end of the next working day, as before.
  let r = await teacher.post('/conduct/images', { taken_on: ukDay(), event: 'Sports day', deadline: '' });
  assert.equal(r.status, 201, r.text);
  assert.equal(ukDateOf(r.body.images.due_by), byDefault);
  assert.ok(![0, 6].includes(new Date(r.body.images.due_by).getUTCDay()));

  // Chosen: the end of that UK day, up to a week ahead.
  for (const days of [0, 3, 7]) {
    r = await teacher.post('/conduct/images', { taken_on: ukDay(), event: `Residential, day ${days}`, deadline: ukDay(days) });
    assert.equal(r.status, 201, r.text);
    assert.equal(ukDateOf(r.body.images.due_by), ukDay(days));
    assert.equal(ukDateOf(new Date(Date.parse(r.body.images.due_by) + 1000).toISOString()), ukDay(days + 1),
      'the last second of that day');
  }
  assert.equal(count("audit WHERE action = 'conduct.images' AND detail LIKE '%(chosen)'"), 3);

  // Past, or more than a week ahead: 400 naming the field, nothing written.
  const rows = count('device_images'), audits = count('audit');
  r = await teacher.post('/conduct/images', { taken_on: ukDay(-2), event: 'Match', deadline: ukDay(-1) });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'deadline');
  assert.match(r.body.error, /cannot be in the past/);
  r = await teacher.post('/conduct/images', { taken_on: ukDay(), event: 'Match', deadline: ukDay(8) });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'deadline');
  assert.match(r.body.error, new RegExp(`earliest convenience, within a week: choose a day up to ${words(ukDay(7))}`));
  // Both problems at once, each beside its field.
  r = await teacher.post('/conduct/images', { taken_on: ukDay(2), event: 'Match', deadline: ukDay(30) });
  assert.deepEqual(r.body.errors.map((e) => e.field).sort(), ['deadline', 'taken_on']);
  r = await teacher.post('/conduct/images', { taken_on: ukDay(), event: 'Match', deadline: 'next week' });
  assert.equal(r.body.field, 'deadline');
  assert.equal(count('device_images'), rows);
  assert.equal(count('audit'), audits);

  // Without JavaScript: the form comes back with what was typed and one message.
  r = await teacher.post('/conduct/images', { taken_on: ukDay(-1), event: 'Year 4 swimming gala', deadline: ukDay(9) }, { json: false });
  assert.equal(r.status, 400);
  assert.deepEqual([...r.text.matchAll(/<p class="field-error" id="([^"]+)">/g)].map((m) => m[1]), ['e-deadline']);
  assert.match(r.text, new RegExp(`<input id="f-deadline"[^>]*value="${ukDay(9)}"[^>]*aria-describedby="h-deadline e-deadline"`));
  assert.match(r.text, /<input id="f-event"[^>]*value="Year 4 swimming gala"/);
  assert.match(r.text, new RegExp(`<input id="f-taken_on"[^>]*value="${ukDay(-1)}"`));
  assert.equal(count('device_images'), rows);
});

test('a chosen deadline, once passed, is overdue for the person and the headteacher', async () => {
  let s = await startServer();
  try {
    const science = await s.login('science@demo.school');
    const r = await science.post('/conduct/images', { taken_on: ukDay(), event: 'Year 9 geography fieldwork', deadline: ukDay(2) });
    assert.equal(r.status, 201, r.text);
    const id = r.body.images.id;
    // The day after the chosen one (the clock moved on): overdue.
    await s.stop({ keep: true });
    const later = new Date(Date.now() + 3 * DAY).toISOString().replace(/\.\d+Z$/, 'Z');
    s = await launch({ dir: s.dir, db: s.db, env: { STAFFROOM_TEST_NOW: later } });
    const again = await s.login('science@demo.school');
    const mine = (await tasksOf(again)).find((t) => t.kind === 'device_images_overdue');
    assert.ok(mine && mine.urgent, 'urgent for the person');
    assert.ok((await again.get('/conduct')).body.images.find((i) => i.id === id).overdue);
    const head = await s.login('head@demo.school');
    const staff = (await tasksOf(head)).find((t) => t.kind === 'device_images_staff');
    assert.ok(staff && staff.urgent, 'urgent for the headteacher');
    assert.ok((await head.get('/conduct')).body.images_overdue.some((i) => i.id === id));
    assert.match(visibleText((await head.page('/conduct')).text), /Daniel Reid: Year 9 geography fieldwork/);
  } finally {
    await s.stop();
  }
});
