// The demo school's code of conduct is signed again every September (slyne:
// "reviewed on an annual basis", its staff agreement signed with it).  Someone
// due to sign it again may decline it with a reason, or sign it again on
// paper, which "counts as any other"; each year's signing is theirs to see,
// and a reminder to sign is dealt with once nothing is left to sign.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, visibleText } from './lib.mjs';

let s;
before(async () => { s = await startServer(); });
after(async () => { await s.stop(); });

const count = (table, where = '1') => Number(sql(s.db, `SELECT count(*) FROM ${table} WHERE ${where}`));
const code = async (c) => (await c.get('/aup/compliance')).body.policies.find((p) => p.title === 'Staff code of conduct');
const userId = (email) => Number(sql(s.db, `SELECT id FROM users WHERE email = '${email}'`));
const dayBefore = (date) => new Date(Date.parse(`${date}T12:00:00Z`) - 86400000).toISOString().slice(0, 10);
// Unread notifications of one person linking to link.
const unread = (email, link) => count('notifications', `user_id = ${userId(email)} AND link = '${link}' AND read_at IS NULL`);

test('someone due to sign again may decline, and the decline counts as any other', async () => {
  const head = await s.login('head@demo.school');
  const before = await code(head);
  const raj = await s.login('network@demo.school');
  const page = await raj.get(`/aup/${before.version_id}`);
  assert.equal(page.body.renewal_due, true);
  assert.equal(page.body.can_sign, true);
  assert.equal(page.body.can_decline, true);
  const blank = await raj.post('/aup/decline', { version_id: before.version_id, reason: ' ' });
  assert.equal(blank.status, 400);
  const r = await raj.post('/aup/decline', { version_id: before.version_id,
    reason: 'The new section on personal devices does not fit my on-call work.' });
  assert.equal(r.status, 201, r.text);
  const after = await code(head);
  assert.equal(after.declined_count, before.declined_count + 1);
  const row = after.renewal_outstanding.find((o) => o.email === 'network@demo.school');
  assert.match(row.decline_reason, /on-call work/);
  assert.ok(row.declined_at >= `${after.renew_date}`);
  assert.equal(after.renewal_outstanding.find((o) => o.email === 'bursar@demo.school').declined_at, null);
  assert.match(visibleText((await head.page('/aup/compliance')).text), /Raj Singh Declined on .*on-call work/);
  const gov = await s.login('governor@demo.school');
  assert.equal((await code(gov)).declined_count, after.declined_count, 'governors see the count');
  const again = await raj.post('/aup/decline', { version_id: before.version_id, reason: 'Still no.' });
  assert.equal(again.status, 409);
  assert.equal(again.body.error, 'You have already said that you do not agree to this version.');
  const shown = await raj.get(`/aup/${before.version_id}`);
  assert.equal(shown.body.can_decline, false);
  assert.equal(shown.body.decline_stands, true);
  assert.match(visibleText((await raj.page(`/aup/${before.version_id}`)).text), /You said you do not agree/);
  // A decline from before the first signature is last time's answer, not this year's.
  const linda = userId('bursar@demo.school');
  sql(s.db, `INSERT INTO policy_declines(version_id, user_id, reason, declined_at)
    VALUES (${before.version_id}, ${linda}, 'Not yet.', '2020-01-01T09:00:00Z')`);
  const bursar = await s.login('bursar@demo.school');
  const hers = await bursar.get(`/aup/${before.version_id}`);
  assert.equal(hers.body.can_decline, true);
  assert.equal(hers.body.declined, null);
  assert.equal((await code(head)).declined_count, after.declined_count);
});

test('a signing again on paper: dated by the paper, refused when the paper is last year\'s', async () => {
  const bursar = await s.login('bursar@demo.school');
  const c = await code(bursar);
  const vid = c.version_id;
  const raj = userId('network@demo.school');
  const rows = () => [count('signatures', `version_id = ${vid}`), count('policy_acknowledgements', `version_id = ${vid}`),
    count('paper_acknowledgements'), count('audit', "action = 'aup.sign_paper'")];
  const was = rows();
  const old = await bursar.post('/aup/compliance/paper', { email: 'network@demo.school', version_id: vid,
    paper_date: dayBefore(c.renew_date) });
  assert.equal(old.status, 400, old.text);
  assert.equal(old.body.field, 'paper_date');
  assert.match(old.body.error, /before this year's renewal date, 1 Sep \d{4}, so it does not count as this year's/);
  const future = await bursar.post('/aup/compliance/paper', { email: 'network@demo.school', version_id: vid,
    paper_date: '2999-01-01' });
  assert.equal(future.status, 400);
  assert.deepEqual(rows(), was, 'nothing written');

  const r = await bursar.post('/aup/compliance/paper', { email: 'network@demo.school', version_id: vid,
    paper_date: c.renew_date });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.signature.again, true);
  assert.deepEqual(rows(), [was[0], was[1] + 1, was[2] + 1, was[3] + 1]);
  const ack = sql(s.db, `SELECT a.address || ' ' || pa.paper_date || ' ' || u.email FROM policy_acknowledgements a
    JOIN paper_acknowledgements pa ON pa.acknowledgement_id = a.id JOIN users u ON u.id = pa.recorded_by
    WHERE a.user_id = ${raj} ORDER BY a.id DESC LIMIT 1`);
  assert.equal(ack, `paper ${c.renew_date} bursar@demo.school`);
  const after = await code(bursar);
  assert.equal(after.signed, c.signed + 1);
  assert.equal(after.renewal_count, c.renewal_count - 1);
  assert.ok(!after.renewal_outstanding.some((o) => o.email === 'network@demo.school'));
  assert.equal(after.declined_count, c.declined_count - 1, 'his decline is answered by signing');
  const paper = after.paper_signatures.find((p) => p.email === 'network@demo.school');
  assert.equal(paper.again, true);
  assert.equal(paper.paper_date, c.renew_date);
  assert.match(visibleText((await bursar.page('/aup/compliance')).text), /Signed again for the year on paper on 1 Sep/);

  const twice = await bursar.post('/aup/compliance/paper', { email: 'network@demo.school', version_id: vid,
    paper_date: c.renew_date });
  assert.equal(twice.status, 409);
  assert.equal(twice.body.error, 'This person has already signed this version this year.');
  assert.deepEqual(rows(), [was[0], was[1] + 1, was[2] + 1, was[3] + 1]);

  // He is no longer asked; his own record shows the paper.
  const him = await s.login('network@demo.school');
  const mine = await him.get(`/aup/${vid}`);
  assert.equal(mine.body.renewal_due, false);
  assert.equal(mine.body.can_sign, false);
  assert.ok(!(await him.get('/')).body.tasks.some((t) => t.link === `/aup/${vid}`));
  const record = await him.get(`/aup/${vid}/record`);
  assert.equal(record.body.signed_again[0].paper_date, c.renew_date);
  assert.equal(record.body.signed_again[0].recorded_by, 'Linda Morris');
  assert.match(visibleText((await him.page(`/aup/${vid}/record`)).text),
    /Signed again for the year Signed on paper on 1 Sep \d{4} ?, recorded by Linda Morris/);
});

test('"Last signed" on the list to sign again is the latest signing, not the first signature', async () => {
  const head = await s.login('head@demo.school');
  const c = await code(head);
  const first = c.renewal_outstanding.find((o) => o.email === 'bursar@demo.school').signed_at;
  // She signed again last year, before this year's renewal date.
  const last = `${dayBefore(c.renew_date)}T08:00:00Z`;
  assert.ok(first < last);
  sql(s.db, `INSERT INTO policy_acknowledgements(version_id, user_id, typed_name, acknowledged_at,
    address, user_agent, body_sha256) SELECT ${c.version_id}, ${userId('bursar@demo.school')}, 'Linda Morris',
    '${last}', '192.0.2.7', 'test', sha256 FROM policy_versions WHERE id = ${c.version_id}`);
  const row = (await code(head)).renewal_outstanding.find((o) => o.email === 'bursar@demo.school');
  assert.equal(row.signed_at, last);
});

test('signing again online: the reply, the record and the history show it; the reminder is dealt with', async () => {
  const head = await s.login('head@demo.school');
  const c = await code(head);
  const remind = await head.post('/aup/compliance/remind');
  assert.equal(remind.status, 200, remind.text);
  assert.ok(unread('bursar@demo.school', '/aup') > 0);
  const bursar = await s.login('bursar@demo.school');
  const r = await bursar.post('/aup/sign', { version_id: c.version_id, typed_name: 'Linda Morris', agree: 'yes' });
  assert.equal(r.status, 201, r.text);
  assert.equal(unread('bursar@demo.school', '/aup'), 0, 'nothing is left for her to sign');
  assert.ok(!(await bursar.get('/')).body.tasks.some((t) => t.link === '/aup'));
  // Someone with an agreement still to sign keeps the reminder.
  assert.ok(unread('network@demo.school', '/aup') > 0);
  assert.ok(r.body.signed_again.acknowledged_at >= c.renew_date);
  assert.ok(r.body.signature.signed_at < c.renew_date, 'the first signature is kept as it was');

  const record = await bursar.get(`/aup/${c.version_id}/record`);
  assert.deepEqual(record.body.signed_again.map((a) => a.acknowledged_at),
    [r.body.signed_again.acknowledged_at, `${dayBefore(c.renew_date)}T08:00:00Z`], 'this year\'s, then last year\'s');
  assert.equal(record.body.signed_again[0].typed_name, 'Linda Morris');
  assert.equal(record.body.signed_again[0].paper, false);
  assert.match(visibleText((await bursar.page(`/aup/${c.version_id}/record`)).text), /Signed again for the year/);
  const history = (await bursar.get('/aup/history')).body.signatures.filter((h) => h.version_id === c.version_id);
  assert.deepEqual(history.map((h) => h.again), [true, true, false], 'this year, last year, the first');
  assert.equal(history[0].signed_at, r.body.signed_again.acknowledged_at);
  assert.match(visibleText((await bursar.page('/aup/history')).text), /\(signed again for the year\)/);
});

test('the record says "not known" for a network address or browser not kept, not an empty gap', async () => {
  // The demo school's signatures and signings again were kept without an address.
  const [vid, email] = sql(s.db, `SELECT a.version_id, u.email FROM policy_acknowledgements a
    JOIN users u ON u.id = a.user_id JOIN signatures g ON g.version_id = a.version_id AND g.user_id = a.user_id
    WHERE a.address = '' AND g.address = '' ORDER BY a.id LIMIT 1`).split('|');
  const c = await s.login(email);
  const text = visibleText((await c.page(`/aup/${vid}/record`)).text);
  assert.match(text, /Network address not known Browser/);
  assert.match(text, /name typed [^,]+, from an address not known, demo; SHA-256/);
  assert.doesNotMatch(text, /from ,|Network address Browser/);
});
