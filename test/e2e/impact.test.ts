/**
 * Cooperation projects and the impact report in the browser: a Rome participant records a project
 * with the Yantai partner she met (English, laptop); the partner reads it in Chinese on a phone;
 * the organizer opens the impact report on the demo data (English, charts and their tables) and
 * downloads the CSV. Every page passes axe-core's WCAG 2.1 A/AA rules.
 */

import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { hasChromium, shot, sidewaysOverflow, unnamedControls, watchConsole } from './browser';
import { useStage } from './stage';

describe.skipIf(!hasChromium)('projects and impact in the browser', () => {
  const stage = useStage({
    SEED_DEMO: '1',
    ORGANIZER_EMAILS: 'office@impact-e2e.example,bangongshi@impact-e2e.example',
  });

  it('a partner records a project, the other side reads it in Chinese on a phone', async () => {
    const romeCtx = await stage.browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Rome' });
    const rome = await romeCtx.newPage();
    const romeProblems = watchConsole(rome);
    await stage.register(romeCtx.request, {
      name: 'Giulia Conti',
      email: 'giulia@impact-e2e.example',
      organisation: 'Lazio Innova',
      city: 'Rome',
      country: 'IT',
      timeZone: 'Europe/Rome',
      languages: ['it', 'en'],
    });
    const yantaiCtx = await stage.browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 375, height: 760 },
    });
    const yantaiId = await stage.register(yantaiCtx.request, {
      name: '刘芳',
      email: 'liu.fang@impact-e2e.example',
      organisation: '烟台大学',
      city: 'Yantai',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
      languages: ['zh'],
      locale: 'zh',
    });
    const headers = { origin: stage.server.url };
    const asked = await romeCtx.request.post(`${stage.server.url}/api/meeting-requests`, {
      data: { to: yantaiId },
      headers,
    });
    const accepted = await yantaiCtx.request.post(
      `${stage.server.url}/api/meeting-requests/${(await asked.json()).id}/accept`,
      { headers },
    );
    expect(accepted.status()).toBe(200);

    await rome.goto(`${stage.server.url}/projects`);
    await rome.getByRole('link', { name: 'Record a project' }).click();
    await rome.getByLabel('Title').fill('Sino-Italian summer school on precision agriculture');
    await rome.getByLabel('Summary').fill('Two weeks in the vineyards of Yantai.');
    await rome.getByLabel('Stage').selectOption('proposal');
    await rome.getByLabel('刘芳, 烟台大学 (Yantai)').check();
    await rome.getByLabel('Precision agriculture').check();
    expect(await axeViolations(rome)).toEqual([]);
    expect(await unnamedControls(rome)).toEqual([]);
    await shot(rome, 'project-form-en');
    await rome.getByRole('button', { name: 'Save' }).click();
    await rome
      .getByRole('heading', { name: 'Sino-Italian summer school on precision agriculture' })
      .waitFor();
    await expect.poll(() => rome.locator('.stage-badge').textContent()).toBe('Proposal');
    expect(await rome.locator('.stage-history li').count()).toBe(1);
    expect(await axeViolations(rome)).toEqual([]);
    await shot(rome, 'project-page-en');
    await rome.getByRole('link', { name: 'All projects' }).click();
    await rome.getByRole('heading', { name: 'Cooperation projects' }).waitFor();
    expect(await axeViolations(rome)).toEqual([]);
    await shot(rome, 'projects-en');
    expect(romeProblems).toEqual([]);

    // The partner on a phone, in Chinese: the list, the project, and a stage change.
    const yantai = await yantaiCtx.newPage();
    const yantaiProblems = watchConsole(yantai);
    await yantai.goto(`${stage.server.url}/projects`);
    await yantai.getByRole('heading', { name: '合作项目', level: 1 }).waitFor();
    await yantai.getByRole('link', { name: 'Sino-Italian summer school on precision agriculture' }).click();
    await yantai.getByRole('heading', { name: '阶段记录' }).waitFor();
    // Partners in Chinese punctuation: a full-width comma and brackets.
    expect(await yantai.locator('main ul').first().textContent()).toContain(
      'Giulia Conti，Lazio Innova — 罗马（欧洲）',
    );
    expect(await axeViolations(yantai)).toEqual([]);
    expect(await sidewaysOverflow(yantai)).toBe(0);
    await shot(yantai, 'project-page-zh-phone');
    // The edit form shows only once the project has loaded: held back here, the page says it is
    // loading and offers no field that the load could later overwrite.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await yantai.route('**/api/projects/*', async (route) => {
      const request = route.request();
      if (request.method() === 'GET' && !request.url().endsWith('/candidates')) await held;
      await route.continue();
    });
    await yantai.getByRole('link', { name: '编辑' }).click();
    await yantai.getByText('加载中…').waitFor();
    expect(await yantai.getByLabel('阶段').count()).toBe(0);
    release();
    await yantai.getByLabel('阶段').waitFor();
    expect(await yantai.getByLabel('阶段').inputValue()).toBe('proposal');
    expect(await yantai.getByLabel('标题').inputValue()).toBe(
      'Sino-Italian summer school on precision agriculture',
    );
    await yantai.unroute('**/api/projects/*');
    await yantai.getByLabel('阶段').selectOption('mou-signed');
    expect(await axeViolations(yantai)).toEqual([]);
    expect(await sidewaysOverflow(yantai)).toBe(0);
    await shot(yantai, 'project-form-zh-phone');
    await yantai.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => yantai.locator('.stage-badge').textContent()).toBe('已签署谅解备忘录');
    expect(await yantai.locator('.stage-history li').count()).toBe(2);
    await yantai.goto(`${stage.server.url}/projects`);
    await yantai.getByRole('heading', { name: '合作项目', level: 1 }).waitFor();
    expect(await axeViolations(yantai)).toEqual([]);
    await shot(yantai, 'projects-zh-phone');
    expect(yantaiProblems).toEqual([]);
  }, 180_000);

  it('the organizer reads the impact report as charts, with tables, filters and a CSV', async () => {
    const ctx = await stage.browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Brussels' });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await stage.register(ctx.request, {
      name: 'Programme office',
      email: 'office@impact-e2e.example',
      organisation: 'IUC Asia',
      city: 'Brussels',
      country: 'BE',
      timeZone: 'Europe/Brussels',
      languages: ['en'],
    });
    await page.goto(`${stage.server.url}/admin`);
    await page.getByRole('link', { name: 'Impact' }).click();
    await page.getByRole('heading', { name: 'Impact of the programme' }).waitFor();
    const funnel = page.getByRole('img', { name: /From request to pilot/ });
    await funnel.waitFor();
    // The demo's pilots are there (eight projects, and the one the other test recorded), drawn as
    // bars and written in the tables.
    expect(await page.locator('figure.chart').count()).toBe(5);
    const report = await (await ctx.request.get(`${stage.server.url}/api/admin/impact`)).json();
    expect(report.funnel.projects).toBeGreaterThanOrEqual(8);
    await expect
      .poll(() => funnel.locator('desc').textContent())
      .toContain(`Projects ${report.funnel.projects}`);
    await page.getByText('The figures as a table').first().click();
    await expect
      .poll(() => page.locator('details.chart-table table').first().textContent())
      .toContain(String(report.funnel.meetingsHeld));
    expect(await axeViolations(page)).toEqual([]);
    expect(await unnamedControls(page)).toEqual([]);
    await shot(page, 'impact-en');

    // A filter narrows the charts to one city pair.
    await page.locator('select[name=cities]').selectOption('Granada,Kunming');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.url()).toContain('cities=Granada%2CKunming');
    await funnel.waitFor();
    await shot(page, 'impact-en-granada-kunming');

    const csv = await ctx.request.get(`${stage.server.url}/api/admin/impact.csv`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('"project-stage","running"');
    expect(problems).toEqual([]);
  }, 180_000);

  it('a Chinese-speaking organizer reads the admin pages on a phone: places in Chinese, charts legible', async () => {
    const ctx = await stage.browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 375, height: 760 },
    });
    const page = await ctx.newPage();
    const problems = watchConsole(page);
    await stage.register(ctx.request, {
      name: '项目办公室',
      email: 'bangongshi@impact-e2e.example',
      organisation: '昆明科技局',
      city: 'Kunming',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
      languages: ['zh'],
      locale: 'zh',
    });

    // The overview counts people by country, named in Chinese rather than as "CN 17 · IT 7".
    await page.goto(`${stage.server.url}/admin`);
    const people = page.locator('a.stat').first();
    await expect.poll(() => people.textContent()).toContain('中国');
    expect(await people.textContent()).toContain('意大利');
    expect(await people.textContent()).not.toMatch(/\bCN\b|\bIT\b/);
    await shot(page, 'admin-overview-zh-phone');

    // The participants and sessions lists name cities in Chinese.
    await page.goto(`${stage.server.url}/admin/participants`);
    await expect.poll(() => page.locator('table').first().textContent()).toContain('昆明，中国');
    expect(await page.locator('table').first().textContent()).toContain('罗马，意大利');
    expect(await page.locator('table').first().textContent()).not.toMatch(/Kunming, CN|Rome, IT/);
    // Wider than the phone, the table scrolls sideways in a box that a keyboard can focus and
    // scroll, named for what it lists (axe's scrollable-region-focusable).
    const box = page.getByRole('region', { name: '参与者一览表' });
    await expect.poll(() => box.getAttribute('tabindex')).toBe('0');
    expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await page.goto(`${stage.server.url}/admin/sessions`);
    await expect.poll(async () => (await page.locator('table').count()) > 0).toBe(true);
    expect(await page.locator('table').first().textContent()).not.toMatch(
      /\((Rome|Granada|Kunming|Yantai)\)/,
    );

    // The impact report: the city-pair filter reads in Chinese and still sends the API's key.
    await page.goto(`${stage.server.url}/admin/impact`);
    await page.getByRole('heading', { name: '项目成效' }).waitFor();
    const pair = page.locator('select[name=cities] option[value="Granada,Kunming"]');
    await expect.poll(() => pair.textContent()).toBe('格拉纳达 – 昆明');
    await page
      .getByRole('img', { name: /城市对/ })
      .first()
      .waitFor();
    expect(await page.locator('figure.chart').nth(2).locator('desc').textContent()).toContain(
      '格拉纳达 – 昆明',
    );
    // Over time, every period between the first and the last is drawn, the quiet ones as zeros
    // (the demo's missions of 2018–2020 and its meetings now): quarters, as the span is long.
    const overTime = page.locator('figure.chart').nth(1);
    expect(await overTime.locator('figcaption').textContent()).toBe('按季度');
    expect(await overTime.locator('desc').textContent()).toContain('2022年Q2 0 / 0 / 0');
    // Chart labels are legible on the phone: each drawn at 11 px or more, not shrunk to 6 px.
    const smallest = await page.evaluate(
      `Math.min(...[...document.querySelectorAll('figure.chart text')].map((t) => t.getBoundingClientRect().height))`,
    );
    expect(smallest).toBeGreaterThanOrEqual(11);
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'impact-zh-phone');

    await page.locator('select[name=cities]').selectOption('Granada,Kunming');
    await page.getByRole('button', { name: /应用|筛选/ }).click();
    await expect.poll(() => page.url()).toContain('cities=Granada%2CKunming');
    await page.getByText('数据表').nth(2).click();
    await expect
      .poll(() => page.locator('details.chart-table').nth(2).locator('tbody').textContent())
      .toContain('格拉纳达 – 昆明');
    await shot(page, 'impact-zh-phone-granada-kunming');
    expect(problems).toEqual([]);
  }, 180_000);
});
