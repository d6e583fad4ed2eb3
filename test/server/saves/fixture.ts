import type { Draft } from "../../../server/drafting/types.ts";

/** A small but complete draft, valid under DraftSchema; `text` varies the body so saves differ. */
export function sampleDraft(text = "全年共排查化解矛盾纠纷1.2万余件，化解率98.6%。", title = "2024年度政法工作总结"): Draft {
  return {
    title,
    unit: "某区委政法委",
    year: 2024,
    period: "全年",
    engine: "offline",
    facts: [
      {
        id: "f1",
        kind: "fact",
        text: "排查化解矛盾纠纷1.2万余件，化解率98.6%",
        workLine: null,
        figures: [{ raw: "1.2万余件", value: 12000, unit: "件", kind: "number" }],
        keyTerms: ["矛盾纠纷"],
      },
    ],
    sections: [
      { id: "s1", role: "work", heading: "坚持和发展新时代“枫桥经验”", level: 1, workLine: null, text, factIds: ["f1"], sources: [], status: "done" },
    ],
    warnings: [],
    stats: { sections: 1 },
    createdAt: "2025-01-05T08:00:00.000Z",
  };
}
