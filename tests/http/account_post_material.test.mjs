// Someone else's material in a post sent for sign-off (ravens-wood §6 and
// §10; slyne's agreement): the author says whether the post shares material
// someone else made and, when it does, confirms the copyright holder's
// permission and names whom the post credits; the senior leader reads it
// beside the text.  A missing answer is refused and changes nothing; only the
// account's runners and senior leaders see it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, visibleText } from './lib.mjs';

let s, acct;
const c = {};
before(async () => {
  s = await startServer();
  for (const who of ['science', 'deputy', 'head', 'teacher', 'ta', 'bursar'])
    c[who] = await s.login(`${who}@demo.school`);
  acct = Number(sql(s.db, "SELECT id FROM social_accounts WHERE name = '@HillsideScience'"));
});
after(async () => { await s.stop(); });

const n = (q) => Number(sql(s.db, `SELECT count(*) FROM ${q}`));
const state = () => ({ posts: n('account_posts'), material: sql(s.db,
  "SELECT group_concat(post_id || ':' || others_material || ':' || permission || ':' || credit, '|') FROM account_post_material"),
steps: n('account_post_steps'), notes: n('notifications'), audit: n("audit WHERE action != 'access.refused'") });

function submit(client, fields, json = true) {
  const fd = new FormData();
  for (const [k, v] of Object.entries({ kind: 'post', text: 'Our Year 9 poster display.', posted_as: 'Mr Okafor, Science', ...fields }))
    fd.append(k, v);
  return client.request('POST', `/accounts/${acct}/posts`, { multipart: fd, json });
}

const CREDIT = 'The solar system poster, by Northgate Science Centre';

test("a post that shares someone else's material carries the permission and the credit to the senior leader", async () => {
  const r = await submit(c.science, { others_material: 'yes', posted_as: 'Mr Okafor, Science', permission: 'yes', credit: CREDIT });
  assert.equal(r.status, 201, r.text);
  const id = r.body.post.id;
  const link = `/accounts/${acct}/posts/${id}`;
  assert.equal(sql(s.db, `SELECT others_material || ':' || permission || ':' || credit FROM account_post_material WHERE post_id = ${id}`),
    `1:1:${CREDIT}`);
  const seen = (await c.deputy.get(link)).body.post;
  assert.equal(seen.asked_material, true);
  assert.equal(seen.others_material, true);
  assert.equal(seen.permission, true);
  assert.equal(seen.credit, CREDIT);
  const page = visibleText((await c.deputy.page(link)).text);
  assert.match(page, /Someone else's material Shared, made by The solar system poster, by Northgate Science Centre; the author confirmed that whoever holds the copyright gave permission/);
  assert.match(sql(s.db, `SELECT detail FROM audit WHERE action = 'account.post_submit' AND object = '${link.slice(1)}'`),
    /others_material=yes/);

  // A post of the school's own says so; the credit sent with "No" is not kept.
  const own = await submit(c.science, { text: 'Our own photo of the display.', others_material: 'no', posted_as: 'Mr Okafor, Science', credit: 'ignored' });
  assert.equal(own.status, 201, own.text);
  const ownLink = `/accounts/${acct}/posts/${own.body.post.id}`;
  assert.equal(sql(s.db, `SELECT others_material || ':' || permission || ':' || credit FROM account_post_material WHERE post_id = ${own.body.post.id}`), '0:0:');
  assert.match(visibleText((await c.head.page(ownLink)).text), /Someone else's material None: the author says it is all the school's own/);

  // The form asks the question in the page's words.
  const form = visibleText((await c.science.page(`/accounts/${acct}/posts/new`)).text);
  assert.match(form, /Does the post share someone else's material\?/);
  assert.match(form, /Whoever holds the copyright has given permission to share it/);
  assert.match(form, /Who made it, as the post credits them/);
});

test('no answer, no permission or no credit is refused, in the words of the form, and nothing is stored', async () => {
  let was = state();
  let r = await submit(c.science, { text: 'A poster we found online.' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'others_material');
  assert.equal(r.body.error, "Say whether the post shares someone else's material.");
  assert.deepEqual(state(), was);

  r = await submit(c.science, { text: 'A poster we found online.', others_material: 'yes', posted_as: 'Mr Okafor, Science' });
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.errors.map((e) => e.field), ['permission', 'credit']);
  assert.match(r.body.errors[0].error, /^Confirm that whoever holds the copyright has given permission to share it/);
  assert.match(r.body.errors[1].error, /^Say who made it, as the post credits them/);
  assert.deepEqual(state(), was);

  // A credit of only spaces is no credit.
  r = await submit(c.science, { text: 'A poster we found online.', others_material: 'yes', posted_as: 'Mr Okafor, Science', permission: 'yes', credit: '   ' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'credit');
  assert.deepEqual(state(), was);

  // Not yes or no.
  r = await submit(c.science, { text: 'A poster we found online.', others_material: 'maybe' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'others_material');
  assert.deepEqual(state(), was);

  // A browser is shown the form again with the problems beside their fields.
  r = await submit(c.science, { text: 'A poster we found online.', others_material: 'yes', posted_as: 'Mr Okafor, Science', credit: 'Someone' }, false);
  assert.equal(r.status, 400);
  assert.match(r.text, /<p class="field-error" id="e-permission">Confirm that whoever holds the copyright/);
  assert.match(r.text, /id="f-others_material-yes"[^>]* checked/);
  assert.match(r.text, /value="Someone"/);
  assert.deepEqual(state(), was);
});

test('a new text after changes are asked for is asked again; the answer replaces the earlier one', async () => {
  const r = await submit(c.science, { text: 'Look at this video of the eclipse.', others_material: 'no', posted_as: 'Mr Okafor, Science' });
  assert.equal(r.status, 201, r.text);
  const id = r.body.post.id;
  const link = `/accounts/${acct}/posts/${id}`;
  const back = await c.deputy.post(`${link}/decision`, { decision: 'changes', reason: 'Whose video is it?' });
  assert.equal(back.status, 200, back.text);

  const was = state();
  let again = await c.science.post(link, { text: 'The eclipse, filmed by a parent.', others_material: 'yes', posted_as: 'Mr Okafor, Science', permission: 'yes' });
  assert.equal(again.status, 400);
  assert.equal(again.body.field, 'credit');
  assert.deepEqual(state(), was);
  assert.equal(sql(s.db, `SELECT status FROM account_posts WHERE id = ${id}`), 'changes');
  again = await c.science.post(link, { text: 'The eclipse, filmed by a parent.', posted_as: 'Mr Okafor, Science' });
  assert.equal(again.status, 400);
  assert.equal(again.body.field, 'others_material');
  assert.deepEqual(state(), was);

  again = await c.science.post(link, { text: 'The eclipse, filmed by a parent.', others_material: 'yes', posted_as: 'Mr Okafor, Science', permission: 'yes',
    credit: 'Video by Sam Lee, with his permission' });
  assert.equal(again.status, 200, again.text);
  assert.equal(sql(s.db, `SELECT others_material || ':' || permission || ':' || credit FROM account_post_material WHERE post_id = ${id}`),
    '1:1:Video by Sam Lee, with his permission');
  assert.equal((await c.head.get(link)).body.post.credit, 'Video by Sam Lee, with his permission');
});

test("only the account's runners and senior leaders read the answer", async () => {
  const r = await submit(c.science, { text: 'A drawing for our display.', others_material: 'yes', posted_as: 'Mr Okafor, Science', permission: 'yes',
    credit: 'A drawing by a Year 7 pupil' });
  assert.equal(r.status, 201, r.text);
  const link = `/accounts/${acct}/posts/${r.body.post.id}`;
  for (const who of ['teacher', 'ta', 'bursar']) {
    const j = await c[who].get(link);
    assert.equal(j.status, 404, who);
    assert.doesNotMatch(j.text, /Year 7 pupil/);
    const h = await c[who].page(link);
    assert.equal(h.status, 404, who);
    assert.doesNotMatch(h.text, /Year 7 pupil/);
  }
  // Someone who does not run the account cannot send a post to it either.
  const was = state();
  const t = await submit(c.teacher, { others_material: 'yes', posted_as: 'Mr Okafor, Science', permission: 'yes', credit: 'x' });
  assert.equal(t.status, 404);
  assert.deepEqual(state(), was);
});
