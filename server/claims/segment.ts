import { Jieba, type TaggedWord } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";

// Stand-in until the shared text layer (server/text/segment.ts) lands on this branch.
let jieba: Jieba | null = null;
/** Words with their part-of-speech tags (nr person, ns place, nt organisation …). */
export function tag(text: string, hmm = true): TaggedWord[] {
  jieba ??= Jieba.withDict(dict);
  return jieba.tag(text, hmm);
}
