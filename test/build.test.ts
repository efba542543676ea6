/**
 * The production build: `npm run build:server` bundles src/ into dist/, and the compiled server
 * runs without tsx, from any working directory, and serves the API and the pages.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from './helpers/server-process';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinning-build-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(file: string, text: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe('the build', () => {
  it('emits each src/**/*.worker.ts beside the server, where code bundled into any entry finds it', async () => {
    const project = path.join(dir, 'project');
    write(path.join(project, 'package.json'), '{ "type": "module" }\n');
    write(
      path.join(project, 'src', 'jobs', 'pool.ts'),
      `import { Worker } from 'node:worker_threads';
export function ask(question: string): Promise<string> {
  const worker = new Worker(
    new URL(import.meta.url.endsWith('.ts') ? './echo.worker.ts' : './echo.worker.js', import.meta.url),
    { workerData: question },
  );
  return new Promise((resolve) => worker.once('message', (m) => { resolve(m); void worker.terminate(); }));
}
`,
    );
    write(
      path.join(project, 'src', 'jobs', 'echo.worker.ts'),
      `import { parentPort, workerData } from 'node:worker_threads';
parentPort!.postMessage(\`worker answers \${workerData as string}\`);
`,
    );
    write(
      path.join(project, 'src', 'server.ts'),
      `import { ask } from './jobs/pool';\nconsole.log(await ask('server'));\n`,
    );
    write(
      path.join(project, 'src', 'cli', 'tool.ts'),
      `import { ask } from '../jobs/pool';\nconsole.log(await ask('tool'));\n`,
    );
    // A worker beside the commands is a worker, not one more command.
    write(path.join(project, 'src', 'cli', 'side.worker.ts'), 'export {};\n');
    await run(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--root', project]);
    expect(
      fs
        .readdirSync(path.join(project, 'dist'))
        .filter((f) => f.endsWith('.js'))
        .sort(),
    ).toEqual(['echo.worker.js', 'server.js', 'side.worker.js', 'tool.js']);
    const compiled = await run(process.execPath, [path.join(project, 'dist', 'server.js')], { cwd: dir });
    expect(compiled.stdout.trim()).toBe('worker answers server');
    const tool = await run(process.execPath, [path.join(project, 'dist', 'tool.js')], { cwd: dir });
    expect(tool.stdout.trim()).toBe('worker answers tool');
  });

  it('gives a compiled server that starts from another folder and serves the API and the pages', async () => {
    await run(process.execPath, ['scripts/build.mjs'], { cwd: root });
    // Every worker of the product is built beside the server, where its code looks for it.
    const workers = fs
      .readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.worker.ts'))
      .map((f) => `${path.basename(f, '.ts')}.js`);
    for (const worker of workers) expect(fs.existsSync(path.join(root, 'dist', worker)), worker).toBe(true);
    const server = await startServer(
      { DATABASE_URL: `file:${path.join(dir, 'built.db')}`, SEED_DEMO: '0' },
      // Another working directory: the build finds its migrations and pages by itself.
      { args: [path.join(root, 'dist', 'server.js')], cwd: dir },
    );
    try {
      expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toMatch(/<html[^>]*>[\s\S]*Twinning/i);
      const taxonomy = (await (await fetch(`${server.url}/api/taxonomy`)).json()) as {
        sectors: { id: string }[];
      };
      expect(taxonomy.sectors.map((s) => s.id)).toContain('biotechnology');
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(server.child.spawnargs.join(' ')).not.toMatch(/tsx/);
  });

  it('gives a compiled event scheduler worker that runs with no TypeScript loader', async () => {
    const worker = path.join(root, 'dist', 'scheduler.worker.js');
    await run(process.execPath, ['scripts/build-if-needed.mjs', 'server'], { cwd: root });
    const instance = JSON.parse(fs.readFileSync(path.join(root, 'bench', 'forums', 'tic-12.json'), 'utf8'));
    const result = await new Promise<{ assignments: unknown[]; unscheduled: unknown[] }>(
      (resolve, reject) => {
        const w = new Worker(worker, { workerData: { instance, options: { seed: 1, iterations: 2000 } } });
        w.once('message', (m) => {
          resolve(m);
          void w.terminate();
        });
        w.once('error', reject);
      },
    );
    expect(result.unscheduled).toEqual([]);
    expect(result.assignments).toHaveLength(125);
  });
});
