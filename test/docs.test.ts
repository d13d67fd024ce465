/**
 * The rule reference is generated from the packs (scripts/rule-docs.mjs). Like ESLint's check
 * that every rule has its doc, this fails when a page or the README table is missing or stale.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Application, ReflectionKind, type Comment, type DeclarationReflection } from 'typedoc';
import { root } from './helpers.js';

describe('generated rule reference', () => {
  it('docs/rules/*.md and the README table match the packs (run `npm run docs:rules`)', async () => {
    if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('dist/ is missing: run the build first (npm test does)');
    // @ts-expect-error plain ESM script without types
    const { generate } = await import('../scripts/rule-docs.mjs');
    const files = (await generate()) as Record<string, string>;
    expect(Object.keys(files).length).toBeGreaterThan(10);
    const stale = Object.entries(files)
      .filter(([rel, content]) => !existsSync(join(root, rel)) || readFileSync(join(root, rel), 'utf8') !== content)
      .map(([rel]) => rel);
    expect(stale, 'stale generated docs: run `npm run docs:rules`').toEqual([]);
  });

  it('every public export documented by typedoc has an @example', async () => {
    // The entry points of typedoc.json (the public subpaths), converted without type-checking
    // (`npm run docs` and `npm run typecheck` do that): only the comments are looked at.
    const { entryPoints } = JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')) as { entryPoints: string[] };
    const app = await Application.bootstrap({ entryPoints, tsconfig: join(root, 'tsconfig.json'), skipErrorChecking: true, logLevel: 'Error' });
    const project = await app.convert();
    if (!project) throw new Error('typedoc could not convert the entry points');
    const hasExample = (c: Comment | undefined) => !!c?.blockTags.some((t) => t.tag === '@example');
    const missing: string[] = [];
    for (const mod of project.children ?? []) {
      for (const d of (mod.children ?? []) as DeclarationReflection[]) {
        // a re-export (peerspeak/all re-exports peerspeak) is checked where it is declared
        if (d.kindOf(ReflectionKind.Reference)) continue;
        if (![d.comment, ...(d.signatures ?? []).map((s) => s.comment)].some(hasExample)) missing.push(`${mod.name}: ${d.name}`);
      }
    }
    expect(entryPoints.length).toBeGreaterThanOrEqual(9);
    expect(missing, 'public exports without an @example in their doc comment').toEqual([]);
  }, 120_000);
});
