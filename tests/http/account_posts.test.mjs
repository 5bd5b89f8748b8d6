// Posts signed off before publishing (ravens-wood §10) and pictures of
// pupils (§9): a runner of the account submits, a senior leader who is not
// the author answers with a reason, the author sees it; the picture is a
// PNG or JPEG told from its bytes, with the author's confirmations, and is
// shown only to the account's runners and senior leaders; the
// do-not-publish list is kept by the administrator or the DSL.  Bad input
// changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, visibleText } from './lib.mjs';
import { PNG, JPEG } from './concern_helpers.mjs';
import { CLOSE_TICKED, qualify, uid } from './account_lib.mjs';
import { createHash, randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

const sha = (b) => createHash('sha256').update(b).digest('hex');

// A real PNG of random grey and colour: large however it is compressed.
function noisePng(w, h) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])));
    return Buffer.concat([len, Buffer.from(type), data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  const rows = randomBytes(h * (1 + 3 * w));
  for (let y = 0; y < h; y++) rows[y * (1 + 3 * w)] = 0;
  return Buffer.concat([PNG.subarray(0, 8), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows, { level: 1 })), chunk('IEND', Buffer.alloc(0))]);
}

let s, acct, blog;
const c = {};
before(async () => {
  s = await startServer();
  for (const who of ['science', 'ta', 'teacher', 'deputy', 'head', 'dsl', 'moderator', 'bursar', 'admin', 'network'])
    c[who] = await s.login(`${who}@demo.school`);
  acct = Number(sql(s.db, "SELECT id FROM social_accounts WHERE name = '@HillsideScience'"));
  blog = Number(sql(s.db, "SELECT id FROM social_accounts WHERE name = 'Year 3 class blog'"));
});
after(async () => { await s.stop(); });

const n = (q) => Number(sql(s.db, `SELECT count(*) FROM ${q}`));
// A refusal's own audit row (access.refused, written by the router) is not a change.
const state = () => ({ posts: n('account_posts'), images: n('account_post_images'), steps: n('account_post_steps'),
  notes: n('notifications'), audit: n("audit WHERE action != 'access.refused'"), pupils: n('do_not_publish WHERE removed_at IS NULL') });
const unread = (email, link) => n(`notifications x JOIN users u ON u.id = x.user_id WHERE u.email = '${email}' ` +
  `AND x.link = '${link}' AND x.read_at IS NULL`);

const confirmed = { pupils_pictured: 'yes', checked_list: 'yes', no_names: 'yes', school_device: 'yes' };

// fields: the form; image: {data, name, type} or null
function submit(client, fields, image = null, account = acct, json = true) {
  const fd = new FormData();
  for (const [k, v] of Object.entries({ kind: 'post', others_material: 'no', posted_as: 'Mr Okafor, Science', ...fields })) fd.append(k, v);
  if (image) fd.append('image', new Blob([image.data], { type: image.type || 'image/png' }), image.name || 'photo.png');
  return client.request('POST', `/accounts/${account}/posts`, { multipart: fd, json });
}

async function posted(client, fields, image, account) {
  const r = await submit(client, fields, image, account);
  assert.equal(r.status, 201, r.text);
  return r.body.post.id;
}

test('a runner submits a post with a photo; the senior leaders are told; only runners and senior leaders see it', async () => {
  const before = sql(s.db, `SELECT last_at FROM account_activity WHERE account_id = ${acct}`);
  const id = await posted(c.science, { text: 'Year 8 on the field with their rockets.', where: 'X',
    publish_at: '2099-06-01T16:00', ...confirmed }, { data: PNG, name: 'rockets.png' });
  const link = `/accounts/${acct}/posts/${id}`;
  for (const who of ['deputy', 'head', 'dsl']) assert.equal(unread(`${who}@demo.school`, link), 1, who);
  assert.equal(unread('science@demo.school', link), 0, 'the author is not asked');
  assert.ok((await c.deputy.get('/')).body.tasks.some((t) => t.kind === 'post_signoff' && t.link === link));
  assert.ok(!(await c.science.get('/')).body.tasks.some((t) => t.link === link));
  assert.notEqual(sql(s.db, `SELECT last_at FROM account_activity WHERE account_id = ${acct}`), before);
  assert.equal(sql(s.db, `SELECT publish_at FROM account_posts WHERE id = ${id}`), '2099-06-01T15:00:00Z', 'UK summer time');

  for (const who of ['science', 'deputy', 'head']) {
    const img = await c[who].get(`${link}/image`);
    assert.equal(img.status, 200, who);
    assert.equal(img.headers.get('content-type'), 'image/png');
    assert.equal(img.headers.get('cache-control'), 'no-store');
    // the picture as rewritten without its metadata; the hash of what was sent kept beside
    assert.equal(sql(s.db, `SELECT i.sha256 || '|' || o.sha256 FROM account_post_images i JOIN account_post_image_original o USING (post_id) WHERE post_id = ${id}`),
      `${sha(img.bytes)}|${sha(PNG)}`);
  }
  // Someone who does not run the account, an overseer of the register (the business
  // manager), a runner of another account.
  for (const who of ['teacher', 'bursar', 'ta', 'network', 'admin']) {
    assert.equal((await c[who].get(`${link}/image`)).status, 404, `${who}: image`);
    assert.equal((await c[who].get(link)).status, 404, `${who}: page`);
    assert.equal((await c[who].page(link)).status, 404, `${who}: HTML page`);
  }
  // The post under another account's address is not found either.
  assert.equal((await c.science.get(`/accounts/${blog}/posts/${id}`)).status, 404);
  assert.equal((await c.science.get(`/accounts/${acct}/posts/999999/image`)).status, 404);
  // The account page lists it for its runners, and for nobody else.
  const page = await c.science.get(`/accounts/${acct}`);
  assert.ok(page.body.posts.some((p) => p.id === id && p.status === 'submitted'));
  assert.equal((await c.bursar.get(`/accounts/${acct}`)).body.posts.length, 0);
  const html = await c.deputy.page(link);
  assert.match(visibleText(html.text), /Nobody in the picture is on the do-not-publish list\s*\(no pupil on it, and no adult who has asked not to be filmed or photographed\): confirmed/);
  assert.match(visibleText(html.text), /Uploaded from a school device: confirmed/);
  assert.match(html.text, /<img class="post-image" src="\/accounts\/\d+\/posts\/\d+\/image" alt=/);
});

test('a senior leader answers with a reason; the author sees it and sends a new text; not their own post', async () => {
  const id = await posted(c.science, { text: 'Our trip to the Science Museum was brilliant!' });
  const link = `/accounts/${acct}/posts/${id}`;
  // Someone who is not a senior leader cannot answer.
  assert.equal((await c.teacher.post(`${link}/decision`, { decision: 'approve' })).status, 403);
  assert.equal((await c.moderator.post(`${link}/decision`, { decision: 'approve' })).status, 403);
  // A reason is needed to send it back or refuse it; nothing changes without it.
  for (const decision of ['changes', 'refuse']) {
    const was = state();
    const r = await c.deputy.post(`${link}/decision`, { decision });
    assert.equal(r.status, 400);
    assert.equal(r.body.field, 'reason');
    assert.deepEqual(state(), was);
  }
  const bad = await c.deputy.post(`${link}/decision`, { decision: 'maybe' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'decision');

  const back = await c.deputy.post(`${link}/decision`, { decision: 'changes', reason: 'Name the museum in full.' });
  assert.equal(back.status, 200, back.text);
  assert.equal(back.body.post.status, 'changes');
  assert.equal(unread('head@demo.school', link), 0, 'the others\' notifications are cleared once answered');
  assert.equal(unread('science@demo.school', link), 1, 'the author is told');
  assert.ok((await c.science.get('/')).body.tasks.some((t) => t.kind === 'post_changes' && t.link === link));
  assert.equal((await c.head.post(`${link}/decision`, { decision: 'approve' })).status, 409);
  const seen = await c.science.get(link);
  assert.equal(seen.body.post.status, 'changes');
  assert.equal(seen.body.post.reason, 'Name the museum in full.');
  assert.equal(seen.body.may_resubmit, true);
  assert.match(visibleText((await c.science.page(link)).text), /Changes asked for by Samir Patel, .*Name the museum in full\./);

  // Only the author sends a new text, and only after changes are asked for.
  assert.equal((await c.deputy.post(link, { text: 'x' })).status, 403);
  assert.equal((await c.teacher.post(link, { text: 'x' })).status, 404);
  const again = await c.science.post(link, { text: 'Our trip to the Science Museum in London was brilliant!', others_material: 'no', posted_as: 'Mr Okafor, Science' });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.body.post.status, 'submitted');
  assert.equal((await c.science.post(link, { text: 'again' })).status, 409);
  assert.equal(unread('head@demo.school', link), 1, 'the senior leaders are asked again');

  const ok = await c.head.post(`${link}/decision`, { decision: 'approve' });
  assert.equal(ok.status, 200, ok.text);
  const mine = await c.science.get(link);
  assert.equal(mine.body.post.status, 'approved');
  assert.equal(mine.body.post.text, 'Our trip to the Science Museum in London was brilliant!');
  assert.deepEqual(mine.body.steps.map((x) => x.action), ['submit', 'changes', 'resubmit', 'approve']);
  assert.match(visibleText((await c.science.page(link)).text), /Approved by Helen Ashworth/);
  assert.equal(n(`audit WHERE action = 'account.post_decide' AND object = '${link.slice(1)}'`), 2);

  // A senior leader who also runs the account asks someone else.
  sql(s.db, `INSERT INTO account_contributors(account_id, user_id, added_by, added_at) VALUES (${acct},
    (SELECT id FROM users WHERE email = 'deputy@demo.school'), 1, '2026-01-01T00:00:00Z')`);
  const own = await posted(c.deputy, { text: 'A reply to a parent about the trip.', kind: 'reply' });
  const was = state();
  const r = await c.deputy.post(`/accounts/${acct}/posts/${own}/decision`, { decision: 'approve' });
  assert.equal(r.status, 403);
  assert.deepEqual(state(), was);
  assert.equal(unread('deputy@demo.school', `/accounts/${acct}/posts/${own}`), 0);
  assert.equal((await c.head.post(`/accounts/${acct}/posts/${own}/decision`,
    { decision: 'refuse', reason: 'Phone the parent instead.' })).status, 200);
});

test('a picture asks each confirmation; every missing one is named at once and nothing is stored', async () => {
  const cases = [
    [{}, ['pupils_pictured', 'checked_list', 'school_device']],
    [{ pupils_pictured: 'yes' }, ['checked_list', 'no_names', 'school_device']],
    [{ pupils_pictured: 'yes', checked_list: 'yes', school_device: 'yes' }, ['no_names']],
    // The list holds adults too: it is checked with every picture.
    [{ pupils_pictured: 'no' }, ['checked_list', 'school_device']],
  ];
  for (const [fields, want] of cases) {
    const was = state();
    const r = await submit(c.science, { text: 'Sports day', ...fields }, { data: JPEG, name: 'day.jpg', type: 'image/jpeg' });
    assert.equal(r.status, 400, JSON.stringify(fields));
    assert.deepEqual(r.body.errors.map((e) => e.field).sort(), want.sort());
    assert.deepEqual(state(), was);
  }
  // The form comes back with each message by its field and the ticks kept.
  const page = await submit(c.science, { text: 'Sports day', pupils_pictured: 'yes', checked_list: 'yes' },
    { data: PNG }, acct, false);
  assert.equal(page.status, 400);
  assert.match(page.text, /id="e-no_names">Confirm that no pupil(&#39;|')s name is next to the photo\./);
  assert.match(page.text, /id="e-school_device">Confirm that you are uploading this from a school device/);
  assert.match(page.text, /id="f-checked_list" type="checkbox" name="checked_list" value="yes" checked/);
  assert.match(page.text, />&#10;Sports day<\/textarea>|>\nSports day<\/textarea>/);
  // No pupil pictured: the list (its adults) and the school device are asked, not the names.
  const id = await posted(c.science, { text: 'The new greenhouse', pupils_pictured: 'no', checked_list: 'yes', school_device: 'yes' },
    { data: JPEG, type: 'image/jpeg', name: 'greenhouse.jpg' });
  assert.equal(sql(s.db, `SELECT pupils_pictured || checked_list || no_names || school_device || type FROM account_post_images WHERE post_id = ${id}`), '0101image/jpeg');
  // Without a picture, nothing is asked.
  await posted(c.science, { text: 'Science club is on Thursday this week.' });
});

test('a picture that is not a PNG or JPEG is refused by its contents, and a large one by its size', async () => {
  const files = [
    { data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), name: 'photo.png', type: 'image/png' },
    { data: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;'), name: 'anim.gif', type: 'image/gif' },
    { data: Buffer.from('%PDF-1.4\n%%EOF\n'), name: 'letter.jpg', type: 'image/jpeg' },
    { data: Buffer.from('plain words'), name: 'notes.png', type: 'image/png' },
    { data: Buffer.alloc(0), name: 'empty.png', type: 'image/png' },
  ];
  for (const f of files) {
    const was = state();
    const r = await submit(c.science, { text: 'A picture', ...confirmed }, f);
    assert.equal(r.status, 415, `${f.name}: ${r.text}`);
    assert.equal(r.body.field, 'image');
    assert.match(r.body.error, /PNG or JPEG/);
    assert.deepEqual(state(), was, f.name);
  }
  const big = noisePng(1400, 1400); // 5.9 MB of pixels that do not compress
  const was = state();
  const r = await submit(c.science, { text: 'A big picture', ...confirmed }, { data: big });
  assert.equal(r.status, 413);
  assert.equal(r.body.field, 'image');
  assert.deepEqual(state(), was);
  // Two pictures are one too many.
  const fd = new FormData();
  for (const [k, v] of Object.entries({ kind: 'post', text: 'Two', ...confirmed })) fd.append(k, v);
  fd.append('image', new Blob([PNG]), 'a.png');
  fd.append('image', new Blob([PNG]), 'b.png');
  const two = await c.science.request('POST', `/accounts/${acct}/posts`, { multipart: fd });
  assert.equal(two.status, 400);
  assert.deepEqual(state(), was);
});

test('bad input is refused, naming the field, and changes nothing; only runners submit', async () => {
  const bad = [
    [{ text: '' }, 'text'],
    [{ text: 'x'.repeat(5001) }, 'text'],
    [{ text: 'Hello', kind: 'story' }, 'kind'],
    [{ text: 'Hello', where: 'w'.repeat(201) }, 'where'],
    [{ text: 'Hello', publish_at: 'next Tuesday' }, 'publish_at'],
    [{ text: 'Hello', publish_at: '2020-01-01T10:00' }, 'publish_at'],
    [{ text: 'Hello', school_device: 'maybe' }, 'school_device'],
  ];
  for (const [fields, field] of bad) {
    const was = state();
    const r = await submit(c.science, fields);
    assert.equal(r.status, 400, `${field}: ${r.text}`);
    assert.equal(r.body.field, field);
    assert.deepEqual(state(), was, field);
  }
  const was = state();
  assert.equal((await submit(c.teacher, { text: 'Mine now' })).status, 404, 'cannot see the account');
  assert.equal((await submit(c.bursar, { text: 'Mine now' })).status, 403, 'sees it but does not run it');
  assert.equal((await submit(c.ta, { text: 'Mine now' })).status, 404, 'runs another account');
  assert.equal((await c.teacher.get(`/accounts/${acct}/posts/new`)).status, 404);
  assert.deepEqual(state(), was);
  // The form has a label for each field.
  const form = await c.science.page(`/accounts/${acct}/posts/new`);
  assert.equal(form.status, 200);
  for (const f of ['text', 'where', 'publish_at', 'image', 'checked_list', 'no_names', 'school_device'])
    assert.match(form.text, new RegExp(`<label[^>]* for="f-${f}"`), f);
  assert.match(form.text, /enctype="multipart\/form-data"/);
});

test('the do-not-publish list: kept by the administrator or the DSL, read by runners and leaders only', async () => {
  for (const who of ['teacher', 'network']) assert.equal((await c[who].get('/accounts/do-not-publish')).status, 404, who);
  for (const who of ['science', 'ta', 'deputy', 'head', 'dsl', 'moderator', 'admin']) {
    const r = await c[who].get('/accounts/do-not-publish');
    assert.equal(r.status, 200, who);
    assert.equal(r.body.pupils.length, 3, who);
  }
  assert.equal((await c.science.get('/accounts/do-not-publish')).body.may_keep, false);
  // Only the administrator or the DSL changes it.
  for (const who of ['science', 'head', 'deputy', 'moderator'])
    assert.equal((await c[who].post('/accounts/do-not-publish', { pupil_name: 'Test Pupil', class_name: '4B' })).status, 403, who);
  let was = state();
  const missing = await c.admin.post('/accounts/do-not-publish', { class_name: '4B' });
  assert.equal(missing.status, 400);
  assert.equal(missing.body.field, 'pupil_name');
  assert.deepEqual(state(), was);
  const added = await c.admin.post('/accounts/do-not-publish', { pupil_name: 'Ellis Carter', class_name: '4B', note: 'Court order' });
  assert.equal(added.status, 201, added.text);
  const id = added.body.pupil.id;
  assert.ok((await c.science.get('/accounts/do-not-publish')).body.pupils.some((p) => p.pupil_name === 'Ellis Carter'));
  assert.equal(n(`audit WHERE action = 'account.do_not_publish_add' AND detail LIKE '%Ellis%'`), 0, 'the log names the entry, not the pupil');
  assert.equal((await c.admin.post(`/accounts/do-not-publish/${id}/remove`, {}, { csrf: false })).status, 403);
  assert.equal((await c.science.post(`/accounts/do-not-publish/${id}/remove`)).status, 403);
  const off = await c.dsl.post(`/accounts/do-not-publish/${id}/remove`);
  assert.equal(off.status, 200, off.text);
  was = state();
  assert.equal((await c.dsl.post(`/accounts/do-not-publish/${id}/remove`)).status, 409);
  assert.equal((await c.dsl.post('/accounts/do-not-publish/999999/remove')).status, 404);
  assert.deepEqual(state(), was);
  assert.ok(!(await c.head.get('/accounts/do-not-publish')).body.pupils.some((p) => p.id === id));
  const html = await c.dsl.page('/accounts/do-not-publish');
  assert.match(visibleText(html.text), /Zofia Nowak Year 6/);
  // An entry without a note says so.
  assert.match(html.text, /<th scope="row">Jayden Brooks<\/th><td>Year 8<\/td><td>None<\/td>/);
  assert.doesNotMatch(html.text, /<td>\s*<\/td>/);
  assert.match(html.text, /<label for="f-pupil_name">/);
});

test('a pupil taken off the list is shown, with who, when and until when it is kept, to those who keep the list only, until the review deletes it', async () => {
  const LIST = '/accounts/do-not-publish';
  const added = await c.dsl.post(LIST, { pupil_name: 'Robin Hale', class_name: '2C', note: 'Parent asked' });
  assert.equal(added.status, 201, added.text);
  const id = added.body.pupil.id;
  const offOf = async (who) => (await c[who].get(LIST)).body.taken_off.find((p) => p.id === id);
  assert.equal(await offOf('dsl'), undefined, 'on the list: not taken off');
  assert.equal((await c.dsl.post(`${LIST}/${id}/remove`)).status, 200);
  // Taken off at 00:30 on 1 July, UK time: kept 25 years from that UK date.
  sql(s.db, `UPDATE do_not_publish SET removed_at = '2026-06-30T23:30:00Z' WHERE id = ${id}`);
  const dslName = sql(s.db, "SELECT name FROM users WHERE email = 'dsl@demo.school'");
  // Those who keep the list see what is kept; the other readers only who is on it now.
  for (const who of ['science', 'ta', 'deputy', 'head', 'moderator']) {
    const r = await c[who].get(LIST);
    assert.equal(r.status, 200, who);
    assert.deepEqual(r.body.taken_off, [], who);
    assert.doesNotMatch((await c[who].page(LIST)).text, /Taken off the list|Robin Hale/, who);
  }
  for (const who of ['dsl', 'admin']) {
    const r = await c[who].get(LIST);
    assert.equal(r.status, 200, who);
    for (const key of ['pupils', 'may_keep', 'adults', 'taken_off', 'adults_taken_off']) assert.ok(key in r.body, `${who}: ${key}`);
    assert.ok(!r.body.pupils.some((p) => p.id === id), who);
    const off = r.body.taken_off.find((p) => p.id === id);
    assert.ok(off, who);
    assert.equal(off.pupil_name, 'Robin Hale');
    assert.equal(off.class_name, '2C');
    assert.equal(off.added_by, dslName);
    assert.equal(off.removed_by, dslName);
    assert.equal(off.removed_at, '2026-06-30T23:30:00Z');
    assert.equal(off.kept_until, '2051-07-01', who);
    assert.equal(off.listed, false);
    assert.equal(off.held, false);
  }
  const due = (await c.head.get('/admin/retention')).body.due;
  assert.ok(!due.some((d) => d.record_type === 'do_not_publish' && d.record_id === id), 'the review agrees: not yet due');
  const html = await c.dsl.page(LIST);
  assert.match(html.text, /<h2 id="h-taken-off">Taken off the list<\/h2>/);
  assert.match(html.text, /<caption>Pupils taken off the do-not-publish list, and until when each is kept<\/caption>/);
  assert.match(html.text, /<th scope="col">Kept until<\/th>/);
  assert.match(html.text, /<time datetime="2051-07-01">1 Jul 2051<\/time>/);
  assert.match(visibleText(html.text), new RegExp(`Robin Hale 2C Parent asked ${dslName}, .* ${dslName}, 1 Jul 2026, 00:30 1 Jul 2051`));
  // Whoever may not read the list sees nothing of it, in either view.
  for (const who of ['teacher', 'network']) {
    assert.equal((await c[who].get(LIST)).status, 404, who);
    const page = await c[who].page(LIST);
    assert.equal(page.status, 404, who);
    assert.doesNotMatch(page.text, /Robin Hale/);
  }
  // Its years past: the review lists it, the page says so; deleted there, it is gone.
  sql(s.db, `UPDATE do_not_publish SET removed_at = '2000-03-01T10:00:00Z' WHERE id = ${id}`);
  const aged = await offOf('dsl');
  assert.equal(aged.kept_until, '2025-03-01');
  assert.equal(aged.listed, true);
  assert.match(visibleText((await c.dsl.page(LIST)).text), /1 Mar 2025\s*; listed for the retention review now/);
  const gone = await c.head.post('/admin/retention/delete', { record_type: 'do_not_publish', record_id: String(id), reason: 'Retention period over' });
  assert.equal(gone.status, 200, gone.text);
  assert.equal(await offOf('dsl'), undefined);
  assert.doesNotMatch((await c.dsl.page(LIST)).text, /Robin Hale/);
});

test('the demo school: a post waiting, one approved, one sent back for changes', async () => {
  const posts = (await c.science.get(`/accounts/${acct}`)).body.posts;
  assert.ok(posts.some((p) => p.status === 'submitted' && p.with_image));
  assert.ok(posts.some((p) => p.status === 'approved'));
  const back = (await c.ta.get(`/accounts/${blog}`)).body.posts;
  assert.ok(back.some((p) => p.status === 'changes' && p.kind === 'reply'));
  const html = await c.science.page(`/accounts/${acct}`);
  assert.match(visibleText(html.text), /Posts for sign-off/);
  assert.match(html.text, /href="\/accounts\/\d+\/posts\/new"/);
});

test('nothing more goes out on a closed account', async () => {
  const id = await posted(c.ta, { text: 'Our class assembly is on Friday.' }, null, blog);
  sql(s.db, `UPDATE social_accounts SET status = 'closed' WHERE id = ${blog}`);
  try {
    const was = state();
    const r = await c.deputy.post(`/accounts/${blog}/posts/${id}/decision`, { decision: 'approve' });
    assert.equal(r.status, 409);
    assert.equal((await submit(c.ta, { text: 'One more' }, null, blog)).status, 409);
    assert.deepEqual(state(), was);
    assert.equal((await c.ta.get(`/accounts/${blog}/posts/${id}`)).body.may_decide, false);
  } finally {
    sql(s.db, `UPDATE social_accounts SET status = 'active' WHERE id = ${blog}`);
  }
});

test('closing an account leaves no sign-off or changes task for its posts', async () => {
  const t = await startServer();
  try {
    const lead = await t.login('science@demo.school');
    const deputy = await t.login('deputy@demo.school');
    const waiting = (await lead.post('/accounts/1/posts', { text: 'Science week starts Monday!', kind: 'post', others_material: 'no', posted_as: 'Mr Okafor, Science' })).body.post.id;
    const back = (await lead.post('/accounts/1/posts', { text: 'Our new telescope', kind: 'post', others_material: 'no', posted_as: 'Mr Okafor, Science' })).body.post.id;
    let r = await deputy.post(`/accounts/1/posts/${back}/decision`, { decision: 'changes', reason: 'Name the donor.' });
    assert.equal(r.status, 200, r.text);
    const linked = async (c, kind) => (await c.get('/')).body.tasks.filter((k) => k.kind === kind).map((k) => k.link);
    assert.ok((await linked(deputy, 'post_signoff')).includes(`/accounts/1/posts/${waiting}`));
    assert.ok((await linked(lead, 'post_changes')).includes(`/accounts/1/posts/${back}`));
    const mod = await t.login('moderator@demo.school');
    assert.equal((await mod.post('/accounts/1/close', CLOSE_TICKED)).status, 200);
    assert.equal((await deputy.post(`/accounts/1/posts/${waiting}/decision`, { decision: 'approve' })).status, 409);
    const ofAccount = (links) => links.filter((l) => l.startsWith('/accounts/1/'));
    assert.deepEqual(ofAccount(await linked(deputy, 'post_signoff')), []);
    assert.deepEqual(ofAccount(await linked(lead, 'post_changes')), []);
  } finally { await t.stop(); }
});

// A post sent back for changes whose author then leaves is not stuck: the account's new lead
// takes it over, sends it again and is answered; nobody else may.
test("a post whose author has left is taken over by the account's new lead", async () => {
  const id = await posted(c.science, { text: 'Science week starts on Monday.', where: 'X' });
  const link = `/accounts/${acct}/posts/${id}`;
  let r = await c.head.post(`${link}/decision`, { decision: 'changes', reason: 'Say which Monday.' });
  assert.equal(r.status, 200, r.text);
  r = await c.admin.post(`/admin/staff/${uid(s.db, 'science@demo.school')}/deactivate`, { left_on: '' });
  assert.equal(r.status, 200, r.text);
  const again = { text: 'Science week starts on Monday 8 June.', where: 'X', others_material: 'no', posted_as: 'Mr Okafor, Science' };
  // Before the handover nobody may send it again.
  assert.equal((await c.ta.post(link, again)).status, 404);
  qualify(s.db, 'ta@demo.school');
  r = await c.moderator.post(`/accounts/${acct}/transfer`, { lead: 'ta@demo.school' });
  assert.equal(r.status, 200, r.text);
  const ta = await s.login('ta@demo.school');
  const page = await ta.get(link);
  assert.equal(page.body.may_resubmit, true);
  assert.equal(page.body.taking_over, true);
  assert.match(visibleText((await ta.page(link)).text), /Its author has left the school: as the account's lead you take the post over/);
  assert.equal((await c.teacher.post(link, again)).status, 404);
  r = await ta.post(link, again);
  assert.equal(r.status, 200, r.text);
  assert.equal(sql(s.db, `SELECT author_id FROM account_posts WHERE id = ${id}`), String(uid(s.db, 'ta@demo.school')));
  r = await c.head.post(`${link}/decision`, { decision: 'approve' });
  assert.equal(r.status, 200, r.text);
  assert.equal(unread('ta@demo.school', link), 1, 'the answer goes to the lead who sent it');
});
