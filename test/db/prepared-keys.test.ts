/** Each prepared statement's cache key names one statement: two queries sharing one would swap. */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

it('gives every prepared statement its own key', () => {
  const dir = path.resolve('src/db');
  const keys = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/prepared\(db, '([^']+)'/g)])
    .map((m) => m[1]);
  expect(keys.length).toBeGreaterThanOrEqual(2);
  expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
});
