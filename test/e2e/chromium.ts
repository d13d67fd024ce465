/**
 * Finds a Chromium for the browser tests, never downloading one:
 *   1. `PEERSPEAK_CHROMIUM=/path/to/chrome` (must exist) or `PEERSPEAK_CHROMIUM=packaged`;
 *   2. a system Chromium, Chrome or Edge at the usual place for the platform;
 *   3. the Chromium shipped inside the `@sparticuz/chromium` devDependency (Linux x64): its
 *      Brotli-compressed binary, fonts, SwiftShader and shared libraries are unpacked once into
 *      a versioned directory under the temp dir, so a fresh Linux machine with nothing but Node
 *      installed still runs the composer test with a real browser.
 */
import { createReadStream, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { createBrotliDecompress } from 'node:zlib';

export interface ChromiumChoice {
  executablePath: string;
  args: string[];
  /** The environment to launch it with. */
  env: Record<string, string | undefined>;
  source: 'env' | 'system' | 'packaged';
}

export interface FindOptions {
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  arch?: string;
  /** Where to look for a system browser; defaults to the platform's usual paths. */
  systemPaths?: readonly string[];
  /** Where to unpack the packaged Chromium; defaults to a versioned directory in the temp dir. */
  cacheRoot?: string;
}

export const BASE_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

export function systemPaths(platform: NodeJS.Platform, env: Record<string, string | undefined>): string[] {
  if (platform === 'darwin') {
    return ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'].map((p) => `/Applications/${p}`);
  }
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter((r): r is string => !!r);
    return roots.flatMap((r) => [join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'), join(r, 'Chromium', 'Application', 'chrome.exe')]);
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge', '/snap/bin/chromium'];
}

export async function findChromium(opts: FindOptions = {}): Promise<ChromiumChoice> {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  const arch = opts.arch ?? process.arch;
  const override = env['PEERSPEAK_CHROMIUM'];
  if (override && override !== 'packaged') {
    if (!existsSync(override)) throw new Error(`PEERSPEAK_CHROMIUM=${override}: no such file (set it to a Chromium/Chrome/Edge executable, to "packaged", or unset it)`);
    return { executablePath: override, args: BASE_ARGS, env: { ...process.env }, source: 'env' };
  }
  if (!override) {
    const found = (opts.systemPaths ?? systemPaths(platform, env)).find((p) => existsSync(p));
    if (found) return { executablePath: found, args: BASE_ARGS, env: { ...process.env }, source: 'system' };
  }
  if (platform !== 'linux' || arch !== 'x64') {
    throw new Error(`No Chromium found: the packaged one (@sparticuz/chromium) is Linux x64 only; install Chrome, Chromium or Edge, or set PEERSPEAK_CHROMIUM to its executable`);
  }
  return packaged(opts.cacheRoot ?? tmpdir());
}

async function packaged(cacheRoot: string): Promise<ChromiumChoice> {
  const require = createRequire(import.meta.url);
  let pkgJson: string;
  try {
    pkgJson = require.resolve('@sparticuz/chromium/package.json');
  } catch {
    // The package's exports hide package.json; find it through the entry point instead.
    pkgJson = join(dirname(require.resolve('@sparticuz/chromium')), '..', '..', 'package.json');
  }
  const pkgDir = dirname(pkgJson);
  const { version } = require(pkgJson) as { version: string };
  const dir = join(cacheRoot, `peerspeak-chromium-${version}`);
  if (!existsSync(join(dir, 'chromium'))) {
    // Unpack into a private directory, then rename: parallel test workers never see half a file.
    const work = mkdtempSync(join(cacheRoot, `peerspeak-chromium-${version}-`));
    try {
      const bin = join(pkgDir, 'bin');
      await unbrotli(join(bin, 'chromium.br'), join(work, 'chromium'));
      chmodSync(join(work, 'chromium'), 0o755);
      await untar(join(bin, 'fonts.tar.br'), join(work, 'fonts'));
      // The shipped fonts.conf points at Lambda's /tmp/fonts; point it at this directory.
      const xml = (p: string) => p.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      writeFileSync(join(work, 'fonts', 'fonts.conf'), `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${xml(join(dir, 'fonts', 'fonts'))}</dir>\n  <dir>/usr/share/fonts</dir>\n  <cachedir>${xml(join(dir, 'fonts-cache'))}</cachedir>\n</fontconfig>\n`);
      await untar(join(bin, 'swiftshader.tar.br'), work);
      await untar(join(bin, 'al2023.tar.br'), join(work, 'al2023'));
      try {
        renameSync(work, dir);
      } catch (e) {
        if (!existsSync(join(dir, 'chromium'))) throw e;
      }
    } finally {
      if (existsSync(work)) rmSync(work, { recursive: true, force: true });
    }
  }
  const libs = join(dir, 'al2023', 'lib');
  return {
    executablePath: join(dir, 'chromium'),
    // The package's own flags for its build (single process, SwiftShader GL), headless shell.
    args: [...BASE_ARGS, '--single-process', '--no-zygote', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--font-render-hinting=none'],
    env: {
      ...process.env,
      FONTCONFIG_PATH: join(dir, 'fonts'),
      // The shared libraries Chromium needs beyond glibc (nss, nspr, …), for machines without them.
      LD_LIBRARY_PATH: [libs, process.env['LD_LIBRARY_PATH']].filter(Boolean).join(':'),
    },
    source: 'packaged',
  };
}

function unbrotli(from: string, to: string): Promise<Buffer> {
  return new Promise((res, rej) => {
    const chunks: Buffer[] = [];
    createReadStream(from)
      .on('error', rej)
      .pipe(createBrotliDecompress())
      .on('error', rej)
      .on('data', (c: Buffer) => chunks.push(c))
      .on('end', () => {
        const buf = Buffer.concat(chunks);
        if (to) writeFileSync(to, buf);
        res(buf);
      });
  });
}

/** A minimal ustar reader (regular files, directories, symlinks, GNU long names, pax headers skipped). */
async function untar(from: string, to: string): Promise<void> {
  const buf = await unbrotli(from, '');
  mkdirSync(to, { recursive: true });
  const root = resolve(to);
  let off = 0;
  let longName: string | undefined;
  const str = (a: number, n: number) => buf.toString('utf8', off + a, off + a + n).replace(/\0.*$/s, '');
  while (off + 512 <= buf.length) {
    if (buf[off] === 0) break;
    const size = parseInt(str(124, 12).trim() || '0', 8);
    const type = String.fromCharCode(buf[off + 156] ?? 48);
    const prefix = str(345, 155);
    let name = longName ?? (prefix ? `${prefix}/${str(0, 100)}` : str(0, 100));
    longName = undefined;
    const mode = parseInt(str(100, 8).trim() || '644', 8);
    const link = str(157, 100);
    const body = buf.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = body.toString('utf8').replace(/\0.*$/s, '');
      continue;
    }
    if (type === 'x' || type === 'g') continue;
    name = name.replace(/^\.\//, '');
    if (!name) continue;
    const target = resolve(root, name);
    if (target !== root && !target.startsWith(root + sep)) throw new Error(`${from}: entry ${name} escapes the target directory`);
    if (type === '5') mkdirSync(target, { recursive: true });
    else if (type === '2') {
      mkdirSync(dirname(target), { recursive: true });
      if (!existsSync(target)) symlinkSync(link, target);
    } else if (type === '0' || type === '\0') {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, body, { mode: mode & 0o777 });
    }
  }
}
