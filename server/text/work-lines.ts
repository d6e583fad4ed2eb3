/**
 * The work lines (工作条线) of a 政法委 summary, in the conventional order of part 一 (docs/genre.md, Skeleton).
 * Tags on chunks and the section a fact is assigned to are these `id`s. The keywords that assign text
 * to them are an office list (lists/work-lines.json).
 */
export interface WorkLine {
  id: string; // the tag, in Chinese, as stored on chunks
  label: string; // default summary phrase for an outline heading
}

export const WORK_LINES: readonly WorkLine[] = [
  { id: "队伍建设", label: "坚持党的绝对领导，加强政法队伍建设" },
  { id: "政治安全", label: "坚决维护国家政治安全" },
  { id: "维稳", label: "防范化解重大风险，维护社会大局稳定" },
  { id: "扫黑除恶", label: "推进常态化扫黑除恶斗争" },
  { id: "平安建设", label: "深化平安建设，健全社会治安防控体系" },
  { id: "基层治理", label: "夯实基层社会治理基础" },
  { id: "矛盾纠纷", label: "坚持和发展新时代“枫桥经验”，化解矛盾纠纷" },
  { id: "法治建设", label: "推进法治建设，加强执法司法监督" },
  { id: "服务发展", label: "服务经济社会发展，为民办实事" },
  { id: "廉政", label: "加强党风廉政建设" },
] as const;

export const WORK_LINE_IDS = WORK_LINES.map((w) => w.id);

/** Index of a work line in the conventional order, or Infinity for unknown ids. */
export function workLineOrder(id: string): number {
  const i = WORK_LINE_IDS.indexOf(id);
  return i < 0 ? Number.POSITIVE_INFINITY : i;
}
