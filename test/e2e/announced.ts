/**
 * What a screen reader hears of a page's messages. NVDA with Chrome and VoiceOver announce a
 * change inside a live region they already knew, not a region inserted together with its text
 * (role="alert" is the exception in most of them, and still not in all). `listen` starts, before an
 * action, a MutationObserver noting each text put inside a live region (role status or alert,
 * aria-live) and whether that region was in the page when listening began; `heard` says what it
 * noted. Page loads end the listening: for actions within the app.
 */
import type { Locator, Page } from 'playwright-core';

export interface Message {
  text: string;
  /** status, alert, or aria-live for a region with only the attribute. */
  role: string;
  /** The region was in the page before the action: the text is announced. */
  regionWasThere: boolean;
}

export async function listen(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const LIVE = '[role="status"], [role="alert"], [aria-live]';
    const there = new WeakSet(document.querySelectorAll(LIVE));
    const heard = [];
    window.__heard = heard;
    const note = (region, node) => {
      const text = (node.textContent || '').replace(/\\s+/g, ' ').trim();
      if (text) heard.push({ text, role: region.getAttribute('role') || 'aria-live', regionWasThere: there.has(region) });
    };
    const regionOf = (node) => {
      const el = node.nodeType === 1 ? node : node.parentElement;
      return el ? el.closest(LIVE) : null;
    };
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'characterData') {
          const region = regionOf(r.target);
          if (region) note(region, r.target);
          continue;
        }
        for (const node of r.addedNodes) {
          const region = regionOf(node);
          if (region) note(region, node);
          // Regions brought in with a larger piece of page, their text with them.
          else if (node.nodeType === 1) for (const inner of node.querySelectorAll(LIVE)) note(inner, inner);
        }
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  })()`);
}

export async function heard(page: Page): Promise<Message[]> {
  return page.evaluate('window.__heard || []');
}

/** The live regions of a role that say something now (the others wait, empty, for their message). */
export function saying(where: Page | Locator, role: 'status' | 'alert'): Locator {
  return where.getByRole(role).filter({ hasText: /\S/ });
}

/** Live regions with nothing to say that still take room on the page (none should; a visually hidden one is meant to). */
export async function roomyEmptyRegions(page: Page): Promise<string[]> {
  return page.evaluate(`[...document.querySelectorAll('[role="status"], [role="alert"], p[aria-live]')]
    .filter((el) => !el.textContent.trim() && !el.children.length && !el.classList.contains('visually-hidden'))
    .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 || r.height > 0; })
    .map((el) => el.outerHTML.slice(0, 120))`);
}
