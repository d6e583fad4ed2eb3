import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import type { Draft, DraftEvent, DraftInput, Fact, Outline } from "../../../../server/drafting/types.ts";
import type { SectionProposal } from "../components/SectionCard.tsx";
import { initialDraftState } from "../draft-model.ts";
import { currentDraft, currentOutline, draftReducer } from "../draft-state.ts";
import { assertFileUsable } from "../../../lib/files.ts";
import { importDraftText, parseFacts, proposeOutline, regenerateSection, streamDraft } from "./drafting.ts";
import { errorText } from "../../../lib/errors.ts";

/** The longest facts text the server parses (POST /api/drafts/parse). */
const FACTS_MAX_CHARS = 200_000;

const LOCAL_KEY = "zongjie.session";

interface LocalSession {
  factsText: string;
  input: DraftInput | null;
  /** The plan: an outline proposed from the facts that no draft has been written from yet. */
  outline: Outline | null;
  outlineFacts: Fact[];
}

function loadLocal(): LocalSession {
  try {
    const raw = localStorage.getItem(LOCAL_KEY);
    if (raw) return { factsText: "", input: null, outline: null, outlineFacts: [], ...(JSON.parse(raw) as Partial<LocalSession>) };
  } catch {
    /* unreadable: start empty */
  }
  return { factsText: "", input: null, outline: null, outlineFacts: [] };
}

/**
 * The writing session: facts text, proposed outline and the draft being generated or edited.
 * Facts and outline are kept in localStorage so a reload loses nothing before the first save.
 * Once a draft is written from an outline, the draft holds it: the outline shown and edited is the
 * draft's own, until the writer proposes a new one from the facts.
 */
export function useDraftSession() {
  const initial = useRef(loadLocal()).current;
  const [factsText, setFactsText] = useState(initial.factsText);
  const [input, setInput] = useState<DraftInput | null>(initial.input);
  const [plan, setPlan] = useState<Outline | null>(initial.outline);
  const [planFacts, setPlanFacts] = useState<Fact[]>(initial.outlineFacts);
  const [busy, setBusy] = useState<"" | "outline" | "parse" | string>("");
  const [error, setError] = useState<string | null>(null);
  // Regenerated sections held back because they changed a fact's claim: the writer keeps either.
  const [proposals, setProposals] = useState<Record<string, SectionProposal>>({});
  const [state, dispatch] = useReducer(draftReducer, initialDraftState);
  const abortRef = useRef<AbortController | null>(null);

  useEffect(() => {
    try {
      localStorage.setItem(LOCAL_KEY, JSON.stringify({ factsText, input, outline: plan, outlineFacts: planFacts } satisfies LocalSession));
    } catch {
      /* storage full or disabled: the server copy still holds the draft */
    }
  }, [factsText, input, plan, planFacts]);

  const draftOutline = useMemo(() => currentOutline(state), [state.draft]);
  const outline = plan ?? draftOutline;
  const outlineFacts = plan ? planFacts : (state.draft?.facts ?? []);

  /** An edit in the outline editor: to the plan while there is one, else to the draft itself. */
  const setOutline = useCallback((o: Outline) => {
    if (plan) setPlan(o);
    else dispatch({ type: "outline", outline: o });
  }, [plan]);

  /** Facts text → parsed input → proposed outline. */
  const makeOutline = useCallback(async () => {
    setError(null);
    setBusy("outline");
    try {
      const parsed = await parseFacts(factsText);
      const r = await proposeOutline(parsed);
      setInput(parsed);
      setPlan(r.outline);
      setPlanFacts(r.facts);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy("");
    }
  }, [factsText]);

  /**
   * A facts file of any kind is read by the server, the one place that decodes files (UTF-8, GB18030 from Windows
   * Notepad's “ANSI”, Big5), and its text lands in the facts box as written. Size and emptiness are checked first.
   */
  const importFactsFile = useCallback(async (file: File) => {
    setError(null);
    setBusy("parse");
    try {
      assertFileUsable(file);
      const { text } = await importDraftText(file);
      if (!text.trim()) throw new Error(`文件为空：《${file.name}》里没有文字`);
      if (text.length > FACTS_MAX_CHARS) throw new Error(`要点过长：不能超过 ${FACTS_MAX_CHARS / 10_000} 万字（《${file.name}》有 ${Math.ceil(text.length / 10_000)} 万字左右）`);
      setFactsText(text);
      setInput(null); // the parsed input no longer matches the text
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy("");
    }
  }, []);

  const generate = useCallback(async () => {
    setError(null);
    let useInput = input;
    let useOutline = outline;
    try {
      if (!useInput) {
        // The facts changed since the outline was proposed: its fact ids no longer hold.
        useOutline = null;
        useInput = await parseFacts(factsText);
        setInput(useInput);
      }
    } catch (e) {
      setError(errorText(e));
      return;
    }
    // Locked sections keep their text: the server is told which, and the reducer never overwrites them.
    const locked: Record<string, string> = {};
    for (const s of state.draft?.sections ?? []) if (s.locked) locked[s.id] = s.text;
    if (useOutline) {
      useOutline = { ...useOutline, sections: useOutline.sections.map((s) => (s.id in locked ? { ...s, locked: true } : s)) };
    }
    abortRef.current?.abort();
    const ac = new AbortController();
    abortRef.current = ac;
    dispatch({ type: "start" });
    setProposals({});
    try {
      const onEvent = (event: DraftEvent) => {
        // From here on the draft holds the outline: the plan it was written from is done with.
        if (event.event === "outline") {
          setPlan(null);
          setPlanFacts([]);
        }
        dispatch({ type: "event", event });
      };
      await streamDraft({ ...useInput, ...(useOutline ? { outline: useOutline } : {}), ...(Object.keys(locked).length ? { locked } : {}) }, onEvent, ac.signal);
      // The stream ends quietly when the writer stops it: that is 已停止, not a broken connection.
      if (ac.signal.aborted) {
        if (abortRef.current === ac) dispatch({ type: "stopped" }); // not when a newer generation took over
      } else dispatch({ type: "stream-ended", message: "与服务器的连接中断，初稿未生成完整；已写好的部分保留在页面上，可再次生成。" });
    } catch (e) {
      if (ac.signal.aborted) {
        if (abortRef.current === ac) dispatch({ type: "stopped" });
      } else dispatch({ type: "stream-failed", message: errorText(e) });
    }
  }, [factsText, input, outline, state.draft]);

  const cancel = useCallback(() => abortRef.current?.abort(), []);

  const regenerate = useCallback(async (sectionId: string) => {
    const d = currentDraft(state);
    if (!d) return;
    const s = d.sections.find((x) => x.id === sectionId);
    if (!s || s.locked) return;
    setBusy(`section:${sectionId}`);
    setError(null);
    try {
      const r = await regenerateSection(d, sectionId);
      dispatch({ type: "notice", message: null });
      if (r.section.text.trim() === s.text.trim()) {
        // The offline engine writes the same facts the same way every time: say so rather than seem to do nothing.
        dispatch({
          type: "notice",
          message: d.engine === "offline"
            ? `“${s.heading || "开头"}”重新生成的结果与原文相同：离线引擎对同样的要点总是写出同样的文字。要换个写法，可用本节的“改写”，或修改这一节的要点后再生成。`
            : `“${s.heading || "开头"}”重新生成的结果与原文相同，本节未作改动。`,
        });
      } else if (r.warnings.some((w) => w.code === "changed_claim")) setProposals((p) => ({ ...p, [sectionId]: { section: r.section, warnings: r.warnings } }));
      else dispatch({ type: "replace-section", section: r.section, warnings: r.warnings });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy("");
    }
  }, [state]);

  const settleProposal = useCallback((sectionId: string, keep: boolean) => {
    const p = proposals[sectionId];
    if (!p) return;
    if (keep) dispatch({ type: "replace-section", section: p.section, warnings: p.warnings });
    setProposals(({ [sectionId]: _, ...rest }) => rest);
  }, [proposals]);

  /** Show a draft; `dirty` when it holds edits the server has not seen yet (a restored local copy). */
  const loadDraft = useCallback((draft: Draft, savedId: string | null, version: number | null, dirty = false) => {
    abortRef.current?.abort();
    dispatch({ type: "load", draft, savedId, version, dirty });
    setProposals({});
    setPlan(null);
    setPlanFacts([]);
  }, []);

  const newSession = useCallback(() => {
    abortRef.current?.abort();
    dispatch({ type: "reset" });
    setProposals({});
    setFactsText("");
    setInput(null);
    setPlan(null);
    setPlanFacts([]);
    setError(null);
  }, []);

  /** An outline made elsewhere (last year's summary as the skeleton) for the parsed facts: it becomes the plan. */
  const adoptPlan = useCallback((parsed: DraftInput, o: Outline, facts: Fact[]) => {
    setInput(parsed);
    setPlan(o);
    setPlanFacts(facts);
  }, []);

  const changeFactsText = useCallback((t: string) => {
    setFactsText(t);
    setInput(null); // the parsed input no longer matches the text
  }, []);

  return {
    outlineStale: input === null && outline !== null,
    factsText,
    setFactsText: changeFactsText,
    input,
    outline,
    setOutline,
    adoptPlan,
    outlineFacts,
    busy,
    error,
    setError,
    state,
    dispatch,
    makeOutline,
    importFactsFile,
    generate,
    cancel,
    regenerate,
    proposals,
    keepProposal: (sectionId: string) => settleProposal(sectionId, true),
    dropProposal: (sectionId: string) => settleProposal(sectionId, false),
    loadDraft,
    newSession,
  };
}

export type DraftSession = ReturnType<typeof useDraftSession>;
