// Uploaded files: pictures stored without their metadata (ASVS 5.0 5.2.2,
// 14.2.8), the hash of what arrived kept beside the hash of what is stored,
// and every file scanned by ClamAV when the school turns scanning on (ASVS 5.0
// 5.4.3), with a signature database made here for the EICAR test file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { startServer, sql, visibleText, AS_ROOT, FRONT } from './lib.mjs';
import { PNG, JPEG, report, counts } from './concern_helpers.mjs';

const sha = (b) => createHash('sha256').update(b).digest('hex');
const stored = (db, id) => Buffer.from(sql(db, `SELECT hex(bytes) FROM evidence WHERE id = ${id}`), 'hex');

// An EXIF APP1 segment, big-endian, by hand: IFD0 with the orientation, the
// camera's serial (in Make) and a pointer to a GPS IFD giving a latitude.
function exifSegment() {
  const serial = Buffer.from('SERIAL-XYZ-12345\0');
  const b = Buffer.alloc(8 + 2 + 3 * 12 + 4 + 2 + 12 + 4 + serial.length);
  b.write('MM', 0); b.writeUInt16BE(42, 2); b.writeUInt32BE(8, 4);
  let o = 8;
  b.writeUInt16BE(3, o); o += 2;
  const gpsAt = 8 + 2 + 36 + 4, serialAt = gpsAt + 2 + 12 + 4;
  const entry = (tag, type, count, value) => {
    b.writeUInt16BE(tag, o); b.writeUInt16BE(type, o + 2); b.writeUInt32BE(count, o + 4);
    if (type === 3) b.writeUInt16BE(value, o + 8); else b.writeUInt32BE(value, o + 8);
    o += 12;
  };
  entry(0x010f, 2, serial.length, serialAt); // Make
  entry(0x0112, 3, 1, 6);                    // Orientation: rotate 90° to show
  entry(0x8825, 4, 1, gpsAt);                // GPSInfo
  b.writeUInt32BE(0, o); o += 4;
  b.writeUInt16BE(1, o); o += 2;
  b.writeUInt16BE(0x0001, o); b.writeUInt16BE(2, o + 2); b.writeUInt32BE(2, o + 4); b.write('N\0', o + 8); o += 12;
  b.writeUInt32BE(0, o); o += 4;
  serial.copy(b, o);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), b]);
  return segment(0xe1, body);
}

function segment(marker, body) {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

// The tiny JPEG with EXIF (GPS, serial), XMP and a comment after its SOI.
const PHOTO = Buffer.concat([JPEG.subarray(0, 2), exifSegment(),
  segment(0xe1, Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPSLatitude 53.48</x:xmpmeta>', 'binary')),
  segment(0xfe, Buffer.from('secret comment')), JPEG.subarray(2)]);

// The segments of a JPEG up to its first scan: [{marker, body}].
function segments(jpeg) {
  const out = [];
  for (let i = 2; i + 4 <= jpeg.length && jpeg[i] === 0xff;) {
    const marker = jpeg[i + 1], len = jpeg.readUInt16BE(i + 2);
    out.push({ marker, body: jpeg.subarray(i + 4, i + 2 + len) });
    if (marker === 0xda) break;
    i += 2 + len;
  }
  return out;
}

// The tags of IFD0 of an EXIF body, with their first short value.
function ifd0(body) {
  const t = body.subarray(6), be = t.toString('binary', 0, 2) === 'MM';
  const u16 = (at) => (be ? t.readUInt16BE(at) : t.readUInt16LE(at));
  const u32 = (at) => (be ? t.readUInt32BE(at) : t.readUInt32LE(at));
  const at = u32(4), tags = {};
  for (let k = 0; k < u16(at); k++) tags[u16(at + 2 + 12 * k)] = u16(at + 2 + 12 * k + 8);
  return tags;
}

function pngChunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'binary'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const pngChunks = (png) => {
  const out = [];
  for (let i = 8; i < png.length; i += 12 + png.readUInt32BE(i)) out.push(png.toString('binary', i + 4, i + 8));
  return out;
};
// The 1x1 PNG with a tEXt chunk (where a phone or editor puts its notes) after IHDR.
const SCREENSHOT = Buffer.concat([PNG.subarray(0, 33),
  pngChunk('tEXt', Buffer.from('Comment\0Taken at 53.48N 2.24W on Pixel serial 0xABC', 'binary')),
  pngChunk('tIME', Buffer.from([7, 234, 12, 2, 10, 0, 0])), PNG.subarray(33)]);

const EICAR = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*');

let s;
const c = {};
before(async () => {
  s = await startServer();
  for (const who of ['head', 'teacher']) c[who] = await s.login(`${who}@demo.school`);
});
after(async () => { await s.stop(); });

test('a JPEG is stored without its EXIF (GPS, serial), XMP and comment, the right way up', async () => {
  const r = await report(c.teacher, { category: 'other', summary: 'Photo of the post' }, [{ name: 'p.jpg', data: PHOTO, type: 'image/jpeg' }]);
  assert.equal(r.status, 201, r.text);
  const ev = (await c.head.get(`/concerns/${r.body.concern.id}`)).body.concern.evidence[0];
  const kept = stored(s.db, ev.id);
  for (const secret of ['SERIAL-XYZ', 'secret comment', 'xmpmeta', 'GPSLatitude', 'ns.adobe.com'])
    assert.ok(!kept.includes(secret), secret);
  const app1 = segments(kept).filter((x) => x.marker === 0xe1);
  assert.equal(app1.length, 1, 'one EXIF segment, for the orientation alone');
  assert.deepEqual(ifd0(app1[0].body), { 0x0112: 6 });
  assert.ok(!segments(kept).some((x) => x.marker === 0xfe), 'no comment');
  // the picture itself: the same frame header and scan
  const sof = (j) => segments(j).find((x) => x.marker === 0xc0 || x.marker === 0xc2).body.subarray(1, 5);
  assert.deepEqual(sof(kept), sof(PHOTO));
  assert.equal(kept.readUInt16BE(kept.length - 2), 0xffd9);
  // both hashes, and the size of what is kept
  assert.equal(ev.sha256, sha(kept));
  assert.equal(ev.original_sha256, sha(PHOTO));
  assert.equal(ev.metadata_removed, true);
  assert.equal(ev.size, kept.length);
  const page = visibleText((await c.head.page(`/concerns/${r.body.concern.id}`)).text);
  assert.match(page, new RegExp(`SHA-256 ${ev.sha256}; stored without the picture's metadata \\(place, device\\); SHA-256 as uploaded ${ev.original_sha256}`));
  // the case's chronology names both too
  const event = JSON.parse(sql(s.db, `SELECT detail FROM concern_events WHERE concern_id = ${r.body.concern.id} AND action = 'evidence'`));
  assert.equal(event.original_sha256, sha(PHOTO));
});

test('a PNG is rewritten without its text and time chunks', async () => {
  assert.deepEqual(pngChunks(SCREENSHOT), ['IHDR', 'tEXt', 'tIME', 'IDAT', 'IEND']);
  const r = await report(c.teacher, { category: 'other', summary: 'Screenshot' }, [{ name: 's.png', data: SCREENSHOT, type: 'image/png' }]);
  assert.equal(r.status, 201, r.text);
  const ev = (await c.head.get(`/concerns/${r.body.concern.id}`)).body.concern.evidence[0];
  const kept = stored(s.db, ev.id);
  assert.deepEqual(pngChunks(kept).filter((t) => t !== 'IDAT'), ['IHDR', 'IEND']);
  assert.ok(!kept.includes('Pixel serial'));
  assert.deepEqual(kept.subarray(16, 24), SCREENSHOT.subarray(16, 24), 'same width and height');
  assert.equal(ev.sha256, sha(kept));
  assert.equal(ev.original_sha256, sha(SCREENSHOT));
  // the download is what is kept
  const d = await c.head.request('GET', ev.url, { json: false });
  assert.equal(sha(d.bytes), sha(kept));
});

test('a file that starts like a picture but is not one is refused, and nothing is stored', async () => {
  const before = counts(s.db);
  const cases = [
    { name: 'a.jpg', data: Buffer.concat([JPEG.subarray(0, 4), Buffer.from('not a picture at all')]), kind: 'JPEG' },
    { name: 'b.png', data: Buffer.concat([PNG.subarray(0, 20), Buffer.from('broken')]), kind: 'PNG' },
    { name: 'c.png', data: Buffer.concat([PNG.subarray(0, 40), Buffer.from([0, 0, 0, 0]), PNG.subarray(44)]), kind: 'PNG' },
  ];
  for (const f of cases) {
    const r = await report(c.teacher, { category: 'other', summary: 'Broken' }, [{ name: 'ok.png', data: PNG }, f]);
    assert.equal(r.status, 415, `${f.name}: ${r.text}`);
    assert.equal(r.body.field, 'evidence');
    assert.equal(r.body.error, `The file '${f.name}' given for 'Evidence' starts like a ${f.kind} picture but cannot be read as one, so nothing has been saved. Save it again as a PNG or JPEG picture and send that.`);
  }
  // a picture declaring more pixels than any photo is refused before it is decoded
  const huge = Buffer.from(PNG);
  huge.writeUInt32BE(30000, 16); huge.writeUInt32BE(30000, 20);
  huge.writeUInt32BE(crc32(huge.subarray(12, 29)), 29);
  const r = await report(c.teacher, { category: 'other', summary: 'Huge' }, [{ name: 'huge.png', data: huge }]);
  assert.equal(r.status, 413, r.text);
  assert.match(r.body.error, /more than 50 million pixels/);
  assert.deepEqual(counts(s.db), before);
});

test('with scanning on, the EICAR test file is refused, audited and not stored; a clean file is kept', async () => {
  assert.equal(EICAR.length, 68, 'the standard test file');
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-sigs-'));
  const sigs = path.join(dir, 'sigs');
  mkdirSync(sigs);
  writeFileSync(path.join(sigs, 'test.hdb'), `${createHash('md5').update(EICAR).digest('hex')}:${EICAR.length}:Eicar-Test-Signature\n`);
  if (AS_ROOT) for (const p of [dir, sigs, path.join(sigs, 'test.hdb')]) chownSync(p, 65534, 65534);
  const v = await startServer({ args: ['--clamav-db', sigs] });
  try {
    const teacher = await v.login('teacher@demo.school');
    const before = { ...counts(v.db), audit: Number(sql(v.db, 'SELECT count(*) FROM audit')) };
    const r = await report(teacher, { category: 'other', summary: 'Suspicious attachment' },
      [{ name: 'fine.txt', data: Buffer.from('Screenshot notes.\n') }, { name: 'invoice.txt', data: EICAR, type: 'text/plain' }]);
    assert.equal(r.status, 422, r.text);
    assert.equal(r.body.field, 'evidence');
    assert.equal(r.body.error, "The file 'invoice.txt' given for 'Evidence' contains a virus or other malware (Eicar-Test-Signature.UNOFFICIAL), so it was refused and nothing has been saved. Do not open it again; tell whoever looks after the school's computers.");
    const { audit, ...rest } = before;
    assert.deepEqual(counts(v.db), rest, 'no concern, evidence or event');
    assert.equal(Number(sql(v.db, 'SELECT count(*) FROM audit')), audit + 1);
    const row = sql(v.db, "SELECT actor || '|' || object || '|' || detail FROM audit WHERE action = 'upload.malware'");
    assert.equal(row, `teacher@demo.school|/concerns|field=evidence signature=Eicar-Test-Signature.UNOFFICIAL size=68 sha256=${sha(EICAR)}`,
      'the hash identifies the file; its name is not kept');
    // A report of a nude image takes no file, and the file is refused before
    // anything reads it: not scanned (a scanner may write it to a temporary
    // folder), so the answer is the UKCIS refusal and no malware row is written.
    const nude = await report(teacher, { category: 'sexting', summary: 'Image shared in a group chat' },
      [{ name: 'screenshot.png', data: EICAR, type: 'image/png' }]);
    assert.equal(nude.status, 400, nude.text);
    assert.match(nude.text, /must never view, copy, print, share, store or save/);
    assert.equal(Number(sql(v.db, "SELECT count(*) FROM audit WHERE action = 'upload.malware'")), 1, 'not scanned');
    // every upload path goes through the same check: the staff list's CSV
    const admin = await v.login('admin@demo.school');
    const fd = new FormData();
    fd.append('file', new Blob([EICAR], { type: 'text/csv' }), 'staff.csv');
    const imp = await admin.request('POST', '/admin/import', { multipart: fd });
    assert.equal(imp.status, 422, imp.text);
    assert.equal(imp.body.field, 'file');
    assert.match(imp.body.error, /^The file 'staff\.csv' given for 'CSV file' contains a virus/);
    // a clean file and a picture are scanned and kept
    const ok = await report(teacher, { category: 'other', summary: 'Clean' }, [{ name: 'notes.txt', data: Buffer.from('All fine.\n') }, { name: 'p.jpg', data: PHOTO }]);
    assert.equal(ok.status, 201, ok.text);
    assert.equal(Number(sql(v.db, `SELECT count(*) FROM evidence WHERE concern_id = ${ok.body.concern.id}`)), 2);
  } finally {
    await v.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('scanning asked for without signatures: the server does not start, or CGI refuses files', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-nosigs-'));
  if (AS_ROOT) chownSync(dir, 65534, 65534);
  try {
    if (FRONT === 'cgi') { // a process per request: only one carrying files loads the signatures
      const v = await startServer({ args: ['--clamav-db', dir] });
      try {
        const teacher = await v.login('teacher@demo.school');
        const before = counts(v.db);
        const r = await report(teacher, { category: 'other', summary: 'Unscanned' }, [{ name: 'n.txt', data: Buffer.from('notes\n') }]);
        assert.equal(r.status, 503, r.text);
        assert.match(r.body.error, /^Files cannot be checked for viruses at the moment, so nothing has been saved/);
        assert.deepEqual(counts(v.db), before);
        assert.equal((await report(teacher, { category: 'other', summary: 'No file' })).status, 201);
      } finally {
        await v.stop();
      }
      return;
    }
    await assert.rejects(startServer({ args: ['--clamav-db', dir] }), /clamav_db: could not load the virus signatures in .*; uploads cannot be scanned/);
    await assert.rejects(startServer({ args: ['--clamav-db', path.join(dir, 'missing')] }), /clamav_db: could not load the virus signatures/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
