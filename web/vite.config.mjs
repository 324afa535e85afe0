// Vite builds the dashboard (web/) into dist/web, served by ProxyGraph at /app (src/http/web-app.ts).
// esbuild compiles the TSX (automatic JSX runtime), no React plugin needed; no inline script or style in the
// output, so the strict Content-Security-Policy of web-app.ts holds.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/app/',
  publicDir: 'public',
  logLevel: 'warn',
  esbuild: { jsx: 'automatic' },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The polyfill would be inline-free but is not needed by any browser ES2022 targets.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1024,
    reportCompressedSize: false,
  },
});
