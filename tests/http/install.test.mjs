// `make install` into a staging directory: everything needed to run is there,
// and the installed program finds its templates and schema by itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, FRONT, cli } from './lib.mjs';
import { SCHEMA_VERSION } from './schema_version.mjs';

const skip = FRONT !== 'http' && 'runs once, in the embedded-server pass';

test('make install DESTDIR=... stages the program, share files, man page, docs and a commented configuration', { skip }, () => {
  const dest = mkdtempSync(path.join(tmpdir(), 'staffroom-install-'));
  const r = spawnSync('make', ['-s', '-C', ROOT, 'install', `DESTDIR=${dest}`, 'PREFIX=/usr'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  for (const f of ['usr/bin/staffroom', 'usr/share/staffroom/schema.sql', 'usr/share/staffroom/templates/layout.tpl',
    'usr/share/staffroom/static/style.css', 'usr/share/man/man8/staffroom.8', 'usr/share/doc/staffroom/DEPLOY.md',
    'usr/share/doc/staffroom/staffroom.conf.example', 'etc/staffroom.conf'])
    assert.ok(existsSync(path.join(dest, f)), f);
  const bin = path.join(dest, 'usr/bin/staffroom');
  const conf = path.join(dest, 'etc/staffroom.conf');
  const db = path.join(dest, 'x.db');
  // The installed example is all comments: a valid, empty configuration.
  const init = spawnSync(bin, ['init', '--config', conf, '--db', db], { encoding: 'utf8' });
  assert.equal(init.status, 0, init.stderr);
  assert.equal(statSync(`${db}.key`).mode & 0o777, 0o600);
  const man = spawnSync('man', ['-l', path.join(dest, 'usr/share/man/man8/staffroom.8')], { encoding: 'utf8', env: { ...process.env, MANPAGER: 'cat', MANWIDTH: '80' } });
  if (man.status === 0) assert.match(man.stdout, /FastCGI/);
  rmSync(dest, { recursive: true, force: true });
});

test('the man page, the example configuration and DEPLOY.md agree with the program', { skip }, () => {
  const doc = (f) => readFileSync(path.join(ROOT, 'docs', f), 'utf8');
  const man = doc('staffroom.8'), example = doc('staffroom.conf.example'), deploy = doc('DEPLOY.md');
  const commands = [...cli(['--help']).stdout.matchAll(/^  ([a-z-]+)(?: ([a-z]+))? /gm)].map((m) => m[1]);
  const missing = commands.filter((c) => !new RegExp(`^\\.B (staffroom )?${c.replaceAll('-', '\\\\-')}\\b`, 'm').test(man));
  assert.deepEqual(missing, [], 'commands in --help the man page does not describe');
  const serveHelp = cli(['serve', '--help']).stdout;
  const keys = [...serveHelp.matchAll(/^  --([a-z-]+)/gm)].map((m) => m[1]).filter((k) => !/seccomp/.test(k))
    .map((k) => k.replaceAll('-', '_'));
  assert.ok(keys.includes('clamav_db') && keys.includes('share'));
  assert.deepEqual(keys.filter((k) => !new RegExp(`^#${k} = `, 'm').test(example)), [],
    'settings missing from staffroom.conf.example');
  // The sign-in providers' keys are file only, and every list of keys says so.
  assert.match(serveHelp, /oidc\.NAME\.KEY lines in the configuration\nfile only/);
  assert.match(man, /oidc\. NAME \. KEY\n\(issuer.*\n.*file only/);
  assert.match(deploy, /Every key except the sign-in providers'\n`oidc\.NAME\.\*` keys \(which are given in the file only\)/);
  assert.equal(cli(['routes', '--no-config', '--oidc.entra.label', 'x']).code, 2);
  const version = /only version (\d+)/.exec(deploy);
  assert.ok(!version || Number(version[1]) === SCHEMA_VERSION, `DEPLOY.md: "only version ${version?.[1]}"`);
});

test("the systemd unit and the typical configuration file start staffroom as DEPLOY.md's nginx set-up says", { skip }, () => {
  const deploy = readFileSync(path.join(ROOT, 'docs/DEPLOY.md'), 'utf8');
  const unit = readFileSync(path.join(ROOT, 'docs/staffroom.service'), 'utf8');
  // "Run it with docs/staffroom.service (systemd) ... or by hand:", then the command.
  const byHand = deploy.match(/Run it with `docs\/staffroom\.service`[^\n]*\n\n```sh\nstaffroom serve ([\s\S]*?)```/);
  assert.ok(byHand, 'DEPLOY.md gives the command by hand');
  const options = (text) => [...text.replace(/\\\n/g, ' ').matchAll(/--([a-z-]+)(?: ([^-\s]\S*))?/g)]
    .map((m) => [m[1], m[2] ?? 'yes']);
  const wanted = options(byHand[1]);
  assert.ok(wanted.some(([k]) => k === 'trusted-proxy') && wanted.some(([k]) => k === 'max-per-address'));
  const execStart = unit.match(/^ExecStart=((?:[^\n]*\\\n)*[^\n]*)/m)[1];
  const given = new Map(options(execStart));
  for (const [k, v] of wanted) assert.equal(given.get(k), v, `the unit's ExecStart passes --${k} ${v}`);
  // The typical file says the same, and staffroom reads it.
  const typical = deploy.match(/A typical file[^\n]*\n[^\n]*\n\n```\n([\s\S]*?)```/)[1];
  for (const [k, v] of wanted)
    assert.match(typical, new RegExp(`^${k.replaceAll('-', '_')} = ${v.replaceAll('.', '\\.')}$`, 'm'), `the typical file: ${k}`);
  const dir = mkdtempSync(path.join(tmpdir(), 'staffroom-typical-'));
  writeFileSync(path.join(dir, 'staffroom.conf'), typical);
  const read = cli(['routes', '--config', path.join(dir, 'staffroom.conf')]);
  assert.equal(read.code, 0, read.stderr);
  rmSync(dir, { recursive: true, force: true });
});
