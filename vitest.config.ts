import os from 'node:os';
import { defineConfig } from 'vitest/config';
import { MOCKING_MODULES } from './test/mocking-modules';

// Neither European nor Chinese, and with a 45-minute offset: code that forgets to name a zone
// and falls back to the machine's own shows it at once. CI runs the suite again in another zone.
process.env.TZ = process.env.TEST_TZ || 'Asia/Kathmandu';

// Browser tests and the rest share one pool: a browser test spends most of its time waiting on
// its server and Chromium, so on a 2-core machine two files at a time, of either kind, took the
// suite from 528 s (browser files one at a time, after the others) to 454 s. Both projects must
// name the same count, or Vitest runs them as separate groups one after the other.
const workers = Math.max(2, os.availableParallelism() - 1);

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', ...MOCKING_MODULES],
          // Vitest's default (one worker fewer than cores) is a single worker on a 2-core machine,
          // which then idles while tests wait on child servers, PostgreSQL, Redis and SMTP.
          maxWorkers: workers,
          // Files share a worker's loaded modules instead of loading the server afresh each: the
          // unit files took 155 s instead of 260 s (110 s of it loading). Every file builds its
          // own app, database and servers, so nothing else is shared.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'unit-isolated',
          include: MOCKING_MODULES,
          maxWorkers: workers,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          maxWorkers: workers,
          isolate: false,
          testTimeout: 60_000,
          // A page that re-renders after a save may take more than expect.poll's default second
          // when the machine is busy; a poll still ends as soon as its condition holds.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
