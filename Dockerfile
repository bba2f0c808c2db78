# Chain Atlas server + web UI. Used by docker-compose.yml (STORE=neo4j); also
# runs the embedded store: docker run -p 8080:8080 -v atlas-data:/data chain-atlas
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 DATA_DIR=/data SEEDS_DIR=/app/graph-seeds
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/graph-seeds ./graph-seeds
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
CMD ["node", "dist/server/main.bundle.mjs"]
