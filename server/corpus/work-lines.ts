/**
 * The work lines (工作条线) of a 政法委 summary, in the conventional order of part 一 (docs/genre.md, Skeleton).
 * Tags on chunks and the section a fact is assigned to are these `id`s. Keywords are a first-pass
 * lexicon; modules that classify text may extend them but must keep the ids and the order.
 */
export interface WorkLine {
  id: string; // the tag, in Chinese, as stored on chunks
  label: string; // default summary phrase for an outline heading
  keywords: string[];
}

export const WORK_LINES: readonly WorkLine[] = [
  { id: "队伍建设", label: "坚持党的绝对领导，加强政法队伍建设", keywords: ["党的领导", "政治建设", "队伍建设", "教育整顿", "政法干警", "第一议题", "理论学习", "党建", "学习教育", "主题教育", "培训", "干部", "作风"] },
  { id: "政治安全", label: "坚决维护国家政治安全", keywords: ["政治安全", "国家安全", "反邪教", "邪教", "渗透", "意识形态", "敌对势力", "反恐", "宗教"] },
  { id: "维稳", label: "防范化解重大风险，维护社会大局稳定", keywords: ["维稳", "风险", "稳定", "重大活动", "安保", "隐患", "预警", "研判", "应急", "重点人员"] },
  { id: "扫黑除恶", label: "推进常态化扫黑除恶斗争", keywords: ["扫黑", "除恶", "黑恶", "涉黑", "涉恶", "打伞破网", "行业治理"] },
  { id: "平安建设", label: "深化平安建设，健全社会治安防控体系", keywords: ["平安建设", "治安", "防控", "刑事案件", "发案", "雪亮工程", "视频监控", "巡防", "电信诈骗", "反诈", "命案", "两抢一盗", "盗窃", "群众安全感"] },
  { id: "基层治理", label: "夯实基层社会治理基础", keywords: ["基层治理", "社会治理", "网格", "网格员", "综治中心", "市域", "智慧治理", "社区", "村(社区)"] },
  { id: "矛盾纠纷", label: "坚持和发展新时代“枫桥经验”，化解矛盾纠纷", keywords: ["矛盾", "纠纷", "调解", "枫桥", "信访", "化解", "访", "诉源", "人民调解", "排查"] },
  { id: "法治建设", label: "推进法治建设，加强执法司法监督", keywords: ["法治", "执法", "司法", "普法", "案件评查", "司法改革", "监督", "公正", "法律服务", "涉法涉诉"] },
  { id: "服务发展", label: "服务经济社会发展，为民办实事", keywords: ["营商环境", "服务发展", "企业", "为民办实事", "我为群众办实事", "民生", "乡村振兴", "高质量发展", "疫情"] },
  { id: "廉政", label: "加强党风廉政建设", keywords: ["廉政", "廉洁", "党风", "八项规定", "纪律", "四风", "违纪", "警示教育", "全面从严治党"] },
] as const;

export const WORK_LINE_IDS = WORK_LINES.map((w) => w.id);

/** Index of a work line in the conventional order, or Infinity for unknown ids. */
export function workLineOrder(id: string): number {
  const i = WORK_LINE_IDS.indexOf(id);
  return i < 0 ? Number.POSITIVE_INFINITY : i;
}
