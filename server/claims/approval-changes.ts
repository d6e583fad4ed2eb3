/**
 * Approvals, decisions and honours compared over the whole text: a rewrite may move them between
 * clauses, but may neither add one nor drop one (who decided is part of the work).
 */
import type { Clause } from "./clauses.ts";
import { CLASS_LABELS, type ClauseClaims } from "./markers.ts";
import type { ClaimChange } from "./types.ts";

type TracedChange = ClaimChange & { rule?: string };
const label = (v: string | null) => (v ? CLASS_LABELS[v] ?? v : "（无）");
const wordOf = (c: ClauseClaims, key: string) => c.words[key] ?? "";

/** Agreeing and approving are one claim however worded (同意, 批准, 批了, 获批); a review, an instruction, a vote, issuing and honours are others. */
const DECISION: Record<string, string> = { agreed: "approved" };
const coarse = (v: string) => DECISION[v] ?? v;

/** A clerk's bare 批了 (书记批了) says a superior acted on it: approved it or wrote an instruction (作出批示). */
const EITHER_DECISION = /^(?:已经|已)?批[了过]$/;

// 都发了整改通知书: a document sent out is issued (下发), as 通知都发下去了 is; 发现, 发放, 发生 send nothing.
const ISSUED_COLLOQUIAL = /发(?:下去|出去|下来|到)了?|(?:通知|文件)[^，。；]{0,4}发了|(?<![开出印下颁签])发(?![现生展放挥布动起言])了?[^，。；]{0,6}?(?:通知书?|文件|通报|函)/;

function approvalsOf(clauses: Clause[]): Map<string, { clause: Clause; value: string }> {
  const m = new Map<string, { clause: Clause; value: string }>();
  for (const c of clauses) for (const v of c.claims.approvals) if (!m.has(coarse(v))) m.set(coarse(v), { clause: c, value: v });
  return m;
}

/** The decisions a text's approvals may stand for: each its own, and 批了 either an approval or an instruction. */
function decisionKeys(m: Map<string, { clause: Clause; value: string }>): Set<string> {
  const keys = new Set(m.keys());
  for (const [k, { clause, value }] of m) if (k === "approved" && EITHER_DECISION.test(wordOf(clause.claims, `approval:${value}`))) keys.add("instructed").add("issued");
  return keys;
}

/**
 * An approval, decision or honour the new text asserts and the original does not is a changed claim, and
 * so is one it leaves out (who decided is part of the work).
 */
export function approvalChanges(before: Clause[], after: Clause[], dropped: boolean): TracedChange[] {
  const b = approvalsOf(before);
  const a = approvalsOf(after);
  const bKeys = decisionKeys(b);
  const aKeys = decisionKeys(a);
  const out: TracedChange[] = [];
  // Issuing said in a clerk's words (通知都发下去了) is 已下发.
  if (before.some((c) => ISSUED_COLLOQUIAL.test(c.text))) bKeys.add("issued");
  for (const [k, { clause: c, value: v }] of a) {
    if (bKeys.has(k)) continue;
    out.push({ rule: "approval:added", kind: "approval", before: "", after: wordOf(c.claims, `approval:${v}`), beforeText: "", afterText: c.text, message: `新增了“${label(v)}”的说法（“${wordOf(c.claims, `approval:${v}`)}”）` });
  }
  if (dropped) {
    for (const [k, { clause: c, value: v }] of b) {
      if (a.has(k) || (EITHER_DECISION.test(wordOf(c.claims, `approval:${v}`)) && (aKeys.has("instructed") || aKeys.has("issued")))) continue;
      out.push({ rule: "approval:dropped", kind: "approval", before: wordOf(c.claims, `approval:${v}`), after: "", beforeText: c.text, afterText: "", message: `删去了“${label(v)}”的说法（“${wordOf(c.claims, `approval:${v}`)}”）` });
    }
  }
  return out;
}

