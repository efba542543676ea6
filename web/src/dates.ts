/**
 * Instants shown in a given zone and the reader's language. Building an Intl formatter costs far
 * more than using one, and the lobby formats a time for every chat line: one per shape, kept.
 */
import { locale } from './i18n';

const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatIn(
  instant: string | number,
  zone: string,
  options: Intl.DateTimeFormatOptions,
): string {
  const lang = locale.value === 'zh' ? 'zh-CN' : 'en-GB';
  const key = `${lang}|${zone}|${JSON.stringify(options)}`;
  let fmt = formatters.get(key);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(lang, { ...options, timeZone: zone });
    formatters.set(key, fmt);
  }
  return fmt.format(new Date(instant));
}

export const CLOCK: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** "10:00" in a zone. */
export const clockIn = (instant: string | number, zone: string) => formatIn(instant, zone, CLOCK);

/** A day with its weekday and month: "Tue 30 Nov" in English, "11月30日周二" in Chinese. */
export const DAY: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };

/** "Tue 30 Nov" in a zone. */
export const dayIn = (instant: string | number, zone: string) => formatIn(instant, zone, DAY);

/** "Tue 30 Nov 10:00" in a zone: a slot or a meeting's start. */
export const dayAndClockIn = (instant: string | number, zone: string) =>
  `${dayIn(instant, zone)} ${clockIn(instant, zone)}`;
