/**
 * The registration form reads the bio as it is typed and suggests sectors and interests to tick
 * with one press: a Spanish bio on an English form on a laptop, a Chinese bio on a Chinese form on a
 * phone. Both pass an axe check with the suggestion showing.
 */

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { hasChromium, shot, sidewaysOverflow, watchConsole } from './browser';
import { useStage } from './stage';

async function accessibilityProblems(page: Page): Promise<string[]> {
  return axeViolations(page, { all: true });
}

describe.skipIf(!hasChromium)('suggestions from the bio on the registration form', () => {
  const stage = useStage();

  it('reads a Spanish bio on the English form and ticks what it found with one press', async () => {
    const ctx = await stage.browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await page.goto(`${stage.server.url}/register`);
    const sectors = page.getByRole('group', { name: 'Sectors' });
    await sectors.getByLabel('Biotechnology').waitFor();
    await page
      .getByLabel('About you and your organisation')
      .fill(
        'Parque tecnológico de Granada: biotecnología, ciudades de la salud y transferencia de tecnología.',
      );
    const box = page.locator('.bio-suggestions');
    await expect.poll(() => box.textContent()).toContain('sector: Biotechnology');
    expect(await box.textContent()).toContain('sector: Healthy city and public health');
    expect(await box.textContent()).toContain('you seek: Technology transfer');
    await shot(page, 'bio-suggestions-en');
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'Add to my profile' }).click();
    expect(await sectors.getByLabel('Biotechnology').isChecked()).toBe(true);
    expect(await sectors.getByLabel('Healthy city and public health').isChecked()).toBe(true);
    expect(
      await page.getByRole('group', { name: 'What you seek' }).getByLabel('Technology transfer').isChecked(),
    ).toBe(true);
    await expect.poll(() => box.count()).toBe(0);
    expect(await page.getByText('Added. You can change them').count()).toBe(1);
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('reads a Chinese bio on the Chinese form on a phone', async () => {
    const ctx = await stage.browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 375, height: 740 },
      timezoneId: 'Asia/Shanghai',
    });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await page.goto(`${stage.server.url}/register`);
    const sectors = page.getByRole('group', { name: '行业领域' });
    await sectors.getByLabel('葡萄酒与葡萄种植').waitFor();
    // Already ticked: not suggested again.
    await sectors.getByLabel('葡萄酒与葡萄种植').check();
    await page.getByRole('textbox', { name: /简介/ }).fill('烟台的葡萄酒企业，想在葡萄园试点精准农业。');
    const box = page.locator('.bio-suggestions');
    await expect.poll(() => box.textContent()).toContain('领域：精准农业');
    expect(await box.textContent()).toContain('您寻求：试点项目');
    expect(await box.textContent()).not.toContain('葡萄酒与葡萄种植');
    await box.scrollIntoViewIfNeeded();
    await shot(page, 'bio-suggestions-zh-phone');
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('button', { name: '添加到我的资料' }).click();
    expect(await sectors.getByLabel('精准农业').isChecked()).toBe(true);
    expect(await page.getByRole('group', { name: '希望获得' }).getByLabel('试点项目').isChecked()).toBe(true);
    expect(await page.getByText('已添加').count()).toBe(1);
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
