import { AppError } from "../errors.ts";

/**
 * Bytes → text for .txt/.md. Office files in China are often GBK/GB18030, and reports from Hong Kong,
 * Macao or Taiwan sources come in Big5; we try strict UTF-8 first, then read the bytes both as GB18030
 * and as Big5 and keep the reading that is plainly better Chinese. A wrong guess is an error, never
 * mojibake; when the two readings are close, GB18030 wins (the usual case on the mainland).
 */

export type TextEncodingName = "utf-8" | "gb18030" | "big5" | "utf-16le" | "utf-16be";

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

// The most frequent Chinese characters plus the vocabulary of this genre. Real Chinese prose has most of
// its characters here; bytes of another encoding decoded as GB18030 land on arbitrary ideographs.
const COMMON =
  "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研" +
  "委县市镇街村乡领导安稳治防控网格纠纷矛盾调解信访扫黑除恶维护监督执法司检察审判警队伍廉洁纪律督查整改落实推进深化加强完善健全开展组织召集会议工作总结报告计划建设服务群众平安全年同比下降上升亿万余件名次项个";
// Traditional forms of frequent characters (and of this genre's words), so that a Big5 report — kept in
// Traditional characters, never converted — scores like its Simplified twin would.
const COMMON_TRADITIONAL =
  "這為個國時來們對會發動過說產種後學經進著電裡裏現實兩體機當從業應開還關間樣與數麼質氣變條沒結問無係軍題黨員總設長頭資邊級圖統較將組見計別論運農幾區強決幹戰則據處並" +
  "縣鎮鄉領導穩網糾紛調訪掃惡維護監執檢審隊潔紀織議報務眾億萬餘項歲類響話讓認識該華東車門書買賣馬龍風飛雲廣場專單價傳備傷僅優兒內劃創勞勢勝協參雙號員啟嚴團園圍堅塊壓壞聲" +
  "複夠奮婦寧寶寫層屬幣師帶幫廳廢歸錄徵態恥愛慮懷戶擇擊擔擴換揮損擁敵斷於會極構標權歡歷殺滅滿漢準溫濟爭獨獎環畫畢療盡盤確礎禮稅稱窮競筆節範築簡糧約紅純紙絕給綜綠緊線編練" +
  "縱繼續職聯聽肅腦臨興舉舊藝葉藥虛術衛衝補裝製規視親覺觀觸訂討訓記許訴證評詳試誠誤請課談諾謀講謝讀財責貧貨購費賽贊趕跡蹤軟載輕輸轉辦達遷遠適選遺醫釋鐘鋼錯錢鎮閉閱陣陰陸階際險隨" +
  "隱難離靜順須預頓頻額顏願顯養驗鬥點齊齡執務綜員嚴懲罰詐騙禁毒槍爆稱轄區劃撥糾舉報黨紀廉潔創設規範製訂";
const COMMON_SET = new Set(COMMON + COMMON_TRADITIONAL);

function isCjk(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf);
}

function isPlausibleChar(cp: number): boolean {
  return (
    (cp >= 0x20 && cp < 0x7f) ||
    cp === 0x09 || cp === 0x0a || cp === 0x0d ||
    isCjk(cp) ||
    (cp >= 0x3000 && cp <= 0x303f) || // CJK punctuation
    (cp >= 0xff00 && cp <= 0xffef) || // full-width forms
    (cp >= 0x2000 && cp <= 0x206f) || // general punctuation “ ” … —
    (cp >= 0x2460 && cp <= 0x24ff) || // circled numbers ①
    (cp >= 0x2160 && cp <= 0x217f) || // Roman numerals Ⅰ
    cp === 0xa0 || cp === 0xb7 || cp === 0xd7 || cp === 0xf7 || cp === 0xb0 || cp === 0x25cf || cp === 0x25a1 || cp === 0x25a0 || cp === 0x2605 || cp === 0x2606
  );
}

interface CharStats {
  total: number;
  plausible: number;
  cjk: number;
  common: number;
  replacement: boolean;
}

function charStats(text: string): CharStats {
  const st: CharStats = { total: 0, plausible: 0, cjk: 0, common: 0, replacement: text.includes("\ufffd") };
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    st.total++;
    if (isPlausibleChar(cp)) st.plausible++;
    if (isCjk(cp)) {
      st.cjk++;
      if (COMMON_SET.has(ch)) st.common++;
    }
  }
  return st;
}

/** Whether decoded text reads like Chinese (or plain ASCII): no U+FFFD, almost only expected characters, common ideographs. */
export function isPlausibleChinese(text: string): boolean {
  const st = charStats(text);
  if (st.replacement) return false;
  if (st.total === 0) return true;
  if (st.plausible / st.total < 0.97) return false;
  if (st.cjk === 0) return true;
  // Very short texts give little evidence; demand a bit less of them.
  const need = st.cjk >= 20 ? 0.3 : 0.2;
  return st.common / st.cjk >= need;
}

/**
 * How much a decoding reads like Chinese, for choosing between two: the share of ideographs among the
 * frequent ones, less a heavy penalty for unexpected characters (kana, vertical forms, private use, rare
 * planes) that a wrong reading of the bytes produces. Higher is better; -Infinity for U+FFFD.
 */
export function chineseScore(text: string): number {
  const st = charStats(text);
  if (st.replacement) return Number.NEGATIVE_INFINITY;
  if (st.total === 0) return 0;
  const commonShare = st.cjk ? st.common / st.cjk : 0;
  return commonShare - 4 * (1 - st.plausible / st.total);
}

/** Big5 must beat GB18030 by this much: a reading that is only a little better is not worth leaving GB18030 for. */
const BIG5_MARGIN = 0.1;

function tryDecode(encoding: "gb18030" | "big5", bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Whether bytes look like a binary file rather than text (NUL bytes, many control characters). */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 64 * 1024);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
    else if (b === 0x7f) control++;
  }
  return control / n > 0.02;
}

function hasUtf16Bom(bytes: Uint8Array): TextEncodingName | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return null;
}

/** Decode a text file's bytes (UTF-8 with or without BOM, GB18030/GBK, Big5, UTF-16 with BOM); throws AppError otherwise. */
export function decodeText(name: string, bytes: Uint8Array): DecodedText {
  // UTF-16 files (Windows "Unicode" Notepad) have NUL bytes, so check their BOM before the binary test.
  const utf16 = hasUtf16Bom(bytes);
  if (utf16) {
    try {
      const text = new TextDecoder(utf16, { fatal: true }).decode(bytes.subarray(2));
      if (isPlausibleChinese(text)) return { text, encoding: utf16 };
    } catch {
      // fall through to the encoding error below
    }
    throw encodingError(name);
  }
  if (looksBinary(bytes)) {
    throw new AppError("unsupported:binary", `文件《${name}》是二进制文件，不是文本，无法导入`);
  }
  let body = bytes;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(body);
    return { text, encoding: "utf-8" };
  } catch {
    // not UTF-8: GB18030 or Big5 below
  }
  // Most byte pairs are valid in both encodings, so validity alone does not decide: read both and compare.
  const gb = tryDecode("gb18030", bytes);
  const gbOk = gb !== null && isPlausibleChinese(gb);
  const big5 = tryDecode("big5", bytes);
  if (big5 !== null && isPlausibleChinese(big5) && (!gbOk || chineseScore(big5) >= chineseScore(gb!) + BIG5_MARGIN)) {
    return { text: big5, encoding: "big5" };
  }
  if (gbOk) return { text: gb!, encoding: "gb18030" };
  throw encodingError(name);
}

function encodingError(name: string): AppError {
  return new AppError(
    "bad_request:encoding",
    `文件《${name}》无法识别编码：既不是 UTF-8，也不是 GBK/GB18030 或 Big5。请用记事本或 WPS 另存为 UTF-8 后再导入`,
  );
}
