/**
 * Browser bundle sizes of peerspeak's entry points, measured the way an app's bundler would
 * see them: esbuild, minified, ESM, browser platform, gzip level 9. Used by `npm run bench`
 * and by `test/size.test.ts`, which fails the build when a bundle grows past its budget.
 *
 *   import { bundleSizes } from './bundle-size.mjs';
 *   const { core, svAlone, sv, da } = await bundleSizes(root);   // { minified, gzip, byPackage, inputs } in bytes
 *
 * - core: `peerspeak` (the core and English, compromise included);
 * - svAlone / daAlone: `peerspeak/core` and one Nordic pack, what a Swedish- or Danish-only app ships;
 * - sv / da: the pack on top of a core the app already has.
 */
import { gzipSync } from 'node:zlib';

async function measure(root, contents, externalCore) {
  const { build } = await import('esbuild');
  const r = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent', metafile: true,
    plugins: externalCore ? [{ name: 'core-external', setup(b) { b.onResolve({ filter: /^peerspeak(?:\/core)?$/ }, (a) => ({ path: a.path, external: true })); } }] : [],
  });
  const bytes = r.outputFiles[0].contents;
  const byPackage = {};
  const inputs = [];
  for (const out of Object.values(r.metafile.outputs)) {
    for (const [file, v] of Object.entries(out.inputs)) {
      inputs.push(file);
      const nm = file.lastIndexOf('node_modules/');
      // dist/index.js bundles compromise: count it under its own name by its bundled path.
      let key = 'peerspeak';
      if (nm >= 0) {
        const parts = file.slice(nm + 'node_modules/'.length).split('/');
        key = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
      }
      byPackage[key] = (byPackage[key] ?? 0) + v.bytesInOutput;
    }
  }
  return { minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, byPackage, inputs, text: new TextDecoder().decode(bytes) };
}

/** Core + English (what `import { check } from 'peerspeak'` costs), a Nordic-only app, and each extra pack. */
export async function bundleSizes(root) {
  return {
    core: await measure(root, "export { check, createChecker, applySuggestion } from 'peerspeak';", false),
    svAlone: await measure(root, "export { check, createChecker, applySuggestion } from 'peerspeak/core'; import 'peerspeak/rules/sv';", false),
    daAlone: await measure(root, "export { check, createChecker, applySuggestion } from 'peerspeak/core'; import 'peerspeak/rules/da';", false),
    sv: await measure(root, "import 'peerspeak/rules/sv';", true),
    da: await measure(root, "import 'peerspeak/rules/da';", true),
  };
}
