/**
 * Runs the real server as a child process: src/server.ts through tsx, as `npm run dev` does, or
 * the build (`dist/server.js`), as `npm start` does.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface RunOptions {
  /** Node's arguments; by default the TypeScript source through tsx. */
  args?: string[];
  cwd?: string;
}

export function runServer(
  env: Record<string, string>,
  { args = ['--import', 'tsx', 'src/server.ts'], cwd }: RunOptions = {},
): {
  child: ChildProcess;
  done: Promise<number | null>;
  output: () => string;
} {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, done, output: () => out };
}

export async function startServer(
  env: Record<string, string>,
  options: RunOptions = {},
): Promise<ServerProcess> {
  // A given PORT lets a test restart the server on the same address.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { child, done, output } = runServer({ PORT: String(port), PUBLIC_URL: url, ...env }, options);
  // Generous: under a loaded machine, compiling the server through tsx alone can take half a minute.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`server did not start: ${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    output,
    stop: async (signal = 'SIGTERM') => {
      child.kill(signal);
      return done;
    },
  };
}
