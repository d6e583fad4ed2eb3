import { readFileSync } from "node:fs";
import { checkTypos } from "../server/checking/typo/index.ts";
import { proseDir, proseFiles } from "./prose.ts";
const which = process.argv[2] ?? "held";
let n = 0, chars = 0;
for (const f of proseFiles(proseDir()!)) {
  if ((which === "held") !== f.heldOut) continue;
  const text = readFileSync(f.file, "utf8");
  chars += text.length;
  for (const x of checkTypos(text)) { if (x.severity === "info") continue; n++; console.log(f.name, text.slice(Math.max(0,x.start-8),x.start)+"["+x.text+"]"+text.slice(x.end,x.end+8), x.message); }
}
console.log(which, n, chars, (n/chars*1e4).toFixed(2));
