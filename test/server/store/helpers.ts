import { createHash } from "node:crypto";
import type { Chunk, PreparedReport, Role } from "../../../server/corpus/types.ts";

export interface Part {
  headingPath: string[];
  role: Role;
  tags?: string[];
  text: string;
}

/** A hand-made PreparedReport: cleaned text is the parts joined by newlines; offsets are real. */
export function makeReport(id: string, title: string, year: number | null, parts: Part[]): PreparedReport {
  let cleaned = `${title}\n`;
  const chunks: Chunk[] = [];
  parts.forEach((p, seq) => {
    const start = cleaned.length;
    cleaned += p.text + "\n";
    chunks.push({
      id: `${id}:${seq}`,
      docId: id,
      seq,
      title,
      year,
      headingPath: p.headingPath,
      role: p.role,
      tags: p.tags ?? [],
      text: p.text,
      start,
      end: start + p.text.length,
    });
  });
  return {
    document: {
      id,
      sourceName: `${id}.txt`,
      contentHash: createHash("sha256").update(cleaned).digest("hex"),
      format: "txt",
      encoding: "utf-8",
      title,
      year,
      level: "区",
      cleanedText: cleaned,
      removed: [],
      structure: { title, year, level: "区", headings: [], sections: [], enumerationRuns: 0 },
    },
    chunks,
  };
}

export const REPORT_A = () =>
  makeReport("doc-a", "2021年区委政法委工作总结", 2021, [
    { headingPath: ["一、履职尽责", "（一）突出队伍建设"], role: "work", tags: ["队伍建设"], text: "全面推动政法队伍教育整顿工作走深走实，组织干警参加应知应会知识测试。" },
    { headingPath: ["一、履职尽责", "（二）扫黑除恶"], role: "work", tags: ["扫黑除恶"], text: "常态化开展扫黑除恶专项斗争，依法打掉涉恶犯罪团伙3个，铲除黑恶势力滋生土壤。" },
    { headingPath: ["一、履职尽责", "（三）矛盾纠纷"], role: "work", tags: ["矛盾纠纷"], text: "坚持和发展新时代枫桥经验，排查化解矛盾纠纷1200余件，调解成功率98%。" },
    { headingPath: ["二、存在问题"], role: "problems", tags: [], text: "基层网格员队伍不稳定，专业能力有待提升。" },
    { headingPath: ["三、下一步工作打算"], role: "plans", tags: ["平安建设"], text: "持续深化平安建设，完善社会治安防控体系，提升群众安全感。" },
  ]);

export const REPORT_B = () =>
  makeReport("doc-b", "2023年县委政法委工作总结", 2023, [
    { headingPath: ["一、主要工作"], role: "work", tags: ["平安建设"], text: "推进雪亮工程建设，新增视频监控点位500个，刑事案件发案率同比下降12%。" },
    { headingPath: ["一、主要工作"], role: "work", tags: ["基层治理"], text: "深化网格化管理，配齐专兼职网格员860名，实现村社区全覆盖。" },
    { headingPath: ["二、存在的不足"], role: "problems", tags: ["矛盾纠纷"], text: "信访积案化解难度大，个别矛盾纠纷调处不及时。" },
  ]);
