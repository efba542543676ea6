/**
 * Test files share their worker's loaded modules (vitest.config.ts, `isolate: false`), so a file
 * that replaces a module with vi.mock would get the real one if another file loaded it first, and
 * might then pass without testing what it says. Such files must run in the isolated project.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOCKING_MODULES } from '../mocking-modules';

const root = path.resolve(import.meta.dirname, '../..');

function testFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return testFiles(file);
    return entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

describe('test files that mock a module', () => {
  it('run isolated, each named in test/mocking-modules.ts', () => {
    const mocking = testFiles('test').filter((file) =>
      /\bvi\.(?:mock|doMock)\(/.test(fs.readFileSync(path.join(root, file), 'utf8')),
    );
    expect(mocking.length).toBeGreaterThan(0);
    expect(mocking.filter((file) => !MOCKING_MODULES.includes(file))).toEqual([]);
  });
});
