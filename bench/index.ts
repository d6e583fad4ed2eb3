/**
 * `npm run bench [-- --json] [-- --only retrieval,drafting,checking,typo,prose,realset,claims,formats,hostile,facts,cost]`: prints measurements, not a test.
 * Each part lives in bench/<part>.ts and exports `run(opts) → { title, rows, figures }`.
 */
import type { BenchOptions, BenchPart } from "./types.ts";

const PARTS: Record<string, () => Promise<{ run: (o: BenchOptions) => Promise<BenchPart> }>> = {
  retrieval: () => import("./retrieval.ts"),
  drafting: () => import("./drafting.ts"),
  checking: () => import("./checking.ts"),
  typo: () => import("./typo.ts"),
  prose: () => import("./prose.ts"),
  realset: () => import("./realset.ts"),
  claims: () => import("./claims.ts"),
  formats: () => import("./formats.ts"),
  hostile: () => import("./hostile.ts"),
  facts: () => import("./facts.ts"),
  cost: () => import("./cost.ts"),
};

async function main() {
  const argv = process.argv.slice(2);
  const json = argv.includes("--json");
  const quick = argv.includes("--quick");
  const onlyIdx = argv.indexOf("--only");
  const only = onlyIdx >= 0 ? argv[onlyIdx + 1]?.split(",") : Object.keys(PARTS);
  const log = (line: string) => process.stderr.write(line + "\n");
  const out: Record<string, unknown> = {};
  for (const name of only ?? []) {
    const load = PARTS[name];
    if (!load) throw new Error(`unknown bench part: ${name}`);
    log(`== ${name} ==`);
    const part = await (await load()).run({ quick, log, qualityOnly: argv.includes("--quality-only") });
    out[name] = part.figures;
    if (!json) {
      const w = Math.max(...part.rows.map(([k]) => k.length), 10);
      process.stdout.write(`\n${part.title}\n${"-".repeat(w + 20)}\n`);
      for (const [k, v] of part.rows) process.stdout.write(`${k.padEnd(w)}  ${v}\n`);
    }
  }
  if (json) process.stdout.write(JSON.stringify(out, null, 2) + "\n");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
