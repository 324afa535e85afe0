/**
 * The dashboard (web/, built by `npm run build` into dist/web/) served at /app: static files read once at
 * start, each with its content type, hashed assets cached for a year, every other /app path answered with
 * index.html (the app routes in the browser). Nothing comes from a CDN: the Content-Security-Policy lets the
 * page load scripts, styles and images only from this server and talk only to it.
 *
 * It holds no data: every query it makes carries the signed-in key like any other client's. On by default;
 * `server.app: false` turns it off.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type express from 'express';

export const WEB_APP_PATH = '/app';

/** dist/web beside dist/src (this file runs from dist/src/http/). */
export const WEB_APP_DIRECTORY = join(__dirname, '..', '..', 'web');

/**
 * Scripts and styles from this server only (no inline script, no eval, no inline <style>), images from it
 * or data: URLs (chart.js exports none, the favicon is inline SVG), GraphQL over HTTP and graphql-ws to
 * this server only, and no framing.
 */
export const WEB_APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

interface WebFile {
  body: Buffer;
  type: string;
}

function readTree(directory: string): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      const type = CONTENT_TYPES[extname(name).toLowerCase()];
      // Source maps and anything without a known type stay on disk.
      if (!type) continue;
      files.set(`/${relative(directory, path).split(sep).join('/')}`, { body: readFileSync(path), type });
    }
  };
  walk(directory);
  return files;
}

function securityHeaders(res: express.Response): void {
  res.setHeader('content-security-policy', WEB_APP_CSP);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
}

/**
 * Mounts the built dashboard. When it was not built (tsc alone), /app says how to build it instead of
 * failing the server; the caller is told through `onMissing`.
 */
export function mountWebApp(app: express.Express, options: { directory?: string; onMissing?: (directory: string) => void } = {}): void {
  const directory = options.directory ?? WEB_APP_DIRECTORY;
  const files = existsSync(join(directory, 'index.html')) ? readTree(directory) : null;
  if (!files) options.onMissing?.(directory);
  const index = files?.get('/index.html');

  app.get([WEB_APP_PATH, `${WEB_APP_PATH}/*path`], (req, res) => {
    securityHeaders(res);
    if (!files || !index) {
      res.status(503).type('text/plain').send('The dashboard is not built: run `npm run build`.\n');
      return;
    }
    const path = req.path.slice(WEB_APP_PATH.length) || '/';
    const file = files.get(path);
    if (file && path !== '/index.html') {
      // Vite names assets by content hash: they never change under one name.
      res.setHeader('cache-control', path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      res.type(file.type).send(file.body);
      return;
    }
    // A missing asset is a 404, never the page (a script tag would get HTML).
    if (path.startsWith('/assets/') || extname(path)) {
      res.status(404).type('text/plain').send('not found\n');
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.type(index.type).send(index.body);
  });
}
