/** A session's time as a reader in a zone says it, in their language. */
import { cityName } from '../../domain/city-names';
import type { Locale } from './layout';

/** Building an Intl formatter costs far more than using one: one per language, zone and shape. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A session's clock in a zone: with the date, or the time alone (with the zone's short name or not). */
export function formatter(
  locale: Locale,
  zone: string,
  withDate: boolean,
  zoneName = !withDate,
): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${withDate}|${zoneName}`;
  let fmt = formatters.get(key);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
      timeZone: zone,
      ...(withDate ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' } : {}),
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      ...(zoneName ? { timeZoneName: 'short' } : {}),
    });
    formatters.set(key, fmt);
  }
  return fmt;
}

/** "Mon, 29 Mar 2027, 10:00–10:30 CEST": the zone's short name shows which clock is meant. */
export function timeRange(start: number, end: number, zone: string, locale: Locale): string {
  const parts = formatter(locale, zone, false).formatToParts(end);
  const clock = parts
    .filter((p) => p.type !== 'timeZoneName')
    .map((p) => p.value)
    .join('')
    .trim();
  const zoneName = parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
  return `${formatter(locale, zone, true).format(start)}–${clock} ${zoneName}`.trim();
}

/** " (Rome)" after a time in English; "（罗马）" in Chinese, whose full-width bracket takes no space. */
export function inCity(city: string, locale: Locale): string {
  return locale === 'zh' ? `（${cityName(city, 'zh')}）` : ` (${cityName(city, 'en')})`;
}

/** "Tue, 11 May 2027, 10:00–10:30": the date and the clocks, without the zone's name. */
export function localTimeRange(start: number, end: number, zone: string, locale: Locale): string {
  return `${formatter(locale, zone, true).format(start)}–${formatter(locale, zone, false, false).format(end)}`;
}

/**
 * "Tue, 11 May 2027, 10:00–10:30 (Rome)": the time a session's mails give its reader, named by
 * their city, which says more to them than "GMT+8" or "CEST".
 */
export function timeInCity(start: number, end: number, zone: string, city: string, locale: Locale): string {
  return `${localTimeRange(start, end, zone, locale)}${inCity(city, locale)}`;
}
