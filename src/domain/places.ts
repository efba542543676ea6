/** Countries and languages: validation of codes and the side of the cooperation a country is on. */
import countries from 'i18n-iso-countries';
import ISO6391 from 'iso-639-1';

export type Side = 'eu' | 'cn' | 'other';

// Europe's side of the programme: the EU and its close neighbours that join such programmes.
const EUROPEAN = new Set(
  (
    'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE ' +
    'GB CH NO IS LI AL BA ME MK RS UA MD'
  ).split(' '),
);
const CHINESE = new Set(['CN', 'HK', 'MO']);

export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

export function isLanguageCode(code: string): boolean {
  return /^[a-z]{2}$/.test(code) && ISO6391.validate(code);
}

export function sideOfCountry(country: string): Side {
  if (EUROPEAN.has(country)) return 'eu';
  if (CHINESE.has(country)) return 'cn';
  return 'other';
}
