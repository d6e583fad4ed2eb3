#!/usr/bin/env node
// `npm start`: build the editor when web/dist is missing or older than its sources, then serve.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "web", "dist", "index.html");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "dist" || entry.name === "node_modules") continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const webDir = path.join(root, "web");
const stale = !existsSync(dist) || (existsSync(webDir) && newestMtime(webDir) > statSync(dist).mtimeMs);
if (stale && existsSync(path.join(webDir, "index.html"))) {
  console.error("正在构建编辑器界面（vite build）…");
  const r = spawnSync(process.execPath, [path.join(root, "node_modules", "vite", "bin", "vite.js"), "build", "--logLevel", "warn"], {
    cwd: root,
    stdio: "inherit",
    // A NODE_ENV=test/development inherited from the shell would bundle React's development build.
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (r.status !== 0) {
    console.error("编辑器构建失败；接口仍可用。");
  }
}

const { register } = await import("tsx/esm/api");
register();
await import(path.join(root, "server", "index.ts"));
