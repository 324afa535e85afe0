/**
 * An explorer that works offline: GraphiQL (the npm package's own UMD build, with React's) served by
 * ProxyGraph itself at `/graphiql`, every asset from this server, none from a CDN, so a firewalled or
 * offline machine can explore the graph. It opens with example operations. Apollo Sandbox (the landing page
 * at `/graphql`) stays where it can load.
 *
 * On where the landing page is on (demo mode and NODE_ENV=development), or with `server.explorer`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type express from 'express';

export const EXPLORER_PATH = '/graphiql';

/** The files the page loads, each from an installed package (resolved once, read once). */
const ASSETS: Record<string, { packageName: string; file: string; type: string }> = {
  'react.js': { packageName: 'react', file: 'umd/react.production.min.js', type: 'text/javascript; charset=utf-8' },
  'react-dom.js': { packageName: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript; charset=utf-8' },
  'graphiql.js': { packageName: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript; charset=utf-8' },
  'graphiql.css': { packageName: 'graphiql', file: 'graphiql.min.css', type: 'text/css; charset=utf-8' },
};

/** Operations the explorer opens with, one tab each. */
export const EXAMPLE_OPERATIONS: ReadonlyArray<{ title: string; query: string }> = [
  {
    title: 'Estate overview',
    query: `query EstateOverview {
  accounts { id provider label capabilities plan { name proxyCount periodEnd } }
  usage { totals { bandwidthUsedBytes } accounts { account { id } supported usage { bandwidthUsedBytes bandwidthRemainingBytes period } } }
}`,
  },
  {
    title: 'Proxies across accounts',
    query: `query Proxies($after: String) {
  proxies(first: 25, after: $after) {
    totalCount
    edges { node { id host ports { http socks5 } country status account { id } } }
    pageInfo { endCursor hasNextPage }
  }
}`,
  },
  {
    title: 'Proxy list to paste',
    query: `query ProxyList {
  proxyList(format: HOST_PORT, first: 50) { text lineCount pageInfo { endCursor hasNextPage } }
}`,
  },
  {
    title: 'Authorize an IP everywhere',
    query: `mutation AuthorizeIp {
  authorizeIp(input: { ip: "203.0.113.10" }) { account { id } ok alreadyDone notApplied error { code message } }
}`,
  },
];

function page(graphqlPath: string): string {
  const assets = (name: string) => `${EXPLORER_PATH}/assets/${name}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ProxyGraph explorer</title>
<link rel="stylesheet" href="${assets('graphiql.css')}">
<style>html, body, #explorer { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="explorer" data-graphql="${graphqlPath}"></div>
<script src="${assets('react.js')}"></script>
<script src="${assets('react-dom.js')}"></script>
<script src="${assets('graphiql.js')}"></script>
<script src="${assets('start.js')}"></script>
</body>
</html>
`;
}

/** Mounts GraphiQL with the example operations as tabs (served as a file, not inline in the page). */
function startScript(graphqlPath: string): string {
  return `(function () {
  var root = document.getElementById('explorer');
  var fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(graphqlPath)} });
  var tabs = ${JSON.stringify(EXAMPLE_OPERATIONS.map((operation) => ({ query: `# ${operation.title}\n${operation.query}\n` })))};
  ReactDOM.createRoot(root).render(React.createElement(GraphiQL, { fetcher: fetcher, defaultTabs: tabs, shouldPersistHeaders: false }));
})();
`;
}

export function mountExplorer(app: express.Express, graphqlPath = '/graphql'): void {
  const files = new Map<string, { body: Buffer | string; type: string }>();
  for (const [name, asset] of Object.entries(ASSETS)) {
    const directory = dirname(require.resolve(`${asset.packageName}/package.json`));
    files.set(name, { body: readFileSync(join(directory, asset.file)), type: asset.type });
  }
  files.set('start.js', { body: startScript(graphqlPath), type: 'text/javascript; charset=utf-8' });
  const html = page(graphqlPath);
  app.get(EXPLORER_PATH, (_req, res) => {
    res.type('html').send(html);
  });
  app.get(`${EXPLORER_PATH}/assets/:name`, (req, res) => {
    const file = files.get(req.params.name);
    if (!file) {
      res.status(404).json({ error: 'not found' });
      return;
    }
    res.setHeader('cache-control', 'public, max-age=3600');
    res.type(file.type).send(file.body);
  });
  app.get('/', (_req, res) => res.redirect(302, EXPLORER_PATH));
}
