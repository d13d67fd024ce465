/**
 * The installed peerspeak package, seen from the language server: its version (for
 * `serverInfo`) and the page of each rule under `docs/rules` (the diagnostics' links).
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

let rootCache: string | null | undefined;
/** The peerspeak package root (for the version and the rule docs), from this module's location. */
function packageRoot(): string | null {
  if (rootCache !== undefined) return rootCache;
  rootCache = null;
  try {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (let i = 0; i < 5; i++) {
      const pkg = join(dir, 'package.json');
      if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'peerspeak') return (rootCache = dir);
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  } catch {
    // No package root: no version, no doc links.
  }
  return rootCache;
}

/** The package version, or 0.0.0 when it cannot be read. */
export function version(): string {
  const root = packageRoot();
  try {
    return root ? (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

const docLinks = new Map<string, string | null>();
/** `docs/rules/<id>.md` of the package, as a file URL, when it exists. */
export function docLink(ruleId: string): string | null {
  let link = docLinks.get(ruleId);
  if (link === undefined) {
    const root = packageRoot();
    const file = root && /^[a-z0-9-]+\/[a-z0-9-]+$/.test(ruleId) ? join(root, 'docs', 'rules', `${ruleId}.md`) : null;
    link = file && existsSync(file) ? pathToFileURL(file).href : null;
    docLinks.set(ruleId, link);
  }
  return link;
}
