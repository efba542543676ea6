/**
 * Start-up of the compiled server against today's `tsx src/server.ts`, in the same run: time from
 * spawning to the first 200 from /healthz on an empty database, and resident memory once idle.
 * `npm start` is measured too, with its build check, on a tree that is already built.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../test/helpers/server-process';
import type { Row } from './run';

const ROOT = path.resolve(import.meta.dirname, '..');
const RUNS = 5;
const IDLE_MS = 3000;
const TARGET_MS = 2000;
const TARGET_MB = 150;

interface Variant {
  name: string;
  command: string;
  args: string[];
}

const VARIANTS: Variant[] = [
  { name: 'npm start (built tree)', command: 'npm', args: ['start', '--silent'] },
  { name: 'node dist/server.js', command: process.execPath, args: ['dist/server.js'] },
  {
    name: 'tsx src/server.ts',
    command: path.join(ROOT, 'node_modules', '.bin', 'tsx'),
    args: ['src/server.ts'],
  },
];

interface Sample {
  ms: number;
  /** The process that serves (the last node of the tree), in MB. */
  serverMb: number;
  /** Every process of the tree (npm, sh, tsx's launcher and the server), in MB. */
  treeMb: number;
}

/** Children of every process, from /proc. */
function childrenOf(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      map.set(ppid, [...(map.get(ppid) ?? []), Number(entry)]);
    } catch {}
  }
  return map;
}

function tree(pid: number): number[] {
  const children = childrenOf();
  const all: number[] = [];
  const walk = (p: number) => {
    all.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return all;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

async function once(variant: Variant): Promise<Sample> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinning-start-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  // Its own process group, so that npm's and tsx's children stop with it.
  const child: ChildProcess = spawn(variant.command, variant.args, {
    cwd: ROOT,
    detached: true,
    stdio: 'ignore',
    env: {
      ...process.env,
      DATABASE_URL: `file:${path.join(dir, 'empty.db')}`,
      SEED_DEMO: '0',
      PORT: String(port),
      PUBLIC_URL: url,
      LOG_LEVEL: 'warn',
    },
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    let ms = 0;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${variant.name} exited with ${child.exitCode}`);
      try {
        const res = await fetch(`${url}/healthz`);
        if (res.status === 200) {
          ms = performance.now() - t0;
          break;
        }
      } catch {}
      if (performance.now() - t0 > 30_000) throw new Error(`${variant.name} did not answer in 30 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const pids = tree(child.pid!);
    const server = [...pids].reverse().find((p) => /server\.(js|ts)/.test(cmdline(p))) ?? child.pid!;
    return { ms, serverMb: rssMb(server), treeMb: pids.reduce((sum, p) => sum + rssMb(p), 0) };
  } finally {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {}
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const spread = (xs: number[], digits = 0) =>
  `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

export async function benchStart(): Promise<Row[]> {
  // A built tree, as `npm start` leaves it; the build itself is not what is measured.
  execFileSync(process.execPath, ['scripts/build-if-needed.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const samples = new Map<string, Sample[]>(VARIANTS.map((v) => [v.name, []]));
  // Interleaved, so that whatever else the machine does falls on every variant alike.
  for (let i = 0; i < RUNS; i++) {
    for (const v of VARIANTS) samples.get(v.name)!.push(await once(v));
  }
  const tsx = samples.get('tsx src/server.ts')!;
  const rows: Row[] = [];
  for (const v of VARIANTS.filter((x) => x.name !== 'tsx src/server.ts')) {
    const s = samples.get(v.name)!;
    const ms = s.map((x) => x.ms);
    rows.push({
      benchmark: `start: ${v.name} → first 200 from /healthz, empty database`,
      figure: `${spread(ms)} ms`,
      baseline: `tsx src/server.ts ${spread(tsx.map((x) => x.ms))} ms`,
      ratio: `${(median(tsx.map((x) => x.ms)) / median(ms)).toFixed(2)}× faster`,
      note: `median (min–max) of ${RUNS}; target ≤ ${TARGET_MS} ms: ${median(ms) <= TARGET_MS ? 'met' : 'MISSED'}`,
    });
  }
  for (const v of VARIANTS.filter((x) => x.name !== 'tsx src/server.ts')) {
    const s = samples.get(v.name)!;
    const mb = s.map((x) => x.serverMb);
    rows.push({
      benchmark: `idle RSS after ${IDLE_MS / 1000} s: ${v.name}, the server process`,
      figure: `${spread(mb)} MB`,
      baseline: `tsx: server ${spread(tsx.map((x) => x.serverMb))} MB, with its launcher ${spread(tsx.map((x) => x.treeMb))} MB`,
      ratio: `${(median(tsx.map((x) => x.treeMb)) / median(mb)).toFixed(2)}× less than tsx's two`,
      note: `whole tree ${spread(s.map((x) => x.treeMb))} MB; target ≤ ${TARGET_MB} MB: ${median(mb) <= TARGET_MB ? 'met' : 'MISSED'}`,
    });
  }
  return rows;
}
