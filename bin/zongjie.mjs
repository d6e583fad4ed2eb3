#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so `npx zongjie …` works right after `npm install`.
import { register } from "tsx/esm/api";
process.env.ZONGJIE_CLI_ENTRY = "1";
register();
await import("../server/cli.ts");
