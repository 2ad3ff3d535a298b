/**
 * Bundles the compiled CLI into dist/bin/apsis.mjs (+ chunks): Node then loads a few modules instead of
 * hundreds (Ink and its dependencies alone take ~400 ms to load unbundled, ~110 ms bundled).
 * Run after `tsc` by `npm run build`.
 */
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const dist = fileURLToPath(new URL('../..', import.meta.url));
// Chunk names carry a content hash: clear out the previous build's chunks, or they pile up.
await rm(join(dist, 'bin'), { recursive: true, force: true });
await build({
  // Worker threads are entries of their own, found beside apsis.mjs: the e-file batch's renderer
  // (cli/efile/pool.ts) and `apsis demo`'s generators (cli/demo/pool.ts).
  entryPoints: {
    apsis: join(dist, 'cli', 'main.js'),
    'efile-worker': join(dist, 'cli', 'efile', 'render-worker.js'),
    'demo-worker': join(dist, 'cli', 'demo', 'worker.js'),
    // The TUI's background check of every client document (cli/tui/scan/scanner.ts).
    'tui-scan-worker': join(dist, 'cli', 'tui', 'scan', 'scan-worker.js'),
  },
  outdir: join(dist, 'bin'),
  outExtension: { '.js': '.mjs' },
  // Chunks split at dynamic imports: `apsis --version` does not parse Ink, PDF or ZIP code.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Some dependencies are CommonJS and call require(): give the ESM bundle one.
  banner: { js: "import { createRequire as __apsisRequire } from 'node:module'; const require = __apsisRequire(import.meta.url);" },
  // The production builds of React and its reconciler: the development ones check every render
  // and double the time to the first frame.
  define: { 'process.env.NODE_ENV': '"production"' },
  // Less to parse at every start (~2 MB of JavaScript before the first frame); names are kept,
  // so stack traces still read.
  minifyWhitespace: true,
  minifySyntax: true,
  alias: { 'react-devtools-core': join(dist, 'cli', 'bundle', 'react-devtools-stub.js') },
  plugins: [
    {
      // Ink measures every text with string-width: put the fast path for Latin text in front of it
      // (wrap-ansi keeps its own older copy).
      name: 'fast-string-width',
      setup(b) {
        const fast = join(dist, 'cli', 'bundle', 'string-width-fast.js');
        b.onResolve({ filter: /^string-width$/ }, (args) => (args.importer === fast || args.importer.includes('/node_modules/wrap-ansi/') ? undefined : { path: fast }));
      },
    },
    {
      // zod's error messages in 40 languages (~360 kB parsed at every start); the messages are
      // English (zod's default) and `z.locales` is never used: keep only English.
      name: 'zod-english-only',
      setup(b) {
        b.onLoad({ filter: /node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({ contents: 'export { default as en } from "./en.js";\n', loader: 'js', resolveDir: dirname(args.path) }));
      },
    },
    {
      // Ink's ANSI tokenizer and slice-ansi split every line into graphemes: Latin text without ICU.
      name: 'fast-grapheme-segmenter',
      setup(b) {
        const segmenter = join(dist, 'cli', 'bundle', 'fast-segmenter.js');
        b.onLoad({ filter: /node_modules[\\/](slice-ansi[\\/]tokenize-ansi|@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize)\.js$/ }, async (args) => {
          const source = await readFile(args.path, 'utf8');
          if (!source.includes('new Intl.Segmenter(')) throw new Error(`${args.path}: no Intl.Segmenter to replace (did the library change?)`);
          const contents = `import { FastGraphemeSegmenter as __FastSegmenter } from ${JSON.stringify(segmenter)};\n${source.replaceAll('new Intl.Segmenter(', 'new __FastSegmenter(')}`;
          return { contents, loader: 'js' };
        });
      },
    },
    {
      // Ink joins each line's characters with styledCharsToString: skip the style diff between
      // characters of equal styles (cli/bundle/fast-styled-chars.ts).
      name: 'fast-styled-chars',
      setup(b) {
        const fast = join(dist, 'cli', 'bundle', 'fast-styled-chars.js');
        b.onLoad({ filter: /node_modules[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/ }, async (args) => {
          const source = await readFile(args.path, 'utf8');
          const head = 'export function styledCharsToString(chars) {';
          if (!source.includes(head) || !source.includes('import { diffAnsiCodes }') || !source.includes('import { ansiCodesToString }')) throw new Error(`${args.path}: no styledCharsToString to replace (did the library change?)`);
          const routed = `export function styledCharsToString(chars) {\n  return __fastStyledCharsToString(chars, { diffAnsiCodes, ansiCodesToString });\n}\nfunction __libraryStyledCharsToString(chars) {`;
          const contents = `import { fastStyledCharsToString as __fastStyledCharsToString } from ${JSON.stringify(fast)};\n${source.replace(head, routed)}`;
          return { contents, loader: 'js' };
        });
      },
    },
    {
      // fontkit decodes WOFF2 fonts with a Brotli decoder whose dictionary is built as it loads
      // (~27 ms of every PDF-drawing process); APSis embeds TrueType files only.
      name: 'no-woff2',
      setup(b) {
        const stub = join(dist, 'cli', 'bundle', 'woff2-stub.js');
        b.onResolve({ filter: /^brotli\/decompress(\.js)?$/ }, (args) => (args.importer.includes('/node_modules/fontkit/') ? { path: stub } : undefined));
      },
    },
    {
      // fontkit builds the Unicode tables of its Arabic, Indic and Universal shapers as it loads
      // (~3 × 4 ms of inflating, in every PDF-drawing process); they are built when first used instead.
      name: 'fontkit-lazy-shaper-tables',
      setup(b) {
        b.onLoad({ filter: /node_modules[\\/]fontkit[\\/]dist[\\/]module\.mjs$/ }, async (args) => {
          const source = await readFile(args.path, 'utf8');
          const table = /^const (\$[0-9a-f]+\$var\$trie) = (new \(0, \$52ZIf\$unicodetrie\)\(.*\));$/gm;
          const found = source.match(table)?.length ?? 0;
          if (found !== 3) throw new Error(`${args.path}: ${found} shaper tables, not 3 (did the library change?)`);
          const lazy = 'const __apsisLazyTrie = (make) => { let trie = null; return { get: (c) => (trie ??= make()).get(c) }; };\n';
          return { contents: lazy + source.replace(table, 'const $1 = __apsisLazyTrie(() => $2);'), loader: 'js' };
        });
      },
    },
    {
      // pdfkit's AES (for password-protected PDFs) builds its tables as it loads (~5 ms of every
      // PDF-drawing process); APSis PDFs have no password. Left out: it throws if it is ever called.
      name: 'pdfkit-no-aes',
      setup(b) {
        b.onResolve({ filter: /^@noble\/ciphers\/aes(\.js)?$/ }, (args) => (/node_modules[\\/]pdfkit[\\/]/.test(args.importer) ? { path: 'aes', namespace: 'pdfkit-no-aes' } : undefined));
        b.onLoad({ filter: /.*/, namespace: 'pdfkit-no-aes' }, () => ({
          contents: "const none = () => { throw new Error('PDF encryption is not in the APSis bundle'); };\nexport const cbc = none;\nexport const ecb = none;\n",
          loader: 'js',
        }));
      },
    },
    {
      // archiver loads its tar format and the globbing of its `directory()` and `glob()` (glob,
      // readdir-glob, path-scurry, minimatch, lru-cache: ~10 ms of every export) with the zip
      // format; APSis writes zips of buffers only. What is left out throws if it is ever called.
      name: 'archiver-zip-only',
      setup(b) {
        const stubs: Record<string, { importer: RegExp; contents: string }> = {
          'readdir-glob': { importer: /node_modules[\\/]archiver[\\/]lib[\\/]core\.js$/, contents: "module.exports = function () { throw new Error('archiver globbing is not in the APSis bundle'); };" },
          glob: { importer: /node_modules[\\/]archiver-utils[\\/]file\.js$/, contents: "module.exports = { sync() { throw new Error('archiver globbing is not in the APSis bundle'); } };" },
          './lib/plugins/tar': {
            importer: /node_modules[\\/]archiver[\\/]index\.js$/,
            contents: "function Tar() { throw new Error('archiver tar is not in the APSis bundle'); }\nTar.prototype.append = Tar.prototype.finalize = function () { throw new Error('archiver tar is not in the APSis bundle'); };\nmodule.exports = Tar;",
          },
        };
        b.onResolve({ filter: /^(readdir-glob|glob|\.\/lib\/plugins\/tar)$/ }, (args) => {
          const stub = stubs[args.path];
          return stub && stub.importer.test(args.importer) ? { path: args.path, namespace: 'archiver-stub' } : undefined;
        });
        b.onLoad({ filter: /.*/, namespace: 'archiver-stub' }, (args) => ({ contents: stubs[args.path]!.contents, loader: 'js' }));
      },
    },
  ],
  logLevel: 'warning',
});
