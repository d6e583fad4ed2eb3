/**
 * Traditional → Simplified folding for matching only. A Big5 (or Traditional UTF-8) report is kept as
 * written; the structure parser and the work-line lexicon, whose keywords are Simplified, look at a folded
 * copy so that 存在的問題 is a problems heading and 掃黑除惡 tags 扫黑除恶. The fold maps one character to
 * one character, so offsets into the folded copy are offsets into the original. It covers the characters
 * of the genre's vocabulary (headings, roles, work lines), not the whole script; a character that is also
 * ordinary Simplified (著, 於, 乾隆's 乾 aside) is left out so Simplified text never changes.
 */

// Pairs "繁简": each Traditional character followed by its Simplified form.
const PAIRS =
  "與与專专業业兩两嚴严個个為为義义習习鄉乡亂乱爭争親亲產产們们從从傳传傘伞優优會会眾众體体興兴內内決决況况劃划創创別别辦办務务動动勢势" +
  "區区單单廳厅厲厉縣县雙双發发髮发號号後后員员團团國国堅坚處处備备復复複复夠够學学寧宁實实審审對对導导將将層层崗岗幫帮幹干應应廟庙開开" +
  "強强態态總总惡恶執执掃扫搶抢護护報报擺摆敵敌數数鬥斗時时來来極极條条楓枫檢检橋桥潔洁濟济滲渗點点環环電电監监盜盗矯矫礎础確确積积穩稳" +
  "竊窃節节範范營营糾纠約约紀纪紛纷線线組组經经結结絡络絕绝繼继績绩續续維维綜综網网聯联肅肃見见規规視视計计討讨訓训議议論论訟讼設设訪访" +
  "證证評评識识詐诈訴诉誠诚話话說说課课調调談谈諜谍責责敗败質质資资轉转輪轮過过還还進进違违選选問问隊队險险隱隐項项顧顾頓顿預预領领頻频" +
  "題题顏颜風风驗验騙骗匯汇彙汇黨党這这麼么裡里裏里權权關关間间樣样機机當当現现無无軍军長长頭头邊边級级圖图統统較较農农幾几戰战則则據据" +
  "並并鎮镇萬万億亿餘余織织廠厂協协參参陣阵階阶際际標标鑑鉴舉举講讲貫贯徹彻籌筹綱纲帶带師师歷历屆届紅红駐驻擁拥車车書书記记讓让認认該该" +
  "華华東东門门馬马龍龙飛飞雲云廣广場场價价傷伤僅仅兒儿勞劳勝胜啟启園园圍围塊块壓压壞坏聲声奮奋婦妇寶宝寫写屬属幣币廢废歸归錄录徵征恥耻" +
  "愛爱慮虑懷怀戶户擇择擊击擔担擴扩換换揮挥損损斷断構构歡欢殺杀滅灭滿满漢汉準准溫温獨独獎奖畫画畢毕療疗盡尽盤盘禮礼稅税稱称窮穷競竞筆笔" +
  "築筑簡简類类糧粮純纯紙纸給给綠绿緊紧編编練练縱纵職职聽听腦脑臨临舊旧藝艺葉叶藥药虛虚術术衛卫衝冲補补裝装製制覺觉觀观觸触訂订許许詳详" +
  "試试誤误請请諾诺謀谋謝谢讀读財财貧贫貨货購购費费賽赛贊赞趕赶跡迹蹤踪軟软載载輕轻輸输辭辞達达遷迁遠远適适遺遗醫医釋释鐘钟鋼钢錯错錢钱" +
  "閉闭閱阅陰阴陸陆隨随難难離离靜静順顺須须額额願愿顯显養养齊齐齡龄懲惩罰罚槍枪轄辖撥拨夥伙鐵铁獄狱災灾蓋盖貪贪汙污係系繫系錶表憲宪" +
  "頒颁佈布務务導导湧涌憑凭態态壇坛薦荐勵励彙汇礙碍懇恳悅悦闆板衆众眾众剷铲蘭兰麗丽騷骚擾扰違违紐纽細细織织億亿倫伦範范纖纤漁渔獵猎" +
  "慶庆賓宾償偿債债偵侦訊讯詢询誘诱謊谎謠谣緝缉偽伪竄窜搶抢詞词語语構构穫获濫滥隸隶廚厨員员鍵键鏈链優优顛颠鬧闹訂订濱滨臺台颱台";

const MAP = new Map<string, string>();
for (let i = 0; i + 1 < PAIRS.length; i += 2) MAP.set(PAIRS[i], PAIRS[i + 1]);

const HAS_TRADITIONAL = new RegExp(`[${[...MAP.keys()].join("")}]`);

/** The text with frequent Traditional characters folded to Simplified, one character for one (offsets are kept). */
export function foldTraditional(text: string): string {
  if (!HAS_TRADITIONAL.test(text)) return text;
  let out = "";
  for (const ch of text) out += MAP.get(ch) ?? ch;
  return out;
}
