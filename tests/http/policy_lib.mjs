// Policy versions for tests: a version posted to /admin/policies/{id}/versions
// is a draft until it is authorised; authorise() records the governing
// body's approval, which publishes it (notifications, current, signable).
import assert from 'node:assert/strict';

export const utcToday = () => new Date().toISOString().slice(0, 10);

export async function authorise(admin, pid, vid, form = {}) {
  const r = await admin.post(`/admin/policies/${pid}/versions/${vid}/authorise`, {
    authorised_by: 'governing_body', authoriser_name: 'Full governing body',
    meeting_date: utcToday(), minute_ref: '7.2', authorised_on: utcToday(), ...form,
  });
  assert.equal(r.status, 200, r.text);
  return r;
}

// Writes a version (confirm=yes) and authorises it: what "publishing" means.
export async function publish(admin, pid, form) {
  const r = await admin.post(`/admin/policies/${pid}/versions`, { ...form, confirm: 'yes' });
  assert.equal(r.status, 201, r.text);
  await authorise(admin, pid, r.body.version.id);
  return r;
}
