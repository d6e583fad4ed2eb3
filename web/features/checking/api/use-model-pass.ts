import { useRef, useState } from "react";
import type { Finding } from "../../../../server/checking/types.ts";
import { errorText } from "../../../lib/errors.ts";
import { checkWithModel } from "./check.ts";

/** Where a model pass stands: chunks done of total, whether it ended, its notes, and how long the model has been thinking. */
export interface ModelRun {
  done: number;
  total: number;
  finished: boolean;
  note: string | null;
  thinkingMs?: number;
  /** Items the model proposed that failed the verification against the text, and were dropped. */
  dropped?: number;
}

/**
 * 模型复核: the configured model proofreads a checked text chunk by chunk; each chunk's verified findings
 * go to `onFindings` with the text they refer to. One run at a time: a new run or `stopModel` ends the last.
 */
export function useModelPass(onFindings: (sent: string, findings: Finding[]) => void) {
  const [modelRun, setModelRun] = useState<ModelRun | null>(null);
  const abort = useRef<AbortController | null>(null);

  const stopModel = () => {
    abort.current?.abort();
    abort.current = null;
    setModelRun(null);
  };

  const runModel = async (sent: string) => {
    stopModel();
    const ac = new AbortController();
    abort.current = ac;
    setModelRun({ done: 0, total: 0, finished: false, note: null });
    const note = (s: string) => setModelRun((m) => (m ? { ...m, note: m.note ? `${m.note}\n${s}` : s } : m));
    try {
      await checkWithModel(sent, (e) => {
        switch (e.event) {
          case "thinking":
            setModelRun((m) => (m ? { ...m, thinkingMs: e.data.elapsedMs } : m));
            break;
          case "progress":
            setModelRun((m) => (m ? { ...m, done: e.data.done, total: e.data.total, thinkingMs: undefined } : m));
            onFindings(sent, e.data.findings);
            break;
          case "warning":
          case "error":
            note(e.data.message);
            break;
          case "done": {
            const dropped = Object.values(e.data.rejected).reduce((n, k) => n + (k ?? 0), 0);
            setModelRun((m) => (m ? { ...m, finished: true, dropped } : m));
            break;
          }
        }
      }, ac.signal);
    } catch (e) {
      if (!ac.signal.aborted) note(errorText(e));
    } finally {
      setModelRun((m) => (m ? { ...m, finished: true } : m));
    }
  };

  return { modelRun, runModel, stopModel };
}
