/**
 * Bundles the portal tab (src/edges/tab/) for browsers: index.html with its script, and the
 * channel tab's configure.html. The bot's server serves the folder at /tab/.
 *
 *   tsx scripts/buildTab.ts [outDir]     (dist/tab by default)
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(__dirname, '..');
const TAB_SOURCE = join(ROOT, 'src', 'edges', 'tab');

/** Browsers Teams supports: its desktop client (Chromium), Edge, Chrome, Safari, Firefox. */
const BROWSER_TARGETS = ['chrome110', 'edge110', 'firefox115', 'safari16'];

export async function buildTab(outDir: string): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: {
      index: join(TAB_SOURCE, 'index.tsx'),
      configure: join(TAB_SOURCE, 'configure.ts'),
    },
    outdir: outDir,
    // The charts are a separate file, fetched only when someone opens them.
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: BROWSER_TARGETS,
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    jsx: 'automatic',
    tsconfig: join(TAB_SOURCE, 'tsconfig.json'),
    entryNames: '[name]-[hash]',
    chunkNames: 'chunks/[name]-[hash]',
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    logLevel: 'warning',
  });
  const entryFile = (name: string) => {
    const output = Object.entries(result.metafile.outputs).find(
      ([path, meta]) =>
        meta.entryPoint && basename(meta.entryPoint).startsWith(`${name}.`) && path.endsWith('.js'),
    );
    if (!output) throw new Error(`esbuild wrote no bundle for ${name}`);
    return relative(outDir, join(ROOT, output[0])).replaceAll('\\', '/');
  };
  writeFileSync(join(outDir, 'index.html'), indexPage(entryFile('index')));
  writeFileSync(join(outDir, 'configure.html'), configurePage(entryFile('configure')));
}

function indexPage(script: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>No Intent portal</title>
    <link rel="icon" href="data:," />
    <style>
      body { margin: 0; font-family: 'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', sans-serif; }
    </style>
    <script type="module" src="./${script}"></script>
  </head>
  <body>
    <div id="root"></div>
    <noscript>The No Intent portal needs JavaScript.</noscript>
  </body>
</html>
`;
}

function configurePage(script: string): string {
  return `<!doctype html>
<html lang="en" data-theme="default">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Add the No Intent tab</title>
    <link rel="icon" href="data:," />
    <style>
      body { margin: 0; padding: 20px; font: 14px/1.45 'Segoe UI', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', sans-serif; }
      html[data-theme='default'] body { background: #fff; color: #242424; }
      html[data-theme='dark'] body { background: #292929; color: #fff; }
      html[data-theme='contrast'] body { background: #000; color: #fff; }
      html[data-theme='contrast'] label { color: #ffff01; }
      h1 { font-size: 20px; margin: 0 0 12px; }
      label { display: flex; gap: 8px; align-items: flex-start; margin: 16px 0; }
      input { width: 18px; height: 18px; margin: 1px 0 0; }
      input:focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
    </style>
    <script type="module" src="./${script}"></script>
  </head>
  <body>
    <main>
      <h1>Add the No Intent tab</h1>
      <p>
        The tab lists the customers' entitlements whose No Intent notices went to
        <strong id="where">this channel</strong>, with their history, charts, and exports for FTOP.
        Each person sees only what they may see.
      </p>
      <label>
        <input type="checkbox" id="confirm" />
        <span>Show this channel's No Intent entitlements in a tab</span>
      </label>
      <p id="status" role="status">Tick the box to add the tab.</p>
    </main>
  </body>
</html>
`;
}

if (require.main === module) {
  const outDir = process.argv[2] ?? join(ROOT, 'dist', 'tab');
  buildTab(outDir).then(
    () => console.log(`Wrote the tab to ${relative(process.cwd(), outDir) || '.'}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
