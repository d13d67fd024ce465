/**
 * The browser finder: an override wins, then a system browser, then the Chromium packaged in
 * the @sparticuz/chromium devDependency — launched here for real with every system path
 * pointing nowhere, as on a fresh machine with no browser installed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { findChromium, systemPaths } from './chromium.js';

const nowhere = ['/nonexistent/peerspeak/chromium', '/nonexistent/peerspeak/google-chrome'];

describe('findChromium', () => {
  const made: string[] = [];
  afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('rejects an override that names no file, naming the variable', async () => {
    await expect(findChromium({ env: { PEERSPEAK_CHROMIUM: '/nonexistent/chrome' }, systemPaths: nowhere })).rejects.toThrow(/PEERSPEAK_CHROMIUM=\/nonexistent\/chrome: no such file/);
  });

  it('takes an existing override before any system browser', async () => {
    const c = await findChromium({ env: { PEERSPEAK_CHROMIUM: process.execPath }, systemPaths: [process.execPath] });
    expect(c).toMatchObject({ source: 'env', executablePath: process.execPath });
  });

  it('takes the first system browser that exists', async () => {
    const c = await findChromium({ env: {}, systemPaths: [...nowhere, process.execPath] });
    expect(c).toMatchObject({ source: 'system', executablePath: process.execPath });
  });

  it('knows where Chrome and Edge live on macOS and Windows', () => {
    expect(systemPaths('darwin', {})).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(systemPaths('win32', { PROGRAMFILES: 'C:\\Program Files' }).some((p) => p.endsWith('msedge.exe'))).toBe(true);
  });

  it('says what to do where no packaged build exists', async () => {
    await expect(findChromium({ env: {}, systemPaths: nowhere, platform: 'darwin', arch: 'arm64' })).rejects.toThrow(/set PEERSPEAK_CHROMIUM/);
  });

  it.runIf(process.platform === 'linux' && process.arch === 'x64')('with no system browser, unpacks the packaged Chromium and drives it', async () => {
    const cacheRoot = mkdtempSync(join(tmpdir(), 'peerspeak-finder-'));
    made.push(cacheRoot);
    const c = await findChromium({ env: {}, systemPaths: nowhere, cacheRoot });
    expect(c.source).toBe('packaged');
    expect(c.executablePath.startsWith(cacheRoot)).toBe(true);
    // A second call reuses the unpacked copy.
    expect((await findChromium({ env: {}, systemPaths: nowhere, cacheRoot })).executablePath).toBe(c.executablePath);
    const browser = await chromium.launch({ executablePath: c.executablePath, args: c.args, env: c.env });
    try {
      const page = await browser.newPage();
      await page.setContent('<textarea id="m"></textarea><p id="o"></p><script>m.oninput = () => { o.textContent = m.value.toUpperCase(); };</script>');
      await page.click('#m');
      await page.keyboard.type('läkare');
      expect(await page.textContent('#o')).toBe('LÄKARE');
    } finally {
      await browser.close();
    }
  }, 180_000);
});
