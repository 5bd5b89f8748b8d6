// Adults who have asked not to be filmed or photographed (ravens-wood §9: "If
// anyone, for any reason, asks not to be filmed or photographed then their
// wishes should be respected"): a member of staff asks for themselves on their
// own page and only they withdraw it; the keepers of the do-not-publish list
// (the administrator, the DSL) add and take off anyone else by name; the list's
// page shows the adults in their own section to the list's readers only; a
// post's picture is checked against the whole list.  Bad input changes
// nothing, and the audit log names the entry, not the person.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, sql, cli, visibleText } from './lib.mjs';
import { JPEG } from './concern_helpers.mjs';
import { SCHEMA_VERSION } from './schema_version.mjs';

let s, acct;
const c = {};
before(async () => {
  s = await startServer();
  for (const who of ['science', 'teacher', 'head', 'deputy', 'dsl', 'admin', 'network', 'moderator'])
    c[who] = await s.login(`${who}@demo.school`);
  acct = Number(sql(s.db, "SELECT id FROM social_accounts WHERE name = '@HillsideScience'"));
});
after(async () => { await s.stop(); });

const n = (q) => Number(sql(s.db, `SELECT count(*) FROM ${q}`));
const LIST = '/accounts/do-not-publish';
const ADULTS = 'Adults who have asked not to be filmed or photographed';
// A refusal's own audit row (access.refused, written by the router) is not a change.
const state = () => sql(s.db, "SELECT (SELECT count(*) || '/' || count(removed_at) FROM do_not_film) || ' ' || " +
  "(SELECT count(*) FROM audit WHERE action != 'access.refused')");
const nameOf = (who) => sql(s.db, `SELECT name FROM users WHERE email = '${who}@demo.school'`);

test('a member of staff asks not to be filmed or photographed, dated, and withdraws it themselves', async () => {
  const own = await c.teacher.page('/account/photos');
  assert.equal(own.status, 200);
  assert.match(own.text, /<h1>Photos and video of you<\/h1>/);
  assert.match(own.text, /<form class="stack card" method="post" action="\/account\/photos">/);
  assert.match(visibleText(own.text), /Do not film or photograph me for school accounts/);
  assert.equal((await c.teacher.get('/account/photos')).body.asked, false);
  // Linked from the page where staff keep their own settings.
  assert.match((await c.teacher.page('/account/2fa')).text, /<a href="\/account\/photos">Photos and video of you<\/a>/);

  const asked = await c.teacher.post('/account/photos');
  assert.equal(asked.status, 201, asked.text);
  const id = asked.body.request.id;
  assert.equal(sql(s.db, `SELECT u.email || ' ' || (f.added_at = '${asked.body.request.asked_at}') FROM do_not_film f ` +
    `JOIN users u ON u.id = f.user_id WHERE f.id = ${id}`), 'teacher@demo.school 1');
  const mine = await c.teacher.get('/account/photos');
  assert.equal(mine.body.asked, true);
  assert.equal(mine.body.request.asked_at, asked.body.request.asked_at);
  assert.match(visibleText((await c.teacher.page('/account/photos')).text), /You asked not to be filmed or photographed for school accounts on \d/);
  assert.equal(n(`audit WHERE action = 'account.do_not_film_ask' AND object = 'do-not-film/${id}'`), 1);
  assert.equal(n(`audit WHERE action LIKE 'account.do_not_film%' AND detail LIKE '%${nameOf('teacher')}%'`), 0,
    'the log names the entry, not the person');

  // Asked twice: 409, nothing changes.
  let was = state();
  const again = await c.teacher.post('/account/photos');
  assert.equal(again.status, 409);
  assert.match(again.body.error, /already asked not to be filmed or photographed/);
  assert.deepEqual(state(), was);

  // On the list for its readers, in the adults' section, as a member of staff who asked.
  for (const who of ['science', 'head', 'dsl']) {
    const entry = (await c[who].get(LIST)).body.adults.find((a) => a.id === id);
    assert.ok(entry, who);
    assert.equal(entry.name, nameOf('teacher'));
    assert.equal(entry.own, true);
    assert.equal(entry.may_remove, false, `${who}: nobody else takes it off`);
  }
  const html = visibleText((await c.dsl.page(LIST)).text);
  assert.match(html, new RegExp(`${ADULTS}.*${nameOf('teacher')} Member of staff, asked for themselves .* Only they can withdraw it`));

  // Nobody else withdraws it: not the keepers, not anyone else.
  was = state();
  const keeper = await c.dsl.post(`${LIST}/adults/${id}/remove`);
  assert.equal(keeper.status, 403);
  assert.match(keeper.body.error, /only they can withdraw it/);
  assert.equal((await c.admin.post(`${LIST}/adults/${id}/remove`)).status, 403);
  assert.equal((await c.science.post(`${LIST}/adults/${id}/remove`)).status, 403);
  // Someone else's withdraw withdraws only their own (they have none).
  assert.equal((await c.science.post('/account/photos/withdraw')).status, 409);
  assert.deepEqual(state(), was);
  assert.ok((await c.head.get(LIST)).body.adults.some((a) => a.id === id));

  const off = await c.teacher.post('/account/photos/withdraw');
  assert.equal(off.status, 200, off.text);
  assert.equal(n(`do_not_film WHERE id = ${id} AND removed_at IS NOT NULL AND removed_by = user_id`), 1);
  assert.equal(n(`audit WHERE action = 'account.do_not_film_withdraw' AND object = 'do-not-film/${id}'`), 1);
  assert.ok(!(await c.head.get(LIST)).body.adults.some((a) => a.id === id));
  assert.equal((await c.teacher.get('/account/photos')).body.asked, false);
  // Withdrawn twice: 409, nothing changes.
  was = state();
  const twice = await c.teacher.post('/account/photos/withdraw');
  assert.equal(twice.status, 409);
  assert.match(twice.body.error, /already withdrawn it/);
  assert.deepEqual(state(), was);
  // Asked again later: a new dated entry.
  assert.equal((await c.teacher.post('/account/photos')).status, 201);
  assert.equal((await c.teacher.post('/account/photos/withdraw')).status, 200);
  // Their own requests are in their subject access export, each with when it was withdrawn.
  const e = JSON.parse(cli(['export', '--db', s.db, '--person', 'teacher@demo.school']).stdout);
  assert.equal(e.asked_not_to_be_filmed.length, 2);
  assert.ok(e.asked_not_to_be_filmed.every((r) => r.asked_at && r.withdrawn_at));
});

test('the keepers add a parent, a visitor or a governor by name with a note, and take them off', async () => {
  // Only the administrator or the DSL changes it.
  for (const who of ['science', 'teacher', 'head', 'deputy', 'moderator'])
    assert.equal((await c[who].post(`${LIST}/adults`, { adult_name: 'Pat Visitor' })).status, 403, who);
  let was = state();
  const empty = await c.admin.post(`${LIST}/adults`, { adult_name: '   ', adult_note: 'Parent' });
  assert.equal(empty.status, 400);
  assert.equal(empty.body.field, 'adult_name');
  assert.match(empty.body.error, /their name/i);
  const long = await c.admin.post(`${LIST}/adults`, { adult_name: 'x'.repeat(121) });
  assert.equal(long.status, 400);
  assert.equal(long.body.field, 'adult_name');
  const longNote = await c.admin.post(`${LIST}/adults`, { adult_name: 'Pat Visitor', adult_note: 'x'.repeat(301) });
  assert.equal(longNote.status, 400);
  assert.equal(longNote.body.field, 'adult_note');
  // A refused form comes back on the list's page with the message by its field.
  const shown = await c.admin.request('POST', `${LIST}/adults`, { form: { adult_name: '' }, json: false });
  assert.equal(shown.status, 400);
  assert.match(shown.text, /<p class="field-error" id="e-adult_name">/);
  assert.deepEqual(state(), was);

  const added = await c.admin.post(`${LIST}/adults`, { adult_name: 'Pat Visitor', adult_note: 'Parent of a pupil in 4B' });
  assert.equal(added.status, 201, added.text);
  const id = added.body.adult.id;
  assert.equal(n(`audit WHERE action = 'account.do_not_film_add' AND object = 'do-not-film/${id}'`), 1);
  assert.equal(n(`audit WHERE detail LIKE '%Pat Visitor%' OR detail LIKE '%4B%'`), 0, 'the log names the entry, not the person');
  // The same person twice (any case): 409, nothing changes.
  was = state();
  const dup = await c.dsl.post(`${LIST}/adults`, { adult_name: 'pat visitor' });
  assert.equal(dup.status, 409);
  assert.match(dup.body.error, /already on the list/);
  assert.deepEqual(state(), was);

  const seen = (await c.science.get(LIST)).body.adults.find((a) => a.id === id);
  assert.equal(seen.name, 'Pat Visitor');
  assert.equal(seen.note, 'Parent of a pupil in 4B');
  assert.equal(seen.own, false);
  assert.equal(seen.may_remove, false, 'a runner reads the list but does not keep it');
  assert.equal((await c.dsl.get(LIST)).body.adults.find((a) => a.id === id).may_remove, true);
  const page = await c.dsl.page(LIST);
  assert.match(page.text, new RegExp(`<h2 id="h-adults">${ADULTS}</h2>`));
  assert.match(page.text, /<label for="f-adult_name">Their name<\/label>/);
  assert.match(page.text, new RegExp(`action="/accounts/do-not-publish/adults/${id}/remove"`));
  assert.match(visibleText(page.text), /Pat Visitor Parent of a pupil in 4B/);
  // The readers' page has no form to change it.
  assert.doesNotMatch((await c.science.page(LIST)).text, /action="\/accounts\/do-not-publish\/adults/);

  was = state();
  assert.equal((await c.science.post(`${LIST}/adults/${id}/remove`)).status, 403);
  assert.equal((await c.admin.post(`${LIST}/adults/${id}/remove`, {}, { csrf: false })).status, 403);
  assert.equal((await c.dsl.post(`${LIST}/adults/999999/remove`)).status, 404);
  assert.deepEqual(state(), was);
  const off = await c.dsl.post(`${LIST}/adults/${id}/remove`);
  assert.equal(off.status, 200, off.text);
  assert.equal(n(`audit WHERE action = 'account.do_not_film_remove' AND object = 'do-not-film/${id}'`), 1);
  was = state();
  const twice = await c.admin.post(`${LIST}/adults/${id}/remove`);
  assert.equal(twice.status, 409);
  assert.match(twice.body.error, /already been taken off the list/);
  assert.deepEqual(state(), was);
  assert.ok(!(await c.head.get(LIST)).body.adults.some((a) => a.id === id));
});

test('the adults are read by the same people as the pupils; anyone else gets 404', async () => {
  assert.equal((await c.dsl.post(`${LIST}/adults`, { adult_name: 'Sam Governor' })).status, 201);
  for (const who of ['teacher', 'network']) {
    assert.equal((await c[who].get(LIST)).status, 404, who);
    assert.equal((await c[who].page(LIST)).status, 404, who);
  }
  for (const who of ['science', 'head', 'deputy', 'dsl', 'moderator', 'admin']) {
    const r = await c[who].get(LIST);
    assert.equal(r.status, 200, who);
    assert.ok(r.body.adults.some((a) => a.name === 'Sam Governor'), who);
    assert.match((await c[who].page(LIST)).text, new RegExp(`<h2 id="h-adults">${ADULTS}</h2>`), who);
  }
  // A member of staff who has left is no longer listed; back on the staff, their request stands.
  assert.equal((await c.deputy.post('/account/photos')).status, 201);
  const deputy = nameOf('deputy');
  sql(s.db, "UPDATE users SET active = 0 WHERE email = 'deputy@demo.school'");
  assert.ok(!(await c.dsl.get(LIST)).body.adults.some((a) => a.name === deputy));
  sql(s.db, "UPDATE users SET active = 1 WHERE email = 'deputy@demo.school'");
  assert.ok((await c.dsl.get(LIST)).body.adults.some((a) => a.name === deputy && a.own));
});

test('adults taken off the list, and staff who left still asking, are shown until the review deletes them, to the readers only', async () => {
  const offNamed = async (name) => (await c.dsl.get(LIST)).body.adults_taken_off.find((a) => a.name === name);
  const pat = await offNamed('Pat Visitor');
  assert.ok(pat, 'taken off by the DSL in an earlier test');
  assert.equal(pat.own, false);
  assert.equal(pat.note, 'Parent of a pupil in 4B');
  assert.equal(pat.added_by, nameOf('admin'));
  assert.equal(pat.removed_by, nameOf('dsl'));
  assert.equal(pat.left_on, null);
  // Taken off at 00:30 on 1 July, UK time: kept six years from that UK date.
  sql(s.db, `UPDATE do_not_film SET removed_at = '2026-06-30T23:30:00Z' WHERE id = ${pat.id}`);
  // Those who keep the list see what is kept; the other readers only who is on it now.
  for (const who of ['science', 'head', 'deputy', 'moderator']) {
    const r = await c[who].get(LIST);
    assert.equal(r.status, 200, who);
    assert.deepEqual([r.body.taken_off, r.body.adults_taken_off], [[], []], who);
    assert.doesNotMatch((await c[who].page(LIST)).text, /Taken off the list|Pat Visitor/, who);
  }
  for (const who of ['dsl', 'admin']) {
    const r = await c[who].get(LIST);
    assert.equal(r.status, 200, who);
    for (const key of ['pupils', 'may_keep', 'adults', 'taken_off', 'adults_taken_off']) assert.ok(key in r.body, `${who}: ${key}`);
    const row = r.body.adults_taken_off.find((a) => a.id === pat.id);
    assert.equal(row.kept_until, '2032-07-01', who);
    assert.equal(row.listed, false);
    assert.ok(!r.body.adults.some((a) => a.id === pat.id), who);
  }
  // A member of staff's own request, withdrawn by themselves (the first test).
  const mine = await offNamed(nameOf('teacher'));
  assert.equal(mine.own, true);
  assert.equal(mine.removed_by, nameOf('teacher'));
  // Still asking when they left: no longer on the list, kept six years after they left.
  const bursar = await s.login('bursar@demo.school');
  const asked = await bursar.post('/account/photos');
  assert.equal(asked.status, 201, asked.text);
  sql(s.db, "UPDATE users SET active = 0, left_on = '2026-09-01' WHERE email = 'bursar@demo.school'");
  const left = await offNamed(nameOf('bursar'));
  assert.equal(left.id, asked.body.request.id);
  assert.equal(left.removed_at, null);
  assert.equal(left.left_on, '2026-09-01');
  assert.equal(left.kept_until, '2032-09-01');
  const html = await c.dsl.page(LIST);
  assert.match(html.text, /<caption>Adults taken off the list of those not to be filmed or photographed, and until when each is kept<\/caption>/);
  const text = visibleText(html.text);
  assert.match(text, /Pat Visitor Parent of a pupil in 4B .* 1 Jul 2026, 00:30 1 Jul 2032/);
  assert.match(text, new RegExp(`${nameOf('teacher')} Member of staff, asked for themselves .* Withdrawn by themselves, `));
  assert.match(text, /Still asked when they left the school, 1 Sep 2026 1 Sep 2032/);
  sql(s.db, "UPDATE users SET active = 1, left_on = NULL WHERE email = 'bursar@demo.school'");
  // Whoever may not read the list sees nothing of it.
  for (const who of ['teacher', 'network']) {
    assert.equal((await c[who].get(LIST)).status, 404, who);
    assert.doesNotMatch((await c[who].page(LIST)).text, /Pat Visitor/, who);
  }
  // Its years past, the review lists it; deleted there, it is gone from the page.
  sql(s.db, `UPDATE do_not_film SET removed_at = '2018-03-01T10:00:00Z' WHERE id = ${pat.id}`);
  assert.equal((await offNamed('Pat Visitor')).listed, true);
  const gone = await c.head.post('/admin/retention/delete', { record_type: 'do_not_film', record_id: String(pat.id), reason: 'Retention period over' });
  assert.equal(gone.status, 200, gone.text);
  assert.equal(await offNamed('Pat Visitor'), undefined);
  assert.doesNotMatch((await c.dsl.page(LIST)).text, /Pat Visitor/);
});

test("a post's picture is checked against the adults too, and the words say so", async () => {
  const fd = new FormData();
  for (const [k, v] of Object.entries({ kind: 'post', text: 'The staff netball team', pupils_pictured: 'no', school_device: 'yes', others_material: 'no', posted_as: 'Mr Okafor, Science' }))
    fd.append(k, v);
  fd.append('image', new Blob([JPEG], { type: 'image/jpeg' }), 'netball.jpg');
  const posts = n('account_posts');
  const r = await c.science.request('POST', `/accounts/${acct}/posts`, { multipart: fd });
  assert.equal(r.status, 400, 'no pupil pictured, but an adult on the list may be');
  assert.deepEqual(r.body.errors.map((e) => e.field), ['checked_list']);
  assert.match(r.body.errors[0].error, /no adult who has asked not to be filmed or photographed/);
  assert.equal(n('account_posts'), posts);
  const form = visibleText((await c.science.page(`/accounts/${acct}/posts/new`)).text);
  assert.match(form, /Nobody in the picture is on the do-not-publish list: no pupil on it, and no adult who has asked not to be filmed or photographed/);
  assert.match(form, /the adults who have asked not to be filmed or photographed/);

  fd.append('checked_list', 'yes');
  const ok = await c.science.request('POST', `/accounts/${acct}/posts`, { multipart: fd });
  assert.equal(ok.status, 201, ok.text);
  const review = visibleText((await c.head.page(`/accounts/${acct}/posts/${ok.body.post.id}`)).text);
  assert.match(review, /Nobody in the picture is on the do-not-publish list \(no pupil on it, and no adult who has asked not to be filmed or photographed\): confirmed/);
});

test('a database from before this schema part gets the adults\' table when opened', async () => {
  const old = await startServer();
  await old.stop({ keep: true });
  // Version 32: the last before the part that made the adults' table.
  sql(old.db, 'DROP TABLE do_not_film; PRAGMA user_version = 32;');
  const up = await launch({ dir: old.dir, db: old.db });
  try {
    assert.equal(sql(up.db, 'PRAGMA user_version'), String(SCHEMA_VERSION));
    const dsl = await up.login('dsl@demo.school');
    assert.equal((await dsl.post(`${LIST}/adults`, { adult_name: 'Alex Visitor' })).status, 201);
    const t = await up.login('teacher@demo.school');
    assert.equal((await t.post('/account/photos')).status, 201);
    assert.equal((await dsl.get(LIST)).body.adults.length, 2);
  } finally {
    await up.stop();
  }
});
