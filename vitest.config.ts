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
        },
      },
    ],
  },
});
