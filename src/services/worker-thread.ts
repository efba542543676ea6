/**
 * Starts a worker thread from a module's URL. A compiled `.js` worker starts as it is. A
 * TypeScript one (the server under tsx, vitest) needs tsx's loader inside the thread: Node 20
 * ignores loader flags such as `--import tsx` in a worker's `execArgv` (nodejs/node#47747, fixed
 * in Node 22), so a two-line bootstrap registers tsx in the thread and then imports the module.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** tsx's ESM entry (its CommonJS one cannot register the ESM loader), wherever tsx is installed. */
function tsxApiUrl(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  return new URL(pkg.exports['./esm/api']!.import.default, pathToFileURL(manifest)).href;
}

export function startWorker(url: URL, options: Omit<WorkerOptions, 'eval'>): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const tsx = tsxApiUrl();
  const bootstrap = `import(${JSON.stringify(tsx)})
    .then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })
    .catch((err) => { process.nextTick(() => { throw err; }); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
