/** Cities and countries in the reader's script (one city list for mails and pages). */
import { cityName } from '../../src/domain/city-names';
import { me } from './api';
import { locale } from './i18n';

export { cityName };

/** A city as people typed it (the API's English name), in the current reader's script. */
export function city(name: string): string {
  return cityName(name, locale.value);
}

const regionNames = new Map<string, Intl.DisplayNames>();

/** An ISO 3166 country code ("CN") as the country's name in the reader's language ("中国"). */
export function countryName(code: string): string {
  const tag = locale.value === 'zh' ? 'zh-CN' : 'en';
  let names = regionNames.get(tag);
  if (!names) {
    names = new Intl.DisplayNames([tag], { type: 'region' });
    regionNames.set(tag, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    // Not a well-formed code (old data): show it as stored rather than fail the page.
    return code;
  }
}

/**
 * A zone as the reader knows it: their own by their city ("昆明"), as every time on the pages is
 * named; another by its name without underscores ("America/New York").
 */
export function zonePlace(zone: string): string {
  const reader = me.value;
  return reader && reader.timeZone === zone ? city(reader.city) : zone.replaceAll('_', ' ');
}
