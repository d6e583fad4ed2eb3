import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseFactsText } from "./server/drafting/facts.ts";
import { generateDraft } from "./server/drafting/run.ts";
import { loadPrompts } from "./server/llm/index.ts";
import { silentLogger } from "./server/log.ts";
const prompts = loadPrompts("prompts");
for (const f of readdirSync("test/fixtures/facts")) {
  const input = parseFactsText(readFileSync(path.join("test/fixtures/facts", f), "utf8"));
  const d = await generateDraft(input, { model: null, prompts, logger: silentLogger }, () => undefined);
  console.log(f, d.stats.changedClaims, d.warnings.filter(w=>w.code==="changed_claim").map(w=>w.message));
}
