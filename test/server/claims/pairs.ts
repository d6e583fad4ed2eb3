/**
 * Hand-written pairs (original → rewrite), written for this project. Every unfaithful one keeps its
 * figures, so only the claim guards can catch it; every guard has a faithful control beside it.
 */
import type { ClaimKind } from "../../../server/claims/types.ts";

export interface Pair {
  before: string;
  after: string;
  /** The kinds the comparison must report; [] for a faithful rewrite. */
  changed: ClaimKind[];
}

export const UNIT = "西山县委政法委";

export const PAIRS: Pair[] = [
  // status and time
  { before: "计划年内建成综治中心3个", after: "年内已建成综治中心3个", changed: ["status"] },
  { before: "拟于下半年开展专项整治2次", after: "下半年开展了专项整治2次，已完成", changed: ["status"] },
  { before: "智慧安防小区正在建设中，已覆盖12个小区", after: "智慧安防小区已建成，覆盖12个小区", changed: ["status"] },
  { before: "将进一步完善网格化管理", after: "网格化管理已经完善", changed: ["status"] },
  { before: "已经建成综治中心3个", after: "已建成综治中心3个", changed: [] },
  { before: "计划年内建成综治中心3个", after: "计划于年内建成3个综治中心", changed: [] },
  { before: "开展了反诈宣传12次", after: "开展反诈宣传12次", changed: [] },
  { before: "将矛盾纠纷纳入网格管理", after: "把矛盾纠纷纳入网格管理", changed: [] },
  // negation
  { before: "目前还没有实现全覆盖", after: "实现全覆盖", changed: ["negation"] },
  { before: "部分村居未配备专职网格员", after: "部分村居配备了专职网格员", changed: ["negation"] },
  { before: "全年发生命案1起", after: "全年未发生命案1起", changed: ["negation"] },
  { before: "学用没有贯通、知行不统一", after: "学用贯通、知行不统一", changed: ["negation"] },
  { before: "目前还没有实现全覆盖", after: "目前尚未实现全覆盖", changed: [] },
  { before: "有的网格员用手机上报信息不太熟练", after: "部分网格员运用手机上报信息的能力不足", changed: [] },
  { before: "矛盾纠纷源头预防机制还不够健全", after: "矛盾纠纷源头预防机制已经健全", changed: ["negation", "status"] },
  { before: "全年没有出现重大群体性事件", after: "全年未发生重大群体性事件", changed: [] },
  { before: "不断加强法治宣传，未成年人保护工作扎实推进", after: "持续加强法治宣传，未成年人保护工作扎实推进", changed: [] },
  // modality and obligation
  { before: "鼓励有条件的乡镇试点", after: "各乡镇要全面推开", changed: ["modality", "scope"] },
  { before: "群众可以通过热线反映诉求", after: "群众必须通过热线反映诉求", changed: ["modality"] },
  { before: "严禁违规插手经济纠纷", after: "原则上不干预经济纠纷", changed: ["modality", "negation"] },
  { before: "各单位应当每月报送一次", after: "各单位可每月报送一次", changed: ["modality"] },
  { before: "各单位应当每月报送一次", after: "各单位应每月报送一次", changed: ["modality"] },
  { before: "各单位应该按时报送材料", after: "各单位应当按时报送材料", changed: [] },
  { before: "严禁违规插手经济纠纷", after: "不得违规插手经济纠纷", changed: [] },
  { before: "鼓励有条件的乡镇先行试点", after: "鼓励有条件的乡镇开展先行试点", changed: [] },
  // scope and degree
  { before: "初步建立矛盾纠纷多元化解机制", after: "全面建立矛盾纠纷多元化解机制", changed: ["scope"] },
  { before: "部分乡镇完成了综治中心规范化建设", after: "各乡镇完成了综治中心规范化建设", changed: ["scope"] },
  { before: "基本实现视频监控全覆盖", after: "实现视频监控全覆盖", changed: ["scope"] },
  { before: "所有村居均已配备网格员", after: "部分村居已配备网格员", changed: ["scope"] },
  { before: "基本上实现视频监控全覆盖", after: "基本实现视频监控全覆盖", changed: [] },
  { before: "初步建立矛盾纠纷多元化解机制", after: "矛盾纠纷多元化解机制初步建立", changed: [] },
  // approvals and decisions
  { before: "报请县委审议", after: "经县委审议通过", changed: ["approval"] },
  { before: "起草了《网格员管理办法》征求意见稿", after: "印发了《网格员管理办法》", changed: ["approval"] },
  // 已报 and 批准实施 both report something done; what changed is the approval.
  { before: "方案已报县政府", after: "方案经县政府批准实施", changed: ["approval"] },
  { before: "经县委同意，成立专项工作组", after: "成立专项工作组", changed: ["approval"] },
  { before: "经县委常委会审议通过", after: "县委常委会审议通过", changed: [] },
  { before: "出台了《网格员管理办法》", after: "印发了《网格员管理办法》", changed: [] },
  // proper names
  { before: "在青石镇开展试点", after: "在青石镇、柳林镇开展试点", changed: ["name"] },
  { before: "联合县公安局开展专项行动2次", after: "联合县公安局、县检察院开展专项行动2次", changed: ["name"] },
  { before: "大河村调解委员会化解纠纷18件", after: "村调解委员会化解纠纷18件", changed: ["name"] },
  { before: "王小明同志牵头调处纠纷5件", after: "牵头调处纠纷5件", changed: ["name"] },
  { before: "依托“雪亮工程”新增探头200个", after: "依托“天网工程”新增探头200个", changed: ["name"] },
  { before: "在青石镇开展试点", after: "在西山县青石镇开展试点", changed: [] },
  { before: "落实《平安单位建设管理办法(试行)》", after: "落实《平安单位建设管理办法（试行）》", changed: [] },
  { before: "在县委的坚强领导下，调处纠纷18件", after: "在西山县委的坚强领导下，调处纠纷18件", changed: [] },
  { before: "西山县人民法院审结案件120件", after: "县法院审结案件120件", changed: [] },
  // expanding and shortening: general wording added or dropped, no claim touched
  { before: "开展反诈宣传12次。", after: "坚持宣传引导与源头治理并重，深入社区开展反诈宣传12次，切实增强群众识骗防骗能力。", changed: [] },
  { before: "全年共排查矛盾纠纷1280件，调解成功1250件，有效维护了社会稳定。", after: "排查矛盾纠纷1280件，调解成功1250件。", changed: [] },
  { before: "咱们县网格员扩充到856人了", after: "我县网格员扩充至856人", changed: [] },
  { before: "计划明年在全县推广“网格+警格”模式", after: "下一步，计划在全县推广“网格+警格”模式，进一步提升基层治理效能", changed: [] },
  // several sentences, rewritten as a whole
  {
    before: "今年搞了12次反诈宣传进社区，老百姓都说好。咱们县网格员扩充到856人了。",
    after: "全年开展反诈宣传进社区12次，人民群众普遍认可。全县网格员扩充至856人。",
    changed: [],
  },
  {
    before: "一是已建成综治中心3个；二是计划年内完成剩余2个乡镇的建设。",
    after: "一是已建成综治中心3个；二是年内已完成剩余2个乡镇的建设。",
    changed: ["status"],
  },
];
