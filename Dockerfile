# ProxyGraph container image: built in one stage, run from a slim one as the unprivileged `node` user.
#   docker build -t proxygraph .
#   docker run -p 4000:4000 -v $PWD/proxygraph.json:/etc/proxygraph/config.json:ro proxygraph
# deploy/compose.yaml runs two replicas with Redis, a sample subgraph and Apollo Router.

FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json codegen.yml schema.graphql ./
COPY src ./src
COPY test ./test
COPY bench ./bench
COPY web ./web
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20.20-bookworm-slim
ENV NODE_ENV=production
# A heap limit makes V8 collect before resident memory grows (src/runtime-flags.ts says why and how much).
ENV NODE_OPTIONS=--max-old-space-size=512
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root schema.graphql ./
COPY --chown=root:root deploy ./deploy
# State (known ProxyMesh sub-accounts, audit log, usage history) when no Redis is configured.
RUN mkdir -p /var/lib/proxygraph && chown node:node /var/lib/proxygraph
USER node
EXPOSE 4000 9464
# Liveness from inside the container (/health is on the GraphQL port and names no account).
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM drains (request deadline + 5 s); give the orchestrator at least 28 s.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/src/cli.js"]
CMD ["serve", "--config", "/etc/proxygraph/config.json"]
