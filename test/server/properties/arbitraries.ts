import fc from "fast-check";

/** Runs per property: enough to find edge cases, bounded so the suite stays fast. */
export const RUNS = { numRuns: 200 };

/** Pieces that matter to a 工作总结 parser: figures, markers, headings, ads, placeholders. */
const DOMAIN_TOKENS = [
  "1.2万余件", "98.6%", "三成", "2024年", "2023年度", "同比上升12.5个百分点", "下降3.1%", "近百人", "约200万元", "1,234", "１２３４", "９８．６％",
  "一、", "二、", "（一）", "(二)", "（三）", "1.", "2．", "3、", "（1）", "(2)", "一是", "二是", "三是", "第一", "第十二届",
  "区委政法委", "2024年度政法工作总结", "存在的问题", "下一步工作计划", "一年来，", "总之，",
  "XX", "××", "**", "＊＊", "某某", "XXX年", "【更多公文素材，微信：abc123】", "##paidbegin##", "##paidend##", "阅读全文", "点击查看全文",
  "扫黑除恶", "“枫桥经验”", "《中华人民共和国反电信网络诈骗法》", "平安建设", "矛盾纠纷",
  "。", "，", "；", "：", "、", "……", "——", "“", "”", "（", "）", "(", ")", "!", "?", "！", "？", ".", "%", "％", "万", "亿", "余", "多", "个百分点",
  "\n", "\n\n", "\r\n", "\r", "\t", " ", "　", "\u00a0", "\u200b", "\ufeff", "\u2028",
];

/** Any single UTF-16 unit, including lone surrogates and control characters. */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const cjk = fc.integer({ min: 0x4e00, max: 0x9fff }).map((n) => String.fromCharCode(n));
const fullWidth = fc.integer({ min: 0xff01, max: 0xff5e }).map((n) => String.fromCharCode(n));
const control = fc.integer({ min: 0, max: 0x1f }).map((n) => String.fromCharCode(n));
const surrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n));
const digits = fc.stringMatching(/^[0-9]{1,8}(\.[0-9]{1,3})?$/);
const cnDigits = fc.array(fc.constantFrom(..."零〇一二两三四五六七八九十百千万亿"), { minLength: 1, maxLength: 6 }).map((a) => a.join(""));

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...DOMAIN_TOKENS) },
  { weight: 3, arbitrary: cjk },
  { weight: 2, arbitrary: digits },
  { weight: 2, arbitrary: cnDigits },
  { weight: 1, arbitrary: fullWidth },
  { weight: 1, arbitrary: control },
  { weight: 1, arbitrary: surrogate },
  { weight: 1, arbitrary: anyUnit },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 4 }) },
);

/** Arbitrary text biased towards Chinese report content, with every kind of Unicode mixed in. */
export const reportText = (maxPieces = 80) => fc.array(piece, { maxLength: maxPieces }).map((a) => a.join(""));

/** Text laid out as lines, like decoded report files (headings, body, noise), for line-based parsers. */
export const reportLines = fc
  .array(
    fc.oneof(
      reportText(12),
      fc.tuple(fc.constantFrom("一、", "二、", "（一）", "（二）", "1.", "（1）", "三、"), reportText(10)).map(([m, t]) => m + t),
      fc.constantFrom("2024年度区委政法委工作总结", "一、存在的问题", "二、下一步工作打算", "阅读全文", "【更多范文，关注公众号】", ""),
    ),
    { maxLength: 25 },
  )
  .map((lines) => lines.join("\n"));
