// Builds what is missing or older than its sources before `npm start` (and the operator
// commands) run the compiled code: dist/ from src/, and the web app (scripts/build-web-if-needed.mjs).
// An up-to-date tree builds nothing and needs no build tool, so a deployment may drop its
// devDependencies after `npm run build`.
//
// `node scripts/build-if-needed.mjs [server|web]`: both when neither is named.
// Messages go to stderr: the commands that follow own stdout.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const what = process.argv[2] ?? 'all';
if (!['all', 'server', 'web'].includes(what)) {
  console.error(`unknown part "${what}": expected server or web`);
  process.exit(2);
}

function newest(file) {
  if (!fs.existsSync(file)) return 0;
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs; // a deleted source makes the folder newer
  for (const entry of fs.readdirSync(file)) latest = Math.max(latest, newest(path.join(file, entry)));
  return latest;
}

if (what !== 'web') {
  const { entryPoints } = await import('./entries.mjs');
  // The oldest output decides: a command added to src/cli/ since the last build counts as stale.
  const builtAt = Math.min(
    ...Object.keys(entryPoints(root)).map((name) => {
      const built = path.join(root, 'dist', `${name}.js`);
      return fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
    }),
  );
  const sourcesAt = Math.max(
    newest(path.join(root, 'src')),
    newest(path.join(root, 'scripts', 'build.mjs')),
    newest(path.join(root, 'package.json')),
  );
  if (builtAt < sourcesAt) {
    console.error('Building the server…');
    const { buildServer } = await import('./build.mjs');
    try {
      await buildServer(root);
    } catch (err) {
      console.error(`build failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    }
  }
}

if (what !== 'server') await import('./build-web-if-needed.mjs');
