/**
 * A lobby that loses its server: the page says it is reconnecting, keeps what was typed in the
 * chat box, and comes back by itself once the server is up again on the same address and data.
 */
import { describe, expect, it } from 'vitest';
import { hasChromium, watchConsole } from './browser';
import { useStage } from './stage';

describe.skipIf(!hasChromium)('a lobby across a server restart', () => {
  const stage = useStage();

  it('shows "reconnecting", keeps the draft, and recovers', async () => {
    const people = (await (await fetch(`${stage.server.url}/api/dev/people`)).json()) as {
      people: { id: string; city: string; role: string }[];
    };
    const rome = people.people.find((p) => p.city === 'Rome' && p.role === 'participant')!;
    const ctx = await stage.browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Rome' });
    const headers = { origin: stage.server.url };
    await ctx.request.post(`${stage.server.url}/api/dev/login-as`, {
      data: { participantId: rome.id },
      headers,
    });
    // Someone in China who accepted a meeting with her (the demo has such requests).
    const requests = (await (await ctx.request.get(`${stage.server.url}/api/meeting-requests`)).json()) as {
      outgoing: { status: string; to: string }[];
    };
    const yantai = { id: requests.outgoing.find((r) => r.status === 'accepted')!.to };
    const slots = await (
      await ctx.request.get(`${stage.server.url}/api/slots?with=${yantai.id}&duration=30`)
    ).json();
    const booked = await ctx.request.post(`${stage.server.url}/api/sessions`, {
      data: { kind: 'meeting', with: [yantai.id], start: slots.slots[0].start, duration: 30 },
      headers,
    });
    expect(booked.status()).toBe(201);
    const page = await ctx.newPage();
    // While the server is down the browser logs the failed socket, and a request that reaches it
    // while it closes is answered 503 (then asked again); nothing else may appear.
    const problems = watchConsole(page, [/WebSocket/, /ERR_CONNECTION_REFUSED/, /status of 503/]);
    await page.goto(`${stage.server.url}/sessions/${(await booked.json()).id}/lobby`);
    const reconnecting = page.getByText('Connection lost. Reconnecting…');
    await expect.poll(() => page.locator('li.lobby-person').count()).toBeGreaterThan(0);
    expect(await reconnecting.count()).toBe(0);

    await page.getByRole('textbox', { name: 'Write a message' }).fill('Half-written, not to be lost');
    const restarted = stage.restart();
    await expect.poll(() => reconnecting.count(), { timeout: 15_000 }).toBe(1);
    await restarted;

    await expect.poll(() => reconnecting.count(), { timeout: 30_000 }).toBe(0);
    expect(await page.getByRole('textbox', { name: 'Write a message' }).inputValue()).toBe(
      'Half-written, not to be lost',
    );
    await expect.poll(() => page.locator('li.lobby-person').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await ctx.close();
  }, 90_000);
});
