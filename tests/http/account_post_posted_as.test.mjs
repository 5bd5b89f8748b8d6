// Who is posting (ravens-wood §5: "Users must declare who they are in social
// media posts or accounts"; §10: "Make it clear who is posting content"):
// each post sent for sign-off, and each new text, says how it makes clear
// who is posting it; the senior leader reads it beside the text.  Left out,
// nothing is sent; only the account's runners and senior leaders see it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, visibleText } from './lib.mjs';

let s, acct;
const c = {};
before(async () => {
  s = await startServer();
  for (const who of ['science', 'deputy', 'teacher', 'bursar']) c[who] = await s.login(`${who}@demo.school`);
  acct = Number(sql(s.db, "SELECT id FROM social_accounts WHERE name = '@HillsideScience'"));
});
after(async () => { await s.stop(); });

const n = (q) => Number(sql(s.db, `SELECT count(*) FROM ${q}`));
const state = () => ({ posts: n('account_posts'), posted: sql(s.db,
  "SELECT group_concat(post_id || ':' || posted_as, '|') FROM account_post_posted_as"), steps: n('account_post_steps'),
notes: n('notifications'), audit: n("audit WHERE action != 'access.refused'") });
const send = (client, fields, json = true) => client.request('POST', `/accounts/${acct}/posts`,
  { form: { kind: 'post', others_material: 'no', ...fields }, json });
const postedAs = (id) => sql(s.db, `SELECT posted_as FROM account_post_posted_as WHERE post_id = ${id}`);

test('a post says who is posting it; the senior leader reads it, and a new text may change it', async () => {
  const r = await send(c.science, { text: 'Year 10 won the regional quiz!', posted_as: 'Mr Okafor, Head of Science' });
  assert.equal(r.status, 201, r.text);
  const id = r.body.post.id, link = `/accounts/${acct}/posts/${id}`;
  assert.equal(postedAs(id), 'Mr Okafor, Head of Science');
  assert.equal((await c.deputy.get(link)).body.post.posted_as, 'Mr Okafor, Head of Science');
  assert.match(visibleText((await c.deputy.page(link)).text), /Who it says is posting Mr Okafor, Head of Science/);
  assert.match(visibleText((await c.science.page(`/accounts/${acct}/posts/new`)).text), /How the post says who is posting it/);

  assert.equal((await c.deputy.post(`${link}/decision`, { decision: 'changes', reason: 'Sign it as the department.' })).status, 200);
  const form = (await c.science.page(link)).text;
  assert.match(form, /<input id="f-posted_as" name="posted_as"[^>]*value="Mr Okafor, Head of Science"/, 'the form starts from it');
  const again = await c.science.post(link, { text: 'Year 10 won the regional quiz!', posted_as: 'The Science department',
    others_material: 'no' });
  assert.equal(again.status, 200, again.text);
  assert.equal(postedAs(id), 'The Science department');
});

test('a post that does not say who is posting it is refused in the form\'s words and nothing is stored', async () => {
  const was = state();
  for (const posted_as of [undefined, '   ']) {
    const fields = { text: 'An unsigned post.' };
    if (posted_as !== undefined) fields.posted_as = posted_as;
    const r = await send(c.science, fields);
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.field, 'posted_as');
    assert.match(r.body.error, /^Say how the post makes clear who is posting it/);
  }
  const long = await send(c.science, { text: 'An unsigned post.', posted_as: 'x'.repeat(201) });
  assert.equal(long.status, 400);
  assert.equal(long.body.field, 'posted_as');
  const html = await send(c.science, { text: 'An unsigned post.' }, false);
  assert.equal(html.status, 400);
  assert.match(html.text, /<p class="field-error" id="e-posted_as">Say how the post makes clear who is posting it/);
  assert.match(html.text, /<input id="f-posted_as"[^>]*aria-invalid="true"/);
  assert.deepEqual(state(), was);
});

test("only the account's runners and senior leaders read who a post says is posting it", async () => {
  const r = await send(c.science, { text: 'Science club restarts on Tuesday.', posted_as: 'SIGNED-AS-77' });
  assert.equal(r.status, 201, r.text);
  const link = `/accounts/${acct}/posts/${r.body.post.id}`;
  for (const who of ['teacher', 'bursar']) {
    for (const got of [await c[who].get(link), await c[who].page(link)]) {
      assert.equal(got.status, 404, who);
      assert.doesNotMatch(got.text, /SIGNED-AS-77/);
    }
  }
  const was = state();
  assert.equal((await send(c.teacher, { text: 'Not mine to send.', posted_as: 'Someone' })).status, 404);
  assert.deepEqual(state(), was);
});
