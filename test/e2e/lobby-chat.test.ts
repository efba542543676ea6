/**
 * Chat lines in the lobby are not lost: a line the server refuses (sent too fast) goes back in the
 * box, with the refusal said, instead of vanishing with the box cleared at sending; and a long
 * chat keeps its newest line in view.
 */
import { describe, expect, it, vi } from 'vitest';
import { LobbyClient } from '../helpers/ws';
import { saying } from './announced';
import { axeViolations } from './axe';
import { hasChromium, shot, watchConsole } from './browser';
import { useStage } from './stage';

const LAPTOP = { width: 1280, height: 800 };

vi.setConfig({ expect: { poll: { timeout: 30_000, interval: 200 } } });

describe.skipIf(!hasChromium)('chat lines the lobby refuses', () => {
  const stage = useStage({ LOBBY_CHAT_BURST: '1' });

  it('go back in the box when sent faster than the lobby takes them', async () => {
    const ctx = await stage.signInAs(/Lucía/, {
      locale: 'en-GB',
      timezoneId: 'Europe/Madrid',
      viewport: LAPTOP,
    });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    const { sessions } = (await (await page.request.get(`${stage.server.url}/api/me/sessions`)).json()) as {
      sessions: { id: string; title: string }[];
    };
    const live = sessions.find((s) => s.title === 'Granada–Kunming biotech forum: preparation')!;
    await page.goto(`${stage.server.url}/sessions/${live.id}/lobby`);
    const box = page.getByRole('textbox', { name: 'Write a message' });
    await box.waitFor();
    // Two lines at once where the lobby takes one, then one a second: the second goes back in the
    // box, which nothing types over afterwards. (With the usual five at once, six lines typed on a
    // busy machine can take more than a second, and then none is refused.)
    const sent = Array.from({ length: 2 }, (_, i) => `Point ${i + 1} of the forum agenda`);
    for (const line of sent) {
      await box.fill(line);
      await box.press('Enter');
    }
    await expect.poll(() => saying(page, 'alert').textContent()).toMatch(/^Slow down/);
    const shown = page.locator('ol.chat-lines .chat-text');
    // Every line sent is either in the chat or back in the box, in the order written.
    await expect
      .poll(async () => {
        const said = await shown.allTextContents();
        return [await box.inputValue(), sent.filter((l) => !said.includes(l)).join(' ')];
      })
      .toEqual([expect.stringMatching(/^Point/), expect.stringMatching(/^Point/)]);
    const said = await shown.allTextContents();
    expect(await box.inputValue()).toBe(sent.filter((l) => !said.includes(l)).join(' '));
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'lobby-chat-refused-en');
    expect(problems).toEqual([]);
    await ctx.close();
  }, 120_000);
});

describe.skipIf(!hasChromium)('a long chat', () => {
  // Lines as fast as the server takes them: what matters is the page past 200, not the pace.
  const stage = useStage({ LOBBY_CHAT_BURST: '100', LOBBY_CHAT_PER_SECOND: '100' });

  it('keeps showing the newest line past the 200 the page keeps', async () => {
    const ctx = await stage.signInAs(/Lucía/, {
      locale: 'en-GB',
      timezoneId: 'Europe/Madrid',
      viewport: LAPTOP,
    });
    const page = await ctx.newPage();
    const { sessions } = (await (await page.request.get(`${stage.server.url}/api/me/sessions`)).json()) as {
      sessions: { id: string; title: string }[];
    };
    const live = sessions.find((s) => s.title === 'Granada–Kunming biotech forum: preparation')!;
    await page.goto(`${stage.server.url}/sessions/${live.id}/lobby`);
    await page.getByRole('textbox', { name: 'Write a message' }).waitFor();

    // The meeting's three people talk, from their own sockets, until the page has seen well over
    // 200 lines.
    const others = await Promise.all([stage.signInAs(/李娜/), stage.signInAs(/Javier/), ctx]);
    const url = `${stage.server.url.replace('http', 'ws')}/ws/sessions/${live.id}/lobby`;
    const talkers = await Promise.all(
      others.map(async (c) => {
        const sid = (await c.cookies()).find((k) => k.name === 'sid')!.value;
        const client = await LobbyClient.open(url, { sid, origin: stage.server.url });
        await client.nextOf('snapshot');
        return client;
      }),
    );
    let n = 0;
    while (n * talkers.length < 240) {
      for (const [who, client] of talkers.entries())
        client.send({ type: 'chat', text: `line ${n} from ${who}` });
      n += 1;
      if (n % 20 === 0) await page.waitForTimeout(250);
    }
    // Lines sent at the same moment from three sockets may arrive in any order; this one comes
    // after all of them have been shown.
    const lines = page.locator('ol.chat-lines li');
    await expect.poll(() => page.getByText(`line ${n - 1} from 0`).count()).toBe(1);
    await expect.poll(() => page.getByText(`line ${n - 1} from 2`).count()).toBe(1);
    const last = 'That was the last of the agenda';
    talkers[1]!.send({ type: 'chat', text: last });
    await expect.poll(() => lines.last().locator('.chat-text').textContent()).toBe(last);
    expect(await lines.count()).toBe(200);
    // The newest line is in view, at the bottom of the box.
    await expect
      .poll(() =>
        page.locator('ol.chat-lines').evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight),
      )
      .toBeLessThanOrEqual(2);
    for (const t of talkers) await t.close();
    for (const c of others) await c.close();
  }, 240_000);
});
