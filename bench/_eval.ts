import { readFileSync } from "node:fs";
import { scoreSplit } from "./typo.ts";
const split = process.argv[2] ?? "train";
const pairs = readFileSync(`/work/shared/data/ecspell-odw/odw.${split}`, "utf8").split("\n").filter(Boolean).map((l) => { const [n, written, correct] = l.split("\t"); return { wrong: Number(n), written, correct }; }).filter((p) => p.written && p.correct && p.written.length === p.correct.length);
for (const official of [false, true]) {
  const s = await scoreSplit(pairs, { guards: { official } });
  console.log(split, "official", official, "P", s.detectionP.toFixed(3), "R", s.detectionR.toFixed(3), "false/10k", s.falsePer10k.toFixed(2));
}
