# Rapport: one image for every process role (`rapport serve`, `rapport worker`, `rapport migrate`).
# Not built on the machine this was written on (no container engine there); see DEPLOYMENT.md.
#   docker build -t rapport .
#   docker run -e DATABASE_URL=… -e REDIS_URL=… -p 3000:3000 rapport

# --- deps: production node_modules (postinstall generates the Prisma client from prisma/; on
# node:22 it downloads no extra Node runtime) ---------------------------------------------------
FROM node:22-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/postinstall.js scripts/prisma-generate.js scripts/
COPY scripts/node-runtime scripts/node-runtime
COPY prisma ./prisma
RUN npm ci --omit=dev && npm cache clean --force

# --- runtime ---------------------------------------------------------------------------------
FROM node:22-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    RAPPORT_DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --chown=node:node package.json package-lock.json tsconfig.json ./
COPY --chown=node:node bin ./bin
COPY --chown=node:node scripts/build.mjs ./scripts/build.mjs
COPY --chown=node:node src ./src
COPY --from=deps --chown=node:node /app/src/generated ./src/generated
COPY --chown=node:node prisma ./prisma
COPY --chown=node:node data ./data
# /data only matters without DATABASE_URL (embedded PGlite: a single-process demo).
RUN mkdir -p /data && chown node:node /data /app
USER node
# Compile src/ to dist/ now (esbuild, under a second), so containers start without writing to
# /app and a read-only root filesystem works; bin/rapport.js finds this build and uses it.
RUN node scripts/build.mjs
EXPOSE 3000
# Liveness: /healthz answers while the process serves HTTP (readiness, /readyz, is for the load balancer).
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/rapport.js"]
CMD ["serve"]
