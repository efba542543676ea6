/**
 * What every browser test stands on: the web app built, a real SMTP server on loopback, the real
 * server (src/server.ts) on a fresh database, and Debian's Chromium; all started before the tests
 * of a file and stopped after them.
 *
 * E2E_SERVER=build runs the compiled server instead (dist/server.js, built first if stale), as
 * `npm start` does: CI builds anyway, and it starts in a third of the time tsx takes.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { APIRequestContext, Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { freePort, type RunOptions, type ServerProcess, startServer } from '../helpers/server-process';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { launch } from './browser';

export interface Stage {
  server: ServerProcess;
  smtp: TestSmtp;
  browser: Browser;
  /** Registers someone through the API, as the browser's context; returns the participant id. */
  register(request: APIRequestContext, profile: Record<string, unknown>): Promise<string>;
  /** Stops the server and starts it again on the same address and database. */
  restart(): Promise<void>;
  /** A new browser context signed in, with the demo's one-click sign-in, as the demo person so named. */
  signInAs(name: RegExp, options?: Parameters<Browser['newContext']>[0]): Promise<BrowserContext>;
}

const fromBuild = process.env.E2E_SERVER === 'build';
const serverRun: RunOptions = fromBuild ? { args: ['dist/server.js'] } : {};

/** Call inside a `describe`: starts everything before its tests, with extra server environment. */
export function useStage(env: Record<string, string> = {}): Stage {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinning-e2e-'));
  let serverEnv: Record<string, string> = {};
  const stage = {
    async restart() {
      await stage.server.stop();
      stage.server = await startServer(serverEnv, serverRun);
    },
    async register(request: APIRequestContext, profile: Record<string, unknown>): Promise<string> {
      const res = await request.post(`${stage.server.url}/api/participants`, {
        data: {
          sectors: ['biotechnology'],
          offers: ['technology-transfer'],
          seeks: ['research-partnership'],
          ...profile,
        },
        headers: { origin: stage.server.url },
      });
      if (res.status() !== 201) throw new Error(`registration refused: ${await res.text()}`);
      const { id, email } = (await res.json()).participant as { id: string; email: string };
      // Confirm the address with the mailed link, as the person would, in the same browser context.
      const mail = await stage.smtp.waitFor(
        (m) => m.to.includes(email) && /\/auth\/verify\?token=/.test(m.parsed.text ?? ''),
      );
      const token = decodeURIComponent(/\/auth\/verify\?token=([\w%-]+)/.exec(mail.parsed.text ?? '')![1]!);
      const verified = await request.post(`${stage.server.url}/api/auth/verify`, {
        data: { token },
        headers: { origin: stage.server.url },
      });
      if (verified.status() !== 204) throw new Error(`confirmation refused: ${await verified.text()}`);
      return id;
    },
    async signInAs(name: RegExp, options?: Parameters<Browser['newContext']>[0]): Promise<BrowserContext> {
      const res = await fetch(`${stage.server.url}/api/dev/people`);
      const { people } = (await res.json()) as { people: { id: string; name: string }[] };
      const person = people.find((p) => name.test(p.name));
      if (!person) throw new Error(`no demo person named ${name}`);
      const ctx = await stage.browser.newContext(options);
      const signIn = await ctx.request.post(`${stage.server.url}/api/dev/login-as`, {
        data: { participantId: person.id },
        headers: { origin: stage.server.url },
      });
      if (signIn.status() !== 204) throw new Error(`demo sign-in refused: ${await signIn.text()}`);
      return ctx;
    },
  } as Stage;

  beforeAll(async () => {
    const build = fromBuild ? 'scripts/build-if-needed.mjs' : 'scripts/build-web-if-needed.mjs';
    execFileSync(process.execPath, [build], { stdio: 'inherit' });
    stage.smtp = await startSmtp();
    const port = await freePort();
    serverEnv = {
      DATABASE_URL: `file:${path.join(dir, 'e2e.db')}`,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SMTP_URL: stage.smtp.url,
      OUTBOX_POLL_MS: '100',
      ...env,
    };
    stage.server = await startServer(serverEnv, serverRun);
    stage.browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await stage.browser?.close();
    await stage.server?.stop();
    await stage.smtp?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  return stage;
}
