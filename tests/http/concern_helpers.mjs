// Shared by the concern suites: filing a report with files, counting rows.
import { sql } from './lib.mjs';

export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
// A real 8x8 picture: every uploaded picture is decoded to remove its metadata.
export const JPEG = Buffer.from('/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/wAALCAAIAAgBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAABP/EABYQAAMAAAAAAAAAAAAAAAAAAAAGQ//aAAgBAQAAPwAabM//2Q==', 'base64');
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

// A cyberbullying report needs when it happened; this one, unless the
// fields give it (an empty value tests its absence).
const CYBERBULLYING_WHEN = '2025-01-06T09:00';

// The report form's fields as a multipart body, exactly as given.
export function formOf(fields) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

// fields: object of form fields; files: [{name, data, type}]
export function report(client, fields, files = []) {
  const when = /^cyberbullying_/.test(fields.category ?? '') && !('occurred_at' in fields);
  const fd = formOf(when ? { ...fields, occurred_at: CYBERBULLYING_WHEN } : fields);
  for (const f of files) fd.append('evidence', new Blob([f.data], { type: f.type || 'application/octet-stream' }), f.name);
  return client.request('POST', '/concerns', { multipart: fd });
}

export async function file(client, fields, files = []) {
  const r = await report(client, { summary: 'A concern', ...fields }, files);
  if (r.status !== 201) throw new Error(`report failed: ${r.status} ${r.text}`);
  return r.body.concern;
}

export function counts(db) {
  return {
    concerns: Number(sql(db, 'SELECT count(*) FROM concerns')),
    evidence: Number(sql(db, 'SELECT count(*) FROM evidence')),
    events: Number(sql(db, 'SELECT count(*) FROM concern_events')),
  };
}

export function event(client, id, form) {
  return client.post(`/concerns/${id}/events`, form);
}
