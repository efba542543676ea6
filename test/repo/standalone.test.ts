/**
 * The repository stands on its own: a copy of it in an empty folder, far from this checkout, runs
 * the scheduler tests (which read the real forum instances), and nothing in it reaches outside.
 *
 * The copy is made of the files git tracks, as a clone would hold, but taken from the working tree,
 * so that the test also judges edits not committed yet; a new file that was never `git add`ed is
 * missing from the copy, as it would be from a clone, and fails the test.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const checkout = execFileSync('git', ['rev-parse', '--show-toplevel'], {
  cwd: import.meta.dirname,
  encoding: 'utf8',
}).trim();
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: checkout, encoding: 'utf8' })
  .split('\0')
  .filter((file) => file !== '' && fs.existsSync(path.join(checkout, file)));

let copy = '';

beforeAll(() => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'twinning-copy-'));
  for (const file of tracked) {
    fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    fs.copyFileSync(path.join(checkout, file), path.join(copy, file));
  }
  // Installing would take minutes; the dependencies are the same, so the copy borrows them.
  fs.symlinkSync(path.join(checkout, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
});

afterAll(() => {
  if (copy) fs.rmSync(copy, { recursive: true, force: true });
});

describe('a copy of the repository in an empty folder', () => {
  it('is outside the checkout, and its files name nothing beside the checkout', () => {
    expect(path.relative(checkout, copy).startsWith('..')).toBe(true);
    // Written so that this file does not match itself.
    const outside = new RegExp(['\\.\\./', '(?:\\.\\./)*', 'shared\\b'].join(''));
    const offenders = tracked.filter(
      (file) =>
        /\.(?:[cm]?[jt]s|json)$/.test(file) && outside.test(fs.readFileSync(path.join(copy, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('passes the scheduler tests, which read the forum instances from the repository', async () => {
    // A fresh vitest, not a worker of this one: none of this run's VITEST_* settings.
    const env = {
      ...Object.fromEntries(
        Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS'),
      ),
      NO_COLOR: '1',
      FORCE_COLOR: '0',
    };
    const result = await run(
      process.execPath,
      [path.join(copy, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/domain/scheduler.test.ts'],
      { cwd: copy, env, maxBuffer: 16 * 1024 * 1024 },
    ).catch((err: { stdout: string; stderr: string; code: number }) => err);
    const output = stripVTControlCharacters(`${result.stdout}\n${result.stderr}`);
    expect(output, output).toMatch(/Tests\s+(?:\S+\s+)?\d+ passed/);
    expect(output, output).not.toMatch(/failed/);
    expect('code' in result ? result.code : 0, output).toBe(0);
  }, 120_000);
});
