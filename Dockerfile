# Launchpad itself. Build: docker compose build. The image runs the same launcher as `npm start`.
# The build stage compiles the app (next build) and generates the Prisma client; the runtime stage
# installs production dependencies only (npm ci --omit=dev) and runs as the unprivileged `node` user.
# .env files never enter the build context (.dockerignore): settings come from the environment.
# node:22.23.3-trixie-slim: Debian-based and a full version, as the images of generated projects
# (docs/decisions/016-debian-images-and-one-driver.md); listed in github.com/docker-library/docs
# node/README.md (2026-12-03), never pulled here. No Node 20 tag is listed there any more.
FROM node:22.23.3-trixie-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build

FROM node:22.23.3-trixie-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOST=0.0.0.0 PORT=3000
# bash runs the provisioning scripts; git records each run in the project's repository and pushes
# it over https (ca-certificates verify the remote).
RUN apt-get update && apt-get install -y --no-install-recommends bash git ca-certificates && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# What the launcher runs from source (tsx), the compiled app and the generated client; owned by root,
# so the app cannot rewrite its own code.
COPY tsconfig.json next.config.mjs prisma.config.ts ./
COPY prisma ./prisma
COPY server ./server
COPY provisioning ./provisioning
COPY --from=build /app/.next ./.next
COPY --from=build /app/server/db/generated ./server/db/generated
# Only the generated projects and the data folder are writable, by the `node` user (uid 1000).
RUN mkdir -p projects .data && chown node:node projects .data && chmod 0700 .data
USER node
EXPOSE 3000
# node itself, with tsx as a loader: the tsx command would relay SIGTERM and SIGKILL a busy server
# after 30 ms, which cuts the graceful stop (docs/decisions/025).
CMD ["node", "--import", "tsx", "--conditions=react-server", "server/cli/start.ts"]
