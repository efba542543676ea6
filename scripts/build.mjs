// `npm run build:server`: bundles the server and the command-line tools into dist/, so that
// production runs plain JavaScript and compiles no TypeScript at start. Dependencies stay in
// node_modules (better-sqlite3 is a native module); only our own code is bundled.
//
// Every entry lands flat in dist/: dist/server.js, dist/<cli name>.js, and each
// src/**/*.worker.ts as dist/<name>.worker.js, so that code bundled into any entry finds a worker
// with new URL('./<name>.worker.js', import.meta.url) exactly as the source finds
// './<name>.worker.ts' beside itself under tsx.
//
// `node scripts/build.mjs [--root DIR]`: DIR defaults to this checkout.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { entryPoints } from './entries.mjs';

export async function buildServer(root) {
  const outdir = path.join(root, 'dist');
  // Start clean: an entry removed from src/ must not linger in dist/ and be run by mistake.
  fs.rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: entryPoints(root),
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  return outdir;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--root');
  const root = path.resolve(at > 0 ? process.argv[at + 1] : path.join(import.meta.dirname, '..'));
  try {
    await buildServer(root);
  } catch (err) {
    console.error(`build failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
