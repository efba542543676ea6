/**
 * Each page's title, in the browser's tab, history and bookmarks: the page's heading, then the
 * app's name ("我的日程 – Twinning"), in the reader's language, kept up to date as the heading
 * changes (a page's data arriving, the language switched). After a move between pages inside the
 * app, a polite live region also says the new page's title: without a page load a screen reader
 * hears nothing when the address changes. The focus stays where it was; pages that place it
 * themselves (a webinar opened from its link) keep doing so.
 *
 * A page may open with a message about what led to it ("Booked", "Your account was deleted"):
 * its status region comes with the page, and a live region inserted together with its text is
 * not announced, so the announcement of the title carries it too.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { locale, t } from './i18n';

/** The title for a page whose main heading reads `heading` (none on a page still loading). */
export function titleFor(path: string, heading: string | undefined): string {
  const text = heading?.replace(/\s+/g, ' ').trim();
  // The home page's heading is the app's tagline: the name alone says it better.
  return text && path !== '/' ? `${text} – ${t('appName')}` : t('appName');
}

/** Phrases said one after another, each closed as a sentence ("。" in Chinese) unless it already is. */
export function sentences(parts: string[], zh: boolean): string {
  return parts
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .map((p) => (/[.!?。！？]$/.test(p) ? p : `${p}${zh ? '。' : '.'}`))
    .join(zh ? '' : ' ');
}

export function PageTitle() {
  const { path } = useLocation();
  const [announcement, setAnnouncement] = useState('');
  const previousPath = useRef<string | null>(null);

  useEffect(() => {
    const main = document.getElementById('main');
    if (!main) return;
    // The first page of a visit is announced by the browser itself, as any page load.
    let announce = previousPath.current !== null && previousPath.current !== path;
    previousPath.current = path;
    // A page loaded on demand (the organizers') shows after the address changes, the page before
    // it still in place meanwhile: its title is not the new page's. Said once the title changes,
    // or after a second if it never does (two pages with the same heading).
    const before = document.title;
    let frame = 0;
    const update = (settled = false) => {
      frame = 0;
      const heading = main.querySelector('h1')?.textContent ?? undefined;
      const title = titleFor(path, heading);
      if (document.title !== title) document.title = title;
      if (announce && heading && (title !== before || settled)) {
        announce = false;
        const opening = [...main.querySelectorAll('[role="status"]')]
          .map((el) => el.textContent?.trim() ?? '')
          .filter(Boolean);
        setAnnouncement(opening.length ? sentences([title, ...opening], locale.value === 'zh') : title);
      }
    };
    update();
    const observer = new MutationObserver(() => {
      if (!frame) frame = requestAnimationFrame(() => update());
    });
    observer.observe(main, { childList: true, subtree: true, characterData: true });
    const fallback = setTimeout(() => update(true), 1000);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      clearTimeout(fallback);
    };
  }, [path]);

  return (
    <p class="visually-hidden" aria-live="polite" aria-atomic="true" data-route-announcer>
      {announcement}
    </p>
  );
}
