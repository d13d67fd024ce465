/**
 * The chat composer example in a real browser driven by playwright-core, never a browser
 * download: PEERSPEAK_CHROMIUM, else a system Chromium/Chrome/Edge, else the Chromium packaged in
 * the @sparticuz/chromium devDependency (see ./chromium.ts). Builds the page with Vite into a temp dir and serves it on
 * 127.0.0.1 with a random port.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { root } from '../helpers.js';
import { findChromium } from './chromium.js';

const example = join(root, 'examples', 'chat-composer');
const screenshots = join(root, 'test', 'e2e', '__screenshots__');

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json' };

function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^([/\\])+/, '');
    const file = join(dir, path || 'index.html');
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    resolve({ server, url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/` });
  }));
}

describe('chat composer in Chromium', () => {
  let out: string;
  let server: Server;
  let url: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const found = await findChromium();
    out = mkdtempSync(join(tmpdir(), 'peerspeak-composer-'));
    await build({ configFile: join(example, 'vite.config.js'), logLevel: 'warn', build: { outDir: out, emptyOutDir: true } });
    ({ server, url } = await serve(out));
    browser = await chromium.launch({ executablePath: found.executablePath, args: found.args, env: found.env });
    page = await browser.newPage({ viewport: { width: 820, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await page.goto(url);
    await page.waitForSelector('#message');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  const value = () => page.$eval('#message', (el) => (el as HTMLTextAreaElement).value);
  const cards = () => page.locator('#hints .card').count();

  async function typeFresh(text: string) {
    await page.fill('#message', '');
    await page.click('#message');
    await page.keyboard.type(text);
  }

  it('underlines "You should call your doctor.", shows the hint on hover, applies the first suggestion', async () => {
    await typeFresh('You should call your doctor.');
    const mark = page.locator('#overlay mark.hint').first();
    await mark.waitFor();
    expect(await mark.textContent()).toBe('You should call');
    expect(await cards()).toBe(1);
    await expect.poll(() => page.textContent('#live')).toContain('tells the person what to do');
    expect(await page.textContent('#hint-count')).toContain('1 hint');

    // Hover the underline (the textarea is on top of it): the popover shows message, note, suggestions.
    const box = (await mark.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const popover = page.locator('#popover');
    await popover.locator('.suggestion').first().waitFor();
    expect(await popover.locator('.card__message').textContent()).toContain('You should call');
    expect(await popover.locator('.card__note').textContent()).toMatch(/choice/);
    await popover.locator('.suggestion').first().click();

    expect(await value()).toBe('I wonder if it might help to call your doctor — what do you think?');
    await expect.poll(cards).toBe(0);
    expect(await page.locator('#overlay mark.hint').count()).toBe(0);
    expect(await page.isHidden('#popover')).toBe(true);
    expect(await page.textContent('#hint-count')).toBe('No hints');
    expect(await page.textContent('#live')).toContain('Replaced with');
  });

  it('does the same in Swedish, with the keyboard only (caret in the underline, Tab, Enter)', async () => {
    await page.selectOption('#lang', 'sv');
    await page.waitForSelector('#composer[data-ready="true"]'); // the Swedish pack loads on demand
    await typeFresh('Du borde ringa din läkare.');
    await page.locator('#overlay mark.hint').first().waitFor();
    expect(await cards()).toBe(1);
    await page.keyboard.press('Home');
    await page.locator('#popover .suggestion').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('#popover') !== null && document.activeElement?.classList.contains('suggestion'))).toBe(true);
    await page.keyboard.press('Enter');
    expect(await value()).toBe('Jag undrar om det kunde vara ett alternativ att ringa din läkare. Vad tänker du?');
    await expect.poll(cards).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('message');
  });

  it('takes a screenshot and measures keystroke-to-hint time', async () => {
    await page.selectOption('#lang', 'en');
    await page.waitForSelector('#composer[data-ready="true"]');
    await typeFresh('I hear how hard this week has been. You should call your doctor. Everyone feels that way sometimes.');
    await expect.poll(cards).toBe(2);
    const box = (await page.locator('#overlay mark.hint').first().boundingBox())!;
    await page.mouse.move(box.x + 10, box.y + box.height / 2);
    await page.locator('#popover .suggestion').first().waitFor();
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'composer.png'), fullPage: true });
    await page.mouse.move(0, 0);

    // ~1,000-character draft, then 50 keystrokes appended, one at a time.
    const sentences = [
      'I hear how hard this week has been for you.',
      'It makes sense that you feel tired after all of that.',
      'You always carry so much on your own.',
      'What has helped you a little, even on the worst days?',
      'I remember a time when I felt stuck in a similar way.',
      'Would it help to talk about what happened at work?',
    ];
    let draft = '';
    for (let i = 0; draft.length < 1000; i++) draft += `${sentences[i % sentences.length]} `;
    await page.fill('#message', draft);
    await page.focus('#message');
    await page.keyboard.press('Control+End');
    await expect.poll(cards).toBeGreaterThan(0);
    await page.evaluate(() => ((window as unknown as { peerspeakComposerStats: unknown[] }).peerspeakComposerStats.length = 0));
    const typed = 'You should call your doctor when you feel ready ok';
    for (let i = 0; i < 50; i++) {
      await page.keyboard.type(typed[i]!);
      await page.waitForFunction((n) => (window as unknown as { peerspeakComposerStats: unknown[] }).peerspeakComposerStats.length > n, i);
    }
    const stats: Array<{ total: number; check: number }> = await page.evaluate(() => (window as unknown as { peerspeakComposerStats: Array<{ total: number; check: number }> }).peerspeakComposerStats);
    expect(stats.length).toBe(50);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    const total = median(stats.map((s) => s.total));
    const check = median(stats.map((s) => s.check));
    console.log(`composer: keystroke → updated hint, median over 50 keystrokes on a ${draft.length}-character draft: ${total.toFixed(1)} ms (60 ms debounce + check ${check.toFixed(1)} ms + render)`);
    expect(await page.textContent('#hint-count')).toMatch(/hints?/);
    expect(total).toBeLessThan(1000);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
