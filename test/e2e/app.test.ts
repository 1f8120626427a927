/**
 * End to end: the real server (in-process, temp SQLite, sample data) and the built web app, driven
 * through Debian's chromium. One story, in order: a unit fills a new form from nothing with the
 * keyboard and watches the numbers move, submits; the department returns it with a field comment;
 * the unit fixes and resubmits; approval and publication; the dashboard; spot checks; import;
 * print and history. Screenshots of each main page go to artifacts/screenshots/.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { buildWebIfStale } from './support/web-build.js';
import { ACCOUNTS, startTestServer } from './support/server.js';
import { CHROMIUM, launch, shot } from './support/browser.js';
import { bigForm } from './support/big-form.js';

const hasChromium = existsSync(CHROMIUM);
const PROJECT = '智慧政务平台运维项目<img src=x onerror="window.__xss=1">';
const DEPT = '上海市普陀区人民政府办公室';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Awaited<ReturnType<typeof launch>>;
let page: Page;
let formId = '';
const pageErrors: string[] = [];

const text = (testId: string) => page.getByTestId(testId).first().innerText();
const waitText = async (testId: string, expected: string | RegExp) => {
  await expect.poll(() => text(testId), { timeout: 10_000 }).toMatch(expected);
};

async function login(role: keyof typeof ACCOUNTS) {
  const a = ACCOUNTS[role];
  await page.goto(`${server.url}/#/`);
  if (await page.getByTestId('logout').isVisible().catch(() => false)) {
    await page.getByTestId('logout').click();
  }
  await page.getByTestId('login-username').fill(a.username);
  await page.getByTestId('login-password').fill(a.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('whoami').waitFor();
}

async function logout() {
  await page.getByTestId('logout').click();
  await page.getByTestId('login-username').waitFor();
}

async function openOurForm() {
  await page.goto(`${server.url}/#/forms/${formId}`);
  await page.getByTestId('form-sheet').waitFor();
}

/** Type into the focused element, then Enter to move on (the editor's keyboard order). */
async function typeEnter(value: string) {
  if (value) await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

const fill = (path: string, value: string) => page.locator(`[data-path="${path}"]`).fill(value);

describe.skipIf(!hasChromium)('web app end to end', () => {
  beforeAll(async () => {
    buildWebIfStale();
    server = await startTestServer();
    browser = await launch();
    page = browser.page;
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('dialog', (d) => { pageErrors.push(`unexpected dialog: ${d.message()}`); void d.dismiss(); });
  }, 180_000);

  beforeEach((ctx) => {
    ctx.onTestFailed(async () => {
      await shot(page, `failed-${ctx.task.name.slice(0, 40).replace(/[^\w\u4e00-\u9fff]+/g, '_')}`).catch(() => {});
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the login page in Chinese and rejects a wrong password', async () => {
    await page.goto(`${server.url}/`);
    await page.getByTestId('login-username').waitFor();
    expect(await page.locator('body').innerText()).toContain('财政项目支出绩效自评');
    await shot(page, '01-login');
    await page.getByTestId('login-username').fill('filler');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').innerText()).toContain('用户名或密码错误');
  });

  it('a unit fills a new form from nothing, with the keyboard, and the numbers follow as it types', async () => {
    await login('filler');
    await page.getByTestId('forms-table').waitFor();
    await shot(page, '02-forms-list-filler');
    await page.getByTestId('nav-new').click();
    await page.getByTestId('form-sheet').waitFor();

    const findingsCount = () => page.getByTestId('findings-panel').getAttribute('data-codes');
    const findingsBefore = await findingsCount();
    await fill('projectName', PROJECT);
    await fill('department', DEPT);
    await fill('year', '2023');
    await fill('funds.total.initialBudget', '1,000,000');
    await fill('funds.total.annualBudget', '1000000');
    await fill('funds.total.executed', '500000');
    await waitText('live-rate', /^50%$/);
    await waitText('live-exec-score', /^5$/);
    await fill('funds.total.executed', '980000');
    await waitText('live-rate', /^98%$/);
    await waitText('live-exec-score', /^9\.8$/);
    await fill('funds.fiscal.initialBudget', '1000000');
    await fill('funds.fiscal.annualBudget', '1000000');
    await fill('funds.fiscal.executed', '980000');
    await fill('goals.expected', '保障全区政务平台全年稳定运行，完成设备更新100台。');
    await fill('goals.actual', '平台全年稳定运行，完成设备更新。');

    // the indicator table, keyboard only: Enter moves to the next cell, Enter on the last adds a row
    await page.getByTestId('add-row').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-nav'))).toBe('0:0');
    for (const v of ['设备更新数量', '>=100台', '60台', '50', '50', '']) await typeEnter(v);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-nav'))).toBe('1:0');
    // row 2 inherited 产出/数量; Shift+Tab reaches its category picker
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('社会效益');
    await page.keyboard.press('Enter');
    // choosing the category hands the focus on to the row's name
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-nav'))).toBe('1:0');
    for (const v of ['系统可用率', '>=99%', '99.5%', '30', '30', '']) await typeEnter(v);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('服务对象满意度');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-nav'))).toBe('2:0');
    for (const v of ['用户满意度', '>=90%', '95%', '10', '10']) await typeEnter(v);
    expect(await page.locator('tr[data-row]').count()).toBe(3);
    expect(await page.locator('td.merged').count()).toBe(6);
    // how the cells were read
    expect(await page.locator('tr[data-row="0"] .read-as').first().innerText()).toBe('≥ 100 台');

    // 60 of 100 done: proportional score 30, so the total and the grade follow
    await waitText('suggested-0', /30/);
    await waitText('live-total', /^79\.8$/);
    await waitText('live-grade', /^中$/);
    const findingsMid = await findingsCount();
    expect(findingsMid).not.toBe(findingsBefore);
    await expect.poll(() => page.locator('.cell-issue[data-code="I8"]').count()).toBeGreaterThan(0);

    await fill('indicators[0].actual', '100台');
    await waitText('live-total', /^99\.8$/);
    await waitText('live-grade', /^优$/);

    await fill('funds.total.weight', '10');
    await fill('funds.total.rate', '98');
    await fill('funds.total.score', '9.8');
    await fill('totalWeight', '100');
    await fill('totalScore', '99.8');
    await waitText('printed-grade', /^优$/);
    await expect.poll(() => page.getByTestId('submit-blockers').count()).toBe(0);
    await expect.poll(() => page.getByTestId('findings-panel').getAttribute('data-errors')).toBe('0');

    // autosave created the draft and moved the URL to it
    await waitText('save-state', /已保存/);
    formId = /#\/forms\/([^/?]+)/.exec(page.url())?.[1] ?? '';
    expect(formId).toMatch(/^[0-9a-f-]{36}$/);
    await shot(page, '03-editor-filled');
    expect(await page.locator('body').innerText()).toContain(PROJECT);

    await page.getByTestId('submit').click();
    await waitText('status', '主管部门审核中');
  });

  it('the department returns the form with a field comment', async () => {
    await logout();
    await login('dept_reviewer');
    await page.getByTestId('forms-table').waitFor();
    await expect.poll(() => page.locator('[data-testid=form-link]', { hasText: '智慧政务平台运维项目' }).count()).toBe(1);
    await shot(page, '04-queue-dept');
    await page.locator('[data-testid=form-link]', { hasText: '智慧政务平台运维项目' }).click();
    await page.getByTestId('review-card').waitFor();
    await page.locator('[data-cell="indicators[1].actual"]').click();
    await page.getByRole('tab', { name: /批注/ }).click();
    await waitText('comment-path', /第 2 行“系统可用率” 实际完成值/);
    await page.getByTestId('comment-body').fill('请提供系统可用率的监测报告，并核实数值。');
    await page.getByTestId('comment-add').click();
    await page.getByTestId('review-message').fill('请补充佐证后重新提交');
    await shot(page, '05-review-dept');
    await page.getByTestId('return').click();
    await waitText('status', '已退回');
  });

  it('the unit sees the comment at its cell, fixes the value and resubmits', async () => {
    await logout();
    await login('filler');
    await openOurForm();
    await expect.poll(() => page.locator('[data-cell="indicators[1].actual"] [data-testid=cell-comment]').count()).toBe(1);
    await fill('indicators[1].actual', '99.6%');
    await waitText('save-state', /已保存/);
    await page.getByRole('tab', { name: /批注/ }).click();
    await page.getByText('标为已处理').first().click();
    await expect.poll(() => page.locator('[data-cell="indicators[1].actual"] .cell-comment.resolved').count()).toBe(1);
    await shot(page, '06-editor-returned');
    await page.getByTestId('submit').click();
    await waitText('status', '主管部门审核中');
  });

  it('the department approves, and the form shows on its dashboard', async () => {
    await logout();
    await login('dept_reviewer');
    await openOurForm();
    await page.getByTestId('approve').click();
    await waitText('status', '财政局审核中');
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('dashboard').waitFor();
    const forms = Number(await text('dash-forms'));
    expect(forms).toBeGreaterThan(1);
    await page.waitForTimeout(300);
    await shot(page, '07-dashboard-dept');
    // click through: the totals card opens the list of the same forms, which holds ours
    await page.getByTestId('dash-forms').click();
    await expect.poll(() => page.locator('.ant-pagination-total-text').innerText()).toBe(`共 ${forms} 张`);
    await page.getByPlaceholder('项目、单位、目标关键字').fill('智慧政务');
    await page.getByPlaceholder('项目、单位、目标关键字').press('Enter');
    await expect.poll(() => page.locator('[data-testid=form-link]', { hasText: '智慧政务平台运维项目' }).count()).toBe(1);
  });

  it('the finance bureau re-scores and publishes; three scores side by side; spot check', async () => {
    await logout();
    await login('finance_reviewer');
    await page.getByTestId('forms-table').waitFor();
    await shot(page, '08-queue-finance');
    await openOurForm();
    await page.getByTestId('save-score').click();
    await page.getByRole('tab', { name: /三级评分/ }).click();
    await expect.poll(() => page.getByTestId('scores-panel').innerText()).toContain('财政局复核');
    await page.getByTestId('approve').click();
    await waitText('status', '已公开');
    await shot(page, '09-form-published-scores');

    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('dashboard').waitFor();
    await page.waitForTimeout(300);
    await shot(page, '10-dashboard-finance');

    await page.getByTestId('nav-spot').click();
    await page.getByTestId('spot-draw').click();
    await page.getByTestId('spot-table').waitFor();
    await shot(page, '11-spot-check');
  });

  it('an administrator imports a sample file, sees the parsed forms and commits', async () => {
    await logout();
    await login('admin');
    await page.getByTestId('nav-import').click();
    await page.locator('input[type=file]').setInputFiles(server.importFile);
    await page.getByTestId('import-preview').waitFor();
    await expect.poll(() => page.locator('[data-testid=import-preview] tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await shot(page, '12-import-preview');
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-result').innerText()).toMatch(/已导入 [1-9]\d* 张/);
  });

  it('print view and audit history of the form', async () => {
    await page.goto(`${server.url}/#/forms/${formId}/print`);
    await page.reload();
    await page.getByTestId('print-view').waitFor();
    expect(await page.locator('table.official').innerText()).toContain('财政项目支出绩效自评表');
    await page.emulateMedia({ media: 'print' });
    await shot(page, '13-print');
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${server.url}/#/forms/${formId}/history`);
    await page.getByTestId('history-page').waitFor();
    await expect.poll(() => page.locator('.diff-new', { hasText: '99.6%' }).count()).toBeGreaterThan(0);
    await shot(page, '14-history');
  });

  it('recomputes on every keystroke in a 100-row form (timings logged; the budget is a bench figure)', async () => {
    await logout();
    await login('filler');
    const form = bigForm(100);
    const id = await page.evaluate(async (f) => {
      const csrf = /(?:^|;\s*)jixiao_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const r = await fetch('/api/forms', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) }, body: JSON.stringify({ form: f }) });
      return (await r.json()).id as string;
    }, form);
    await page.goto(`${server.url}/#/forms/${id}`);
    await page.locator('tr[data-row="99"]').waitFor();
    const res = await page.evaluate(async () => {
      const w = window as any;
      const el = document.querySelector<HTMLInputElement>('[data-path="indicators[50].actual"]')!;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      w.__jixiaoPerf.samples = [];
      const latency: number[] = [];
      for (let k = 0; k < 30; k++) {
        const t0 = performance.now();
        setter.call(el, `${90 + (k % 10)}.${k}%`);
        // React renders an input event synchronously: this is recompute + render + commit
        el.dispatchEvent(new Event('input', { bubbles: true }));
        latency.push(performance.now() - t0);
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      }
      const ms = (w.__jixiaoPerf.samples as { ms: number; rows: number }[]).filter((s) => s.rows === 100).map((s) => s.ms).sort((a, b) => a - b);
      latency.sort((a, b) => a - b);
      return { n: ms.length, median: ms[ms.length >> 1], max: ms[ms.length - 1], inputToCommitMedian: latency[latency.length >> 1], inputToCommitMax: latency[latency.length - 1] };
    });
    console.log(`chromium, 100 rows: recompute median ${res.median.toFixed(2)} ms, max ${res.max.toFixed(2)} ms over ${res.n} edits; input→commit median ${res.inputToCommitMedian.toFixed(1)} ms, max ${res.inputToCommitMax.toFixed(1)} ms`);
    expect(res.n).toBeGreaterThanOrEqual(30);
    await shot(page, '15-editor-100-rows', false);

    // someone else saves meanwhile: our autosave gets 409 and says so, it never overwrites silently
    await waitText('save-state', /已保存/);
    const other = await page.evaluate(async (fid) => {
      const csrf = decodeURIComponent(/(?:^|;\s*)jixiao_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '');
      const cur = await (await fetch(`/api/forms/${fid}`)).json();
      const r = await fetch(`/api/forms/${fid}`, { method: 'PUT', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify({ version: cur.version, form: { ...cur.form, projectName: '别人改的名称' } }) });
      return (await r.json()).version as number;
    }, id);
    await fill('indicators[0].deviation', '我的修改');
    await page.getByTestId('conflict').waitFor();
    expect(await page.getByTestId('conflict').innerText()).toContain(`服务器当前版本 ${other}`);
    await shot(page, '16-editor-conflict', false);
  });

  it('switches to English and back', async () => {
    await page.goto(`${server.url}/#/forms`);
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('nav-forms').innerText()).toBe('Forms');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('nav-forms').innerText()).toBe('自评表');
  });

  it('form text is shown as text, never run as HTML, and no page error happened', async () => {
    expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
    expect(pageErrors).toEqual([]);
  });
});
