import os from 'node:os';
import { defineConfig } from 'vitest/config';

// Neither European nor Chinese, and with a 45-minute offset: code that forgets to name a zone
// and falls back to the machine's own shows it at once. CI runs the suite again in another zone.
process.env.TZ = process.env.TEST_TZ || 'Asia/Kathmandu';

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
          exclude: ['test/e2e/**'],
          // Vitest's default (one worker fewer than cores) is a single worker on a 2-core machine,
          // which then idles while tests wait on child servers, PostgreSQL, Redis and SMTP: two
          // workers there took the HTTP and mail tests from 304 s to 200 s.
          maxWorkers: Math.max(2, os.availableParallelism() - 1),
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // One browser at a time on a 2-core machine.
          fileParallelism: false,
          testTimeout: 60_000,
          // A page that re-renders after a save may take more than expect.poll's default second
          // when the machine is busy; a poll still ends as soon as its condition holds.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
