/**
 * Where the project's own files are. The same code runs from src/ (tsx) and bundled into dist/
 * (the build), so a path written relative to a source file would point elsewhere once bundled;
 * both find the project by walking up to its package.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json in ${from} or above it`);
  }
}

export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

/** The committed SQL migrations (drizzle-kit generate): SQLite's, and PostgreSQL's beside them. */
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'drizzle');
export const PG_MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'drizzle', 'pg');

/** The built web app (vite build). */
export const WEB_DIST_DIR = path.join(PROJECT_ROOT, 'web', 'dist');
