/** Every error code the server can send has a Chinese text in the web app's catalogue. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/domain/errors';

describe('error catalogue', () => {
  it('has a Chinese message for each code', () => {
    const web = fs.readFileSync(new URL('../../web/src/errors.ts', import.meta.url), 'utf8');
    const zh = web.slice(web.indexOf('const zh'), web.indexOf('const en'));
    const missing = Object.keys(ERROR_CODES).filter((code) => !new RegExp(`^  ${code}:`, 'm').test(zh));
    expect(missing).toEqual([]);
  });
});
