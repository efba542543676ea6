/**
 * Test files that replace a module with vi.mock. Test files share their worker's loaded modules
 * (vitest.config.ts, `isolate: false`), so in a shared worker the module may already be loaded
 * unmocked: these run on their own, in the isolated project. test/repo/test-isolation.test.ts
 * checks that every such file is here.
 */
export const MOCKING_MODULES = ['test/http/event-page-cost.test.ts'];
