// The steps the policies ask for on five kinds of concern, shown on the case
// as "What the policy asks" and recorded with action=step: heatons 8.5
// (cyberbullying of staff reported to the police); 8.3 (cyberbullying of a
// pupil outside the school day told to the parents); 8.7 and 8.8 (a parent or
// carer who posted invited in, asked to remove it, the site told if they
// refuse), 8.9 (the police considered for threatening, abusive, sexist or
// sexual material or a hate crime) and wynstones (comments that could bring
// the school into disrepute referred to legal experts); 9.1 (sexting reported
// to parents and the Safeguarding Unit; UKCIS 2024: parents told unless that
// would put the child at risk); braunstone with slyne 5 (a pupil who tries to
// contact staff told firmly and politely that it is not acceptable).  A case
// with a step still to record does not close.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, visibleText } from './lib.mjs';
import { file, counts, event } from './concern_helpers.mjs';

let s;
const c = {};
before(async () => {
  s = await startServer();
  for (const who of ['head', 'dsl', 'teacher', 'network', 'science', 'ta', 'supply', 'volunteer']) c[who] = await s.login(`${who}@demo.school`);
});
after(async () => { await s.stop(); });

const state = () => ({ ...counts(s.db),
  audit: Number(sql(s.db, "SELECT count(*) FROM audit WHERE action != 'access.refused' AND action != 'concern.view'")),
  steps: Number(sql(s.db, "SELECT count(*) FROM concern_events WHERE action = 'step'")),
  closed: Number(sql(s.db, "SELECT count(*) FROM concerns WHERE status = 'closed'")) });

const caseJson = async (who, id) => (await who.get(`/concerns/${id}`)).body.concern;
const stepOf = async (who, id, step) => (await caseJson(who, id)).steps.find((x) => x.step === step);
const close = (who, id) => event(who, id, { action: 'close', outcome: 'Dealt with.', outcome_category: 'other' });

let filed = 0;
async function open(category, fields = {}) {
  filed += 1;
  // reporters in turn: one person may send only so many reports in ten minutes
  const reporter = c[['teacher', 'science', 'ta', 'supply', 'volunteer'][filed % 5]];
  const x = await file(reporter, { category, summary: `A ${category} concern, number ${filed}`, ...fields });
  const handler = category === 'sexting' ? c.dsl : c.head;
  assert.equal((await event(handler, x.id, { action: 'acknowledge' })).status, 200);
  return x.id;
}

test('each of the five categories shows its steps, still to record; other categories none', async () => {
  const want = {
    cyberbullying_staff: ['police'],
    parent_post: ['meeting', 'removal', 'platform', 'police_consider', 'legal'],
    sexting: ['parents', 'safeguarding_unit'],
    cyberbullying_pupil: ['pupil_parents'],
    other: [],
    pupil_contact: ['pupil_told'],
  };
  for (const [category, codes] of Object.entries(want)) {
    const id = await open(category);
    const who = category === 'sexting' ? c.dsl : c.head;
    const j = await caseJson(who, id);
    assert.deepEqual(j.steps.map((x) => x.step), codes, category);
    for (const st of j.steps) {
      assert.ok(st.label && /^(heatons |braunstone; |wynstones$)/.test(st.cite), `${category} ${st.step}`);
      assert.equal(st.recorded, false);
      assert.equal(st.state, st.step === 'platform' ? 'not_needed' : 'to_record');
    }
    const html = visibleText((await who.page(`/concerns/${id}`)).text);
    assert.equal(html.includes('What the policy asks'), codes.length > 0, category);
  }
  const j = await caseJson(c.head, await open('cyberbullying_staff'));
  assert.equal(j.steps[0].cite, 'heatons 8.5');
  assert.equal(j.steps[0].label, 'Report it to the police');
  assert.equal(j.steps[0].cite_words, 'Heatons Cluster social media policy, section 8.5');
  const sx = await caseJson(c.dsl, await open('sexting'));
  assert.match(sx.steps[0].cite, /heatons 9\.1; UKCIS 2024/);
  assert.equal(sx.steps[0].cite_words,
    'Heatons Cluster social media policy, section 9.1; UKCIS advice on sharing nudes and semi-nudes (2024)');
});

test('the case page shows a labelled form per step, without JavaScript', async () => {
  const id = await open('parent_post');
  const html = (await c.head.page(`/concerns/${id}`)).text;
  assert.match(html, /<h2 id="h-steps">What the policy asks<\/h2>/);
  // Each step names the policy and its section in words, not the key of docs/SOURCES.md.
  assert.match(html, /<h3 id="h-step-meeting">Invite the parent or carer into school to meet a member of the Senior Leadership Team <span class="muted">\(Heatons Cluster social media policy, section 8\.7\)<\/span><\/h3>/);
  assert.match(html, /<h3 id="h-step-platform">[^<]+<span class="muted">\(Heatons Cluster social media policy, section 8\.8\)<\/span><\/h3>/);
  assert.doesNotMatch(visibleText(html), /heatons \d/);
  assert.match(html, /<h3 id="h-step-police_consider">Consider contacting the police if the material is threatening, abusive, sexist, sexual or a hate crime <span class="muted">\(Heatons Cluster social media policy, section 8\.9\)<\/span><\/h3>/);
  assert.match(html, /<h3 id="h-step-legal">Refer it to legal advisers if it could bring the school into disrepute <span class="muted">\(Wynstones social media policy, Comments posted by parents\/carers\)<\/span><\/h3>/);
  for (const step of ['meeting', 'removal', 'platform', 'police_consider', 'legal']) {
    assert.match(html, new RegExp(`<input type="hidden" name="step" value="${step}">`));
    assert.match(html, new RegExp(`<label for="f-${step}-text">Details, or the reason it was not done`));
    assert.match(html, new RegExp(`<textarea id="f-${step}-text" name="text"`));
  }
  assert.match(html, /value="refused"> Asked, and they refused to remove it<\/label>/);
  assert.equal((html.match(/value="refused"/g) || []).length, 1, 'only the removal step may be refused');
});

test('recording each step: done, refused, not done with the reason; who and when, in UK time', async () => {
  const staff = await open('cyberbullying_staff');
  const before = state();
  let r = await event(c.head, staff, { action: 'step', step: 'police', outcome: 'done',
    text: 'The member of staff reported it to the police themselves.', reference: 'CR/1234/26',
    done_by: 'Ms Jones (the member of staff)', done_at: '2026-07-01T14:30' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.action, 'step');
  let st = await stepOf(c.head, staff, 'police');
  assert.equal(st.state, 'done');
  assert.equal(st.state_label, 'Done');
  assert.equal(st.reference, 'CR/1234/26');
  assert.equal(st.done_by, 'Ms Jones (the member of staff)');
  assert.equal(st.done_at, '2026-07-01T13:30:00Z'); // BST
  assert.match(st.done_words, /^Ms Jones \(the member of staff\), 1 Jul 2026, 14:30 \(UK time\)$/);
  assert.equal(st.recorded_by, 'Helen Ashworth');
  assert.match(st.recorded_words, /^Recorded by Helen Ashworth, .+ \(UK time\)$/);
  const after = state();
  assert.equal(after.steps, before.steps + 1);
  assert.equal(after.audit, before.audit + 1);
  const ev = JSON.parse(sql(s.db, `SELECT json_object('internal', internal, 'detail', json(detail)) FROM concern_events
    WHERE concern_id = ${staff} AND action = 'step'`));
  assert.equal(ev.internal, 1, 'an internal event: the reporter never sees it');
  assert.equal(sql(s.db, `SELECT detail FROM audit WHERE action = 'concern.step' ORDER BY id DESC LIMIT 1`), 'police');
  const reporter = ['teacher', 'science', 'ta', 'supply', 'volunteer']
    .find((w) => sql(s.db, `SELECT u.email FROM concerns c JOIN users u ON u.id = c.reporter_id WHERE c.id = ${staff}`) === `${w}@demo.school`);
  const mine = await c[reporter].get(`/concerns/mine/${staff}`);
  assert.equal(mine.status, 200);
  assert.ok(!mine.text.includes('CR/1234/26'), 'the reporter sees nothing of it');
  const chron = visibleText((await c.head.page(`/concerns/${staff}`)).text);
  assert.match(chron, /Policy step \(Heatons Cluster social media policy, section 8\.5\) (&quot;|")Report it to the police(&quot;|"): done by Ms Jones/);
  assert.doesNotMatch(chron, /heatons \d/);

  const post = await open('parent_post');
  r = await event(c.head, post, { action: 'step', step: 'meeting', outcome: 'not_done',
    text: 'The parent declined to come in; spoken to by telephone instead.' });
  assert.equal(r.status, 200, r.text);
  st = await stepOf(c.head, post, 'meeting');
  assert.equal(st.state, 'not_done');
  assert.equal(st.state_label, 'Not done');
  assert.equal(st.text, 'The parent declined to come in; spoken to by telephone instead.');
  r = await event(c.head, post, { action: 'step', step: 'removal', outcome: 'refused', text: 'Refused on the phone.' });
  assert.equal(r.status, 200, r.text);
  st = await stepOf(c.head, post, 'removal');
  assert.equal(st.state, 'refused');
  assert.equal(st.state_label, 'Asked, and they refused to remove it');
  assert.equal((await stepOf(c.head, post, 'platform')).state, 'to_record', 'a refusal brings heatons 8.8 in');
  r = await event(c.head, post, { action: 'step', step: 'platform', outcome: 'done', text: 'Reported through Facebook\'s form.' });
  assert.equal(r.status, 200, r.text);
  assert.equal((await stepOf(c.head, post, 'platform')).state, 'done');

  const sx = await open('sexting');
  r = await event(c.dsl, sx, { action: 'step', step: 'parents', outcome: 'not_done',
    text: 'Telling them would put the young person at risk (UKCIS 2024).' });
  assert.equal(r.status, 200, r.text);
  r = await event(c.dsl, sx, { action: 'step', step: 'safeguarding_unit', outcome: 'done', text: 'Referred to children\'s social care.' });
  assert.equal(r.status, 200, r.text);
  const j = await caseJson(c.dsl, sx);
  assert.deepEqual(j.steps.map((x) => x.state), ['not_done', 'done']);
});

test('bad inputs are refused in the form\'s words and change nothing', async () => {
  const id = await open('cyberbullying_staff');
  const ok = { action: 'step', step: 'police', outcome: 'done', text: 'Reported.' };
  const other = await open('other');
  const happened = await open('cyberbullying_staff', { occurred_at: '2025-06-02T10:00' });
  const before = state();
  const early = await event(c.head, happened, { ...ok, done_at: '2025-06-01T10:00' });
  assert.equal(early.status, 400, early.text);
  assert.equal(early.body.field, 'done_at');
  assert.equal(early.body.error, 'When it was done cannot be before 2 Jun 2025, 10:00, when it happened.');
  const cases = [
    [{ ...ok, step: undefined }, 400, 'step', /Choose the step/],
    [{ ...ok, outcome: undefined }, 400, 'outcome', /Choose whether it was done/],
    [{ ...ok, text: undefined }, 400, 'text', /Give the details, or the reason it was not done/],
    [{ ...ok, text: '   ' }, 400, 'text', /Give the details/],
    [{ ...ok, outcome: 'maybe' }, 400, 'outcome', /Choose whether it was done or not done/],
    [{ ...ok, outcome: 'refused' }, 400, 'outcome', /done or not done/],
    [{ ...ok, step: 'nonsense' }, 400, 'step', null],
    [{ ...ok, step: 'parents' }, 400, 'step', /not one the policy asks for a concern of this kind/],
    [{ ...ok, step: 'meeting' }, 400, 'step', /not one the policy asks/],
    [{ ...ok, step: 'police_consider' }, 400, 'step', /not one the policy asks/],
    [{ ...ok, step: 'legal' }, 400, 'step', /not one the policy asks/],
    [{ ...ok, done_at: '2099-01-01T10:00' }, 400, 'done_at', /cannot be in the future/],
  ];
  for (const [form, status, field, words] of cases) {
    const clean = Object.fromEntries(Object.entries(form).filter(([, v]) => v !== undefined));
    const r = await event(c.head, id, clean);
    assert.equal(r.status, status, `${JSON.stringify(clean)}: ${r.text}`);
    assert.equal(r.body.field, field, JSON.stringify(clean));
    if (words) assert.match(r.body.error, words);
  }
  // a category the policy asks nothing more of takes no step
  const r = await event(c.head, other, { ...ok, step: 'police' });
  assert.equal(r.status, 400);
  assert.deepEqual(state(), before);
  assert.equal((await stepOf(c.head, id, 'police')).state, 'to_record');
  // the form shown again keeps what was typed, in that step's form only
  const page = await c.head.request('POST', `/concerns/${id}/events`, { json: false,
    form: { action: 'step', step: 'police', outcome: 'maybe', text: 'KEPT-TEXT-77' } });
  assert.equal(page.status, 400);
  assert.match(page.text, /<textarea id="f-police-text" name="text"[^>]*>(&#10;)?KEPT-TEXT-77<\/textarea>/);
  assert.match(page.text, /id="e-step-outcome">Choose whether it was done or not done\./);
});

test('the same step sent twice by the same person is refused (409), as other actions are', async () => {
  const id = await open('sexting');
  const form = { action: 'step', step: 'parents', outcome: 'done', text: 'Mother told by telephone.' };
  assert.equal((await event(c.dsl, id, form)).status, 200);
  const before = state();
  const again = await event(c.dsl, id, form);
  assert.equal(again.status, 409, again.text);
  assert.match(again.body.error, /You recorded this already/);
  assert.deepEqual(state(), before);
  // a correction is a new record: the latest counts
  assert.equal((await event(c.dsl, id, { ...form, outcome: 'not_done', text: 'Not told after all: risk.' })).status, 200);
  assert.equal((await stepOf(c.dsl, id, 'parents')).state, 'not_done');
});

test('a case does not close while a step is still to record; then it does', async () => {
  const staff = await open('cyberbullying_staff');
  let before = state();
  let r = await close(c.head, staff);
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.error, 'Record "Report it to the police" under What the policy asks first, then close the case.');
  assert.deepEqual(state(), before);
  assert.equal((await event(c.head, staff, { action: 'step', step: 'police', outcome: 'not_done',
    text: 'The member of staff did not want the police involved.' })).status, 200);
  assert.equal((await close(c.head, staff)).status, 200);

  // parent_post: the platform step is needed only after a refusal
  const agreed = await open('parent_post');
  r = await close(c.head, agreed);
  assert.equal(r.status, 409);
  assert.match(r.body.error, /^Record "Invite the parent or carer into school/);
  await event(c.head, agreed, { action: 'step', step: 'meeting', outcome: 'done', text: 'Met on Tuesday.', done_by: 'Samir Patel' });
  r = await close(c.head, agreed);
  assert.match(r.body.error, /^Record "Ask the parent or carer to remove the offensive content"/);
  await event(c.head, agreed, { action: 'step', step: 'removal', outcome: 'done', text: 'Removed the same day.' });
  assert.equal((await stepOf(c.head, agreed, 'platform')).state, 'not_needed');
  // Closing is refused, changing nothing, until the step is recorded; then it is.
  const recordFirst = async (id, words, step, text) => {
    const was = state();
    const refusedClose = await close(c.head, id);
    assert.equal(refusedClose.status, 409);
    assert.equal(refusedClose.body.error, `Record "${words}" under What the policy asks first, then close the case.`);
    assert.deepEqual(state(), was);
    const recorded = await event(c.head, id, { action: 'step', step, outcome: 'not_done', text });
    assert.equal(recorded.status, 200, recorded.text);
    const st = await stepOf(c.head, id, step);
    assert.equal(st.state, 'not_done');
    assert.equal(st.text, text);
    return st;
  };
  // heatons 8.9: whether the police were considered, and why not, before it closes
  const considered = await recordFirst(agreed, 'Consider contacting the police if the material is threatening, ' +
    'abusive, sexist, sexual or a hate crime', 'police_consider', 'Rude about the school, but neither threatening nor abusive.');
  assert.equal(considered.cite, 'heatons 8.9');
  // wynstones: comments that could bring the school into disrepute go to legal experts
  const legal = await recordFirst(agreed, 'Refer it to legal advisers if it could bring the school into disrepute', 'legal',
    'About one teacher, not the school: nothing that could bring the school into disrepute.');
  assert.equal(legal.cite, 'wynstones');
  assert.equal((await close(c.head, agreed)).status, 200);

  const refused = await open('parent_post');
  await event(c.head, refused, { action: 'step', step: 'meeting', outcome: 'done', text: 'Met.' });
  await event(c.head, refused, { action: 'step', step: 'removal', outcome: 'refused', text: 'Would not remove it.' });
  before = state();
  r = await close(c.head, refused);
  assert.equal(r.status, 409);
  assert.match(r.body.error, /^Record "Report the content to the site or app through its reporting mechanism"/);
  assert.deepEqual(state(), before);
  await event(c.head, refused, { action: 'step', step: 'platform', outcome: 'not_done', text: 'It breaks none of the site\'s terms.' });
  await event(c.head, refused, { action: 'step', step: 'police_consider', outcome: 'not_done', text: 'Not threatening.' });
  await event(c.head, refused, { action: 'step', step: 'legal', outcome: 'done', text: 'Sent to the trust\'s solicitors.',
    reference: 'SOL/2026/14' });
  assert.equal((await close(c.head, refused)).status, 200);

  const sx = await open('sexting');
  await event(c.dsl, sx, { action: 'step', step: 'parents', outcome: 'done', text: 'Told.' });
  r = await close(c.dsl, sx);
  assert.equal(r.status, 409);
  assert.match(r.body.error, /Safeguarding Unit/);

  // a closed case takes no step (409), and its page offers no step form
  before = state();
  r = await event(c.head, staff, { action: 'step', step: 'police', outcome: 'done', text: 'Late.' });
  assert.equal(r.status, 409);
  assert.deepEqual(state(), before);
  const html = (await c.head.page(`/concerns/${staff}`)).text;
  assert.match(html, /What the policy asks/);
  assert.ok(!html.includes('name="step"'), 'no step form on a closed case');
});

test('a pupil who tried to contact staff is told it is not acceptable, or the case says why not, before it closes', async () => {
  const id = await open('pupil_contact');
  const who = c.head;
  let st = await stepOf(who, id, 'pupil_told');
  assert.equal(st.label, 'Tell the pupil, firmly and politely, that contacting staff this way is not acceptable (a friend request rejected, not just ignored)');
  assert.equal(st.cite, 'braunstone; slyne 5');
  assert.equal(st.cite_words, 'Braunstone social media policy, Safer online behaviour; Slyne-with-Hest social networking policy, section 5');
  assert.equal(st.state, 'to_record');
  const html = visibleText((await c.dsl.page(`/concerns/${id}`)).text);
  assert.match(html, /Tell the pupil, firmly and politely, that contacting staff this way is not acceptable \(a friend request rejected, not just ignored\) \(Braunstone social media policy, Safer online behaviour; Slyne-with-Hest social networking policy, section 5\)/);

  // Bad input changes nothing: no outcome, no words, refused (this step cannot be), a step of another kind.
  let before = state();
  const ok = { action: 'step', step: 'pupil_told', outcome: 'done', text: 'Told in person with the DSL present.' };
  for (const [form, field, words] of [
    [{ ...ok, outcome: undefined }, 'outcome', /^Choose whether it was done/],
    [{ ...ok, text: undefined }, 'text', /^Give the details, or the reason it was not done/],
    [{ ...ok, outcome: 'refused' }, 'outcome', /^Choose whether it was done or not done\.$/],
    [{ ...ok, step: 'police' }, 'step', /not one the policy asks for a concern of this kind/],
  ]) {
    const clean = Object.fromEntries(Object.entries(form).filter(([, v]) => v !== undefined));
    const r = await event(who, id, clean);
    assert.equal(r.status, 400, JSON.stringify(clean));
    assert.equal(r.body.field, field, JSON.stringify(clean));
    assert.match(r.body.error, words);
  }
  assert.deepEqual(state(), before);
  // A pupil_told step on a case of another kind is refused too.
  const post = await open('parent_post');
  const r0 = await event(who, post, ok);
  assert.equal(r0.status, 400);
  assert.equal(r0.body.field, 'step');

  // Someone who may not open the case: 404, nothing changed.
  before = state();
  for (const other of ['teacher', 'network', 'science']) {
    assert.equal((await event(c[other], id, ok)).status, 404, other);
    assert.equal((await c[other].get(`/concerns/${id}`)).status, 404, other);
  }
  assert.deepEqual(state(), before);

  before = state();
  let r = await close(who, id);
  assert.equal(r.status, 409);
  assert.equal(r.body.error, 'Record "Tell the pupil, firmly and politely, that contacting staff this way is not acceptable ' +
    '(a friend request rejected, not just ignored)" under What the policy asks first, then close the case.');
  assert.deepEqual(state(), before);
  r = await event(c.dsl, id, { ...ok, done_by: 'Mr Okafor, with the DSL' });
  assert.equal(r.status, 200, r.text);
  st = await stepOf(who, id, 'pupil_told');
  assert.equal(st.state, 'done');
  assert.equal(st.done_by, 'Mr Okafor, with the DSL');
  assert.equal((await close(who, id)).status, 200);

  // Not done carries its reason.
  const quiet = await open('pupil_contact');
  r = await event(c.dsl, quiet, { action: 'step', step: 'pupil_told', outcome: 'not_done',
    text: 'The pupil\'s parents were told instead; a reply would have continued the contact.' });
  assert.equal(r.status, 200, r.text);
  assert.equal((await stepOf(who, quiet, 'pupil_told')).state, 'not_done');
  assert.equal((await close(who, quiet)).status, 200);
});

test('cyberbullying of a pupil: the parents told, who decide on the site, CEOP or the police (heatons 8.3), or why not', async () => {
  const id = await open('cyberbullying_pupil');
  let st = await stepOf(c.head, id, 'pupil_parents');
  assert.equal(st.label, 'Tell the parents or carers, who decide whether to report it to the site, CEOP or the police');
  assert.equal(st.cite_words, 'Heatons Cluster social media policy, section 8.3');
  assert.equal(st.state, 'to_record');
  const before = state();
  for (const [form, field] of [[{ outcome: 'refused', text: 'x' }, 'outcome'], [{ outcome: 'not_done' }, 'text']]) {
    const r = await event(c.head, id, { action: 'step', step: 'pupil_parents', ...form });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.field, field);
  }
  assert.equal((await event(c.teacher, id, { action: 'step', step: 'pupil_parents', outcome: 'done', text: 'x' })).status, 404);
  assert.equal((await c.teacher.get(`/concerns/${id}`)).status, 404);
  const refusedClose = await close(c.head, id);
  assert.equal(refusedClose.status, 409);
  assert.match(refusedClose.body.error, /^Record "Tell the parents or carers, who decide/);
  assert.deepEqual(state(), before, 'nothing changed');
  assert.equal((await event(c.dsl, id, { action: 'escalate', to: 'parents', text: 'Both families phoned.' })).status, 200);
  st = await stepOf(c.head, id, 'pupil_parents');
  assert.equal(st.state, 'done');
  assert.equal(st.state_label, 'Done: escalated to Parents or carers');
  assert.equal((await close(c.head, id)).status, 200);

  const inSchool = await open('cyberbullying_pupil');
  const r = await event(c.head, inSchool, { action: 'step', step: 'pupil_parents', outcome: 'not_done',
    text: 'It happened in the school day: dealt with under the behaviour policy (heatons 8.2).' });
  assert.equal(r.status, 200, r.text);
  assert.equal((await stepOf(c.head, inSchool, 'pupil_parents')).state, 'not_done');
  assert.equal((await close(c.head, inSchool)).status, 200);
});

test('escalating to the police meets heatons 8.5; escalations to parents and the unit meet 9.1', async () => {
  const id = await open('cyberbullying_staff');
  assert.equal((await event(c.head, id, { action: 'escalate', to: 'police', reference: 'CR/55' })).status, 200);
  const st = await stepOf(c.head, id, 'police');
  assert.equal(st.state, 'done');
  assert.equal(st.state_label, 'Done: escalated to Police');
  assert.equal(st.recorded_by, 'Helen Ashworth');
  assert.equal((await close(c.head, id)).status, 200);

  const sx = await open('sexting');
  await event(c.dsl, sx, { action: 'escalate', to: 'parents' });
  await event(c.dsl, sx, { action: 'escalate', to: 'safeguarding_unit' });
  assert.deepEqual((await caseJson(c.dsl, sx)).steps.map((x) => x.state), ['done', 'done']);
  assert.equal((await close(c.dsl, sx)).status, 200);

  // heatons 8.9: a parent's threatening post escalated to the police is the police considered
  const post = await open('parent_post');
  assert.equal((await event(c.head, post, { action: 'escalate', to: 'police', reference: 'CR/77' })).status, 200);
  const pc = await stepOf(c.head, post, 'police_consider');
  assert.equal(pc.state, 'done');
  assert.equal(pc.state_label, 'Done: escalated to Police');
  // wynstones: escalating to legal advisers is the referral to legal experts
  assert.equal((await stepOf(c.head, post, 'legal')).state, 'to_record');
  const bad = await event(c.head, post, { action: 'escalate', to: 'solicitors' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'to');
  assert.equal((await stepOf(c.head, post, 'legal')).state, 'to_record', 'nothing recorded');
  assert.equal((await event(c.head, post, { action: 'escalate', to: 'legal', reference: 'SOL/9' })).status, 200);
  const legal = await stepOf(c.head, post, 'legal');
  assert.equal(legal.state, 'done');
  assert.equal(legal.state_label, 'Done: escalated to Legal advisers');
  assert.ok((await caseJson(c.head, post)).events.some((e) => e.what === 'Escalated to Legal advisers (their reference: SOL/9)'));
  assert.equal((await c.teacher.get(`/concerns/${post}`)).status, 404, 'nobody else opens it');
  assert.equal((await event(c.teacher, post, { action: 'escalate', to: 'legal' })).status, 404);
});

test('someone who cannot open the case gets 404 and changes nothing', async () => {
  const id = await open('cyberbullying_staff');
  const form = { action: 'step', step: 'police', outcome: 'done', text: 'Reported.' };
  const post = await open('parent_post');
  const before = state();
  for (const who of ['teacher', 'network', 'science']) {
    const r = await event(c[who], id, form);
    assert.equal(r.status, 404, who);
    const p = await event(c[who], post, { ...form, step: 'police_consider' });
    assert.equal(p.status, 404, who);
    assert.equal((await c[who].get(`/concerns/${post}`)).status, 404, who);
  }
  assert.deepEqual(state(), before);
  assert.equal((await stepOf(c.head, id, 'police')).state, 'to_record');
  assert.equal((await stepOf(c.head, post, 'police_consider')).state, 'to_record');
});

// The <form> of one step on the case page, and every id on a page said more than once.
const stepForm = (html, step) => [...html.matchAll(/<form[\s\S]*?<\/form>/g)].map((m) => m[0])
  .find((f) => f.includes(`<input type="hidden" name="step" value="${step}">`));
const twice = (html) => [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1])
  .filter((v, i, all) => all.indexOf(v) !== i);

test('a refused step comes back in its own form only: the other steps and the device form stay empty', async () => {
  const id = await open('parent_post');
  const before = state();
  const send = (form) => c.head.request('POST', `/concerns/${id}/events`, { json: false, form });
  let r = await send({ action: 'step', step: 'meeting', outcome: 'done', text: 'Met Mrs X',
    done_at: '2099-01-01T10:00' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(twice(r.text), [], 'every id once');
  const box = (step) => r.text.match(new RegExp(`<textarea id="f-${step}-text"[^>]*>([^<]*)</textarea>`))[1];
  assert.equal(box('meeting'), '&#10;Met Mrs X');
  assert.match(stepForm(r.text, 'meeting'), /id="f-meeting-done"[^>]*checked/);
  assert.match(stepForm(r.text, 'meeting'), /value="2099-01-01T10:00"/);
  assert.match(stepForm(r.text, 'meeting'), /class="field-error"[^>]*>When it was done cannot be in the future\./);
  for (const step of ['removal', 'platform', 'police_consider', 'legal']) {
    assert.equal(box(step), '&#10;', `${step}: nothing typed`);
    const form = stepForm(r.text, step);
    assert.doesNotMatch(form, /checked/, `${step}: nothing chosen`);
    assert.doesNotMatch(form, /field-error|has-error|aria-invalid/, `${step}: no problem shown`);
  }
  assert.equal(r.text.split('class="field-error"').length - 1, 1, 'the one problem, once');
  assert.doesNotMatch(r.text.match(/<input id="f-done_at"[^>]*>/)[0], /aria-invalid/, 'the device form is not in error');

  // a step sent empty shows its problems in its own form
  r = await send({ action: 'step', step: 'removal' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(twice(r.text), [], 'every id once');
  const removal = stepForm(r.text, 'removal');
  assert.match(removal, /Choose whether it was done\./);
  assert.match(removal, /Give the details, or the reason it was not done\./);
  assert.equal(r.text.split('class="field-error"').length - 1, 2, 'two problems, each once');
  for (const step of ['meeting', 'platform', 'police_consider', 'legal'])
    assert.doesNotMatch(stepForm(r.text, step), /field-error|has-error|aria-invalid/, step);
  assert.deepEqual(state(), before, 'nothing recorded');
});
