// The schema version this tree's staffroom upgrades to (SCHEMA_VERSION in
// src/db/schema_upgrade.h), so that tests need no edit when a part is added.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib.mjs';

export const SCHEMA_VERSION = Number(readFileSync(path.join(ROOT, 'src/db/schema_upgrade.h'), 'utf8')
  .match(/#define SCHEMA_VERSION (\d+)/)[1]);
