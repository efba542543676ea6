// The entries of the server build (see scripts/build.mjs), apart from the build itself so that
// scripts/build-if-needed.mjs can tell whether each is built without loading esbuild.
import fs from 'node:fs';
import path from 'node:path';

function filesUnder(dir, test) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, test);
    return test(entry.name) ? [full] : [];
  });
}

/** Output name (without .js) → source file, for every entry of the build. */
export function entryPoints(root) {
  const src = path.join(root, 'src');
  const entries = {};
  const add = (name, file) => {
    if (entries[name]) {
      throw new Error(`two sources would both build dist/${name}.js: ${entries[name]} and ${file}`);
    }
    entries[name] = file;
  };
  add('server', path.join(src, 'server.ts'));
  const command = (n) => n.endsWith('.ts') && !n.endsWith('.d.ts') && !n.endsWith('.worker.ts');
  for (const file of filesUnder(path.join(src, 'cli'), command)) {
    add(path.basename(file, '.ts'), file);
  }
  for (const file of filesUnder(src, (n) => n.endsWith('.worker.ts'))) {
    add(path.basename(file, '.ts'), file);
  }
  return entries;
}
