/** The web app's sentences for the server's refusals: the Chinese ones keep who is concerned. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withWhom } from '../../web/src/error-who';

const catalogue = fs.readFileSync(new URL('../../web/src/errors.ts', import.meta.url), 'utf8');
const zhText = (code: string) => new RegExp(`^  ${code}: '([^']+)'`, 'm').exec(catalogue)![1]!;

describe('withWhom', () => {
  it('names whose working hours or holiday a time falls outside of, in the Chinese sentence', () => {
    const details = [{ message: '王伟, Kunming' }, { message: 'Giulia Conti, Rome' }];
    expect(withWhom('OUTSIDE_WORKING_HOURS', zhText('OUTSIDE_WORKING_HOURS'), details)).toBe(
      '该时间不在某位参与者的工作时间内，或恰逢公共假日：王伟, Kunming；Giulia Conti, Rome。',
    );
  });

  it('leaves other sentences, and a refusal without details, as they are', () => {
    expect(withWhom('SLOT_TAKEN', '该时间已有安排。', [{ message: 'x' }])).toBe('该时间已有安排。');
    expect(withWhom('OUTSIDE_WORKING_HOURS', '不在工作时间内。', [])).toBe('不在工作时间内。');
  });
});
