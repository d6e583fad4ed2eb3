/**
 * A text's clauses for claim comparison: sentences (and their ；parts) cut at commas and colons, with
 * 一是/（一）/1. markers and item titles removed, each with what it claims and what it is about.
 */
import { stripEnumerator, stripMarker } from "../text/headings.ts";
import { tag } from "../text/segment.ts";
import { splitSentences } from "../text/sentences.ts";
import { bestMatches, contentOf, type Content } from "./align.ts";
import { clauseClaims, type ClauseClaims } from "./markers.ts";

export interface Clause {
  text: string;
  claims: ClauseClaims;
  /** What the clause is about (figures, content characters), to pair it with its counterpart. */
  content: Content;
  /** With the topic of its sentence (禁毒这块，…) added: for a clause that finds no counterpart by itself. */
  topicContent?: Content;
  /** The first clause of its sentence (after any topic). */
  opens?: boolean;
  /** Its plan is its list's lead clause's (下一步打算干两件事：……), read from the structure, not its own words. */
  led?: boolean;
}

/**
 * For each clause of `from`, its counterpart in `to` (see bestMatches): by what the clause says, and
 * where that finds none, by what it says together with its sentence's topic.
 */
export function matchClauses(from: Clause[], to: Clause[]): number[] {
  const own = bestMatches(from.map((c) => c.content), to.map((c) => c.content));
  const toTopic = to.map((c) => c.topicContent ?? c.content);
  return own.map((j, i) => (j >= 0 || !from[i].topicContent ? j : bestMatches([from[i].topicContent!], toTopic)[0]));
}

const OPEN = "“《（(‘「";
const CLOSE = "”》）)’」";

/** Pieces of a sentence between its commas and colons, never inside quotes or 书名号. */
function commaPieces(sentence: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < sentence.length; i++) {
    const ch = sentence[i];
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch) && depth > 0) depth--;
    else if (depth === 0 && "，,：:".includes(ch)) {
      out.push(sentence.slice(from, i));
      from = i + 1;
    } else if (depth === 0 && i > from + 1 && /^(?:但是|但(?![凡愿])|可是)/.test(sentence.slice(i)) && !/[不非]$/.test(sentence.slice(from, i))) {
      // 签了协议但钱还没给到位: a turn without a comma starts a clause of its own, as 但 after a comma does.
      out.push(sentence.slice(from, i));
      from = i;
    }
  }
  out.push(sentence.slice(from));
  return out;
}

/**
 * A title of an item (一是化解进度。二是完成情况。): a numbered sentence of a few characters with no
 * comma and no figure that ends in a noun or makes no claim (and no scope, modality or approval at
 * all), followed by a sentence of the same item. It names what the item is about; the sentences
 * after it say what happened.
 */
function isItemTitle(sentence: string): boolean {
  const t = sentence.trim();
  const body = stripMarker(stripEnumerator(t)).replace(/[。！？!?；;：:]+$/u, "");
  if (body === t.replace(/[。！？!?；;：:]+$/u, "") || body.length === 0 || body.length > 10) return false;
  if (/[，,、\d０-９]/.test(body)) return false;
  const c = clauseClaims(body);
  if (c.modality.length + c.scope.length + c.approvals.length > 0) return false;
  const words = tag(body, false);
  return /^(n|vn)/.test(words[words.length - 1]?.tag ?? "") || c.statuses.length + c.negations === 0;
}

const claimsNothing = (c: ClauseClaims) => c.statuses.length + c.negations + c.modality.length + c.scope.length + c.approvals.length === 0 && !c.perfective;

/**
 * A topic the rest of its sentence comments on (禁毒这块，…; 县里的两级综治中心，镇一级的都挂牌了，村一级的
 * 还有一些没挂): the first piece of a sentence with more after it, claiming nothing, with no figure, and
 * either marked as a topic (这块, 方面) or a noun phrase (no verb, or a verb only as the head after 的).
 */
function isTopic(piece: string, claims: ClauseClaims): boolean {
  if (!claimsNothing(claims) || /[\d０-９零〇一二两三四五六七八九十百千万]{2,}|\d/.test(piece)) return false;
  if (/(?:这块|这一块|这方面|这一方面|方面|这个事|这件事|这项工作|工作中|过程中|期间)$/.test(piece)) return true;
  const words = tag(piece, false);
  const last = words.length - 1;
  const headAfterDe = last > 0 && words[last - 1].word === "的";
  // No predicate: no verb (but the head after 的: 村规民约的修订), adjective or adverb, and a noun at the end.
  return (
    words.every((w, k) => !/^(v(?!n)|a|d)/.test(w.tag) || (k === last && headAfterDe && /^v/.test(w.tag))) &&
    (/^(n|vn|j)/.test(words[last].tag) || headAfterDe)
  );
}

/** A topic's share in each comment's content: enough to tell two comments apart, never to outweigh what the comment says. */
const TOPIC_WEIGHT = 0.25;

function withTopic(own: Content, topic: Content): Content {
  const weights = new Map(own.weights);
  for (const [k, w] of topic.weights) weights.set(k, (weights.get(k) ?? 0) + w * TOPIC_WEIGHT);
  return { weights, total: own.total + topic.total * TOPIC_WEIGHT };
}

/** Where a sentence's lead clause ends: its first colon outside quotes, with items after it; -1 if none. */
function leadColon(sentence: string): number {
  let depth = 0;
  for (let i = 0; i < sentence.length; i++) {
    const ch = sentence[i];
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch) && depth > 0) depth--;
    else if (depth === 0 && "：:".includes(ch)) return /[\u4e00-\u9fff]/.test(sentence.slice(i + 1)) ? i : -1;
  }
  return -1;
}

/** The plan word of a lead clause (打算, 下一步), when it plans rather than narrates. */
function planOf(lead: string): string | null {
  const c = clauseClaims(lead);
  if (!c.statuses.includes("planned") || c.statuses.includes("done")) return null;
  const word = c.words["status:planned"] ?? null;
  // 计划 as a noun (国民经济计划执行的结果表明：) plans nothing; as a verb it is followed by what is planned.
  if (word === "计划" && !/计划(?:[要将于在从对把]|重点|着力|开展|推进|做好|抓好|完成|实施|组织|建立|建设|再)/.test(lead)) return null;
  return word;
}

/**
 * An item the lead's plan governs: one with no 已 that states no status of its own but done, or what is
 * left (把剩下五个村的网格划好 under 下一步打算: the rest is planned, not said done).
 */
const governed = (text: string, c: ClauseClaims) =>
  !/已/.test(text) && c.statuses.every((s) => s === "done" || (s === "notdone" && /剩|其余|其他|还有|仍有/.test(c.words["status:notdone"] ?? "")));

/** Clauses: sentences (and their ；parts) cut at commas and colons, with 一是/（一）/1. markers and item titles removed. */
export function splitClauses(text: string): Clause[] {
  const sentences = splitSentences(text, { semicolons: true }).map((span) => text.slice(span.start, span.end));
  // A title is followed by the item's own text, which carries no marker of its own.
  const body = (k: number) => k < sentences.length && stripEnumerator(sentences[k].trim()) === sentences[k].trim();
  // A list's lead clause that plans (下一步打算干两件事：) governs its items, to the sentence's end.
  let lead: string | null = null;
  let leadMarked = false;
  return sentences
    .filter((sentence, k) => !(isItemTitle(sentence) && body(k + 1)))
    .flatMap((sentence) => {
      const colon = leadColon(sentence);
      const marked = (t: string) => stripEnumerator(t.trim()) !== t.trim();
      // An item numbered where the lead's own items are not (二是……方针：A；三是B) is the lead's sibling, not its item.
      if (colon < 0 && lead && marked(sentence) && !leadMarked) lead = null;
      if (colon >= 0) {
        lead = planOf(sentence.slice(0, colon));
        leadMarked = marked(sentence.slice(colon + 1));
      }
      // A plan also governs the bare clauses after it in its sentence (明年打算搞个联席会议，每月开一次): what they
      // say is the plan's content, until a clause states a status or a perfective of its own.
      let planned: string | null = null;
      const pieces = commaPieces(sentence)
        .map((c, k, all) => ({ raw: stripMarker(stripEnumerator(c.replace(/[。！？!?；;…]+$/u, ""))).trim(), item: k >= all.length - (colon < 0 ? all.length : commaPieces(sentence.slice(colon + 1)).length) }))
        .filter((c) => /[\u4e00-\u9fff]/.test(c.raw))
        .map(({ raw: text, item }) => {
          const own = clauseClaims(text);
          // A 是……的 statement (奖品钱是从经费里出的) states a fact of its own: the plan before it stops there.
          if (/是[^，]{1,30}的$/.test(text)) planned = null;
          const listed = colon >= 0 ? (item ? lead : null) : lead;
          const governing = listed ?? (own.statuses.length === 0 && !own.perfective && !own.negations ? planned : null);
          // The plan carried on is said by 拟, whatever word said it (将 plans only before a verb), or by its time alone.
          if (own.statuses.length || own.perfective) planned = own.statuses.includes("done") || !planOf(text) ? null : own.planByTimeOnly ? planOf(text) : "拟";
          const led = !!governing && governed(text, own);
          return { text, claims: led ? { ...clauseClaims(governing + text), words: own.words } : own, ...(led ? { led } : {}) };
        });
      if (!/[；;]\s*$/.test(sentence)) lead = null;
      // A topic claims nothing itself: what it is about belongs to each comment after it, which is
      // where the claims are, so the comments pair by it (镇一级的都挂牌了 → 镇级综治中心均已挂牌).
      const topic = pieces.length > 1 && isTopic(pieces[0].text, pieces[0].claims) ? pieces[0].text : null;
      return (topic ? pieces.slice(1) : pieces).map((p, k) => {
        const content = contentOf(p.text);
        return { ...p, content, opens: k === 0, ...(topic ? { topicContent: withTopic(content, contentOf(topic)) } : {}) };
      });
    });
}
