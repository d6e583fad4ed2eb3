#!/usr/bin/env node
// Usage: node bin/fix-lock.mjs [package-lock.json] — run after adding a dependency with native binaries.
// Add lock entries for platform-specific optional packages the registry mirror does not serve, so that
// `npm ci` sees the lock in sync; npm skips them at install because os/cpu don't match this machine.
import { readFileSync, writeFileSync } from "node:fs";
const file = process.argv[2] ?? "package-lock.json";
const lock = JSON.parse(readFileSync(file, "utf8"));
const pk = lock.packages;
const plat = (name) => {
  const n = name.split("/").pop();
  const os = /darwin/.test(n) ? "darwin" : /win32/.test(n) ? "win32" : /freebsd/.test(n) ? "freebsd" : /android/.test(n) ? "android" : /linux/.test(n) ? "linux" : null;
  const cpu = /arm64|aarch64/.test(n) ? "arm64" : /x64/.test(n) ? "x64" : /ia32/.test(n) ? "ia32" : /arm-|armv7|arm$|gnueabihf|eabi/.test(n) ? "arm" : /wasm/.test(n) ? "wasm32" : null;
  const libc = /musl/.test(n) ? "musl" : /gnu/.test(n) && os === "linux" ? "glibc" : null;
  return { os, cpu, libc };
};
let added = 0;
for (const [loc, entry] of Object.entries(pk)) {
  for (const [dep, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = loc ? `${loc}/node_modules/${dep}` : `node_modules/${dep}`;
    if (pk[base] || pk[`node_modules/${dep}`]) continue;
    const { os, cpu, libc } = plat(dep);
    if (!os && !cpu) continue;
    pk[`node_modules/${dep}`] = { version: range.replace(/^[\^~=]/, ""), ...(cpu ? { cpu: [cpu] } : {}), ...(os ? { os: [os] } : {}), ...(libc ? { libc: [libc] } : {}), optional: true };
    added++;
  }
}
writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
console.log(`added ${added} entries`);
