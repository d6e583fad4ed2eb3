/**
 * The inner loop of the in-memory vector search, `scores[i] += q * column[i]`, as a WebAssembly
 * SIMD kernel (four float32 lanes per instruction). Measured at 10k rows × 50 non-zero query
 * dimensions: 0.84 ms in plain JS, 0.44 ms with the JS loop unrolled over four columns, and about
 * 0.1 ms here.
 *
 * The module is 100-odd bytes, assembled below from its instructions, so there is no toolchain,
 * no build step and nothing to download. Where WebAssembly SIMD is missing, `createAxpy` returns
 * null and the caller keeps its JavaScript loop (tests run both and compare).
 *
 * The function, in text form:
 *   (func (export "axpy") (param $s i32) (param $c i32) (param $n i32) (param $q f32)
 *     (local $end i32) (local $qv v128)
 *     qv = f32x4.splat(q); end = s + n * 4
 *     loop while s < end:
 *       v128.store(s, f32x4.add(v128.load(s), f32x4.mul(v128.load(c), qv)))
 *       s += 16; c += 16)
 * `s` and `c` are byte offsets into the imported memory; `n` must be a multiple of 4.
 */

const uleb = (v: number): number[] => {
  const out: number[] = [];
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return out;
};
/** Signed LEB128 (i32.const immediates). */
const sleb = (v: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
};
const str = (s: string) => [...uleb(s.length), ...Buffer.from(s, "utf8")];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];

// Opcodes (WebAssembly core spec 2.0, SIMD proposal).
const I32 = 0x7f, F32 = 0x7d, V128 = 0x7b;
const LOCAL_GET = 0x20, LOCAL_SET = 0x21, I32_CONST = 0x41, I32_ADD = 0x6a, I32_SHL = 0x74, I32_GE_U = 0x4f;
const BLOCK = 0x02, LOOP = 0x03, BR = 0x0c, BR_IF = 0x0d, END = 0x0b, EMPTY = 0x40;
const SIMD = 0xfd;
const V128_LOAD = [SIMD, ...uleb(0x00), 0x02, 0x00]; // memarg: align 2^2, offset 0
const V128_STORE = [SIMD, ...uleb(0x0b), 0x02, 0x00];
const F32X4_SPLAT = [SIMD, ...uleb(0x13)];
const F32X4_ADD = [SIMD, ...uleb(0xe4)];
const F32X4_MUL = [SIMD, ...uleb(0xe6)];

const V128_LOAD_AT = (offset: number) => [SIMD, ...uleb(0x00), 0x00, ...uleb(offset)]; // align 1: int8 columns
const V128_STORE_AT = (offset: number) => [SIMD, ...uleb(0x0b), 0x02, ...uleb(offset)];
const V128_LOAD_F = (offset: number) => [SIMD, ...uleb(0x00), 0x02, ...uleb(offset)];
const I16X8_EXTEND_LOW_I8X16_S = [SIMD, ...uleb(0x87)];
const I16X8_EXTEND_HIGH_I8X16_S = [SIMD, ...uleb(0x88)];
const I32X4_EXTEND_LOW_I16X8_S = [SIMD, ...uleb(0xa7)];
const I32X4_EXTEND_HIGH_I16X8_S = [SIMD, ...uleb(0xa8)];
const F32X4_CONVERT_I32X4_S = [SIMD, ...uleb(0xfa)];

/** A module importing `env.memory` and exporting one function `name` of type (i32 i32 i32 f32) -> (). */
function moduleOf(name: string, locals: number[], code: number[]): Uint8Array<ArrayBuffer> {
  const body = [...locals, ...code];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 4, I32, I32, I32, F32, 0]), // type 0: (i32 i32 i32 f32) -> ()
    ...section(2, [1, ...str("env"), ...str("memory"), 0x02, 0x00, 0x01]), // import memory, min 1 page
    ...section(3, [1, 0]), // one function of type 0
    ...section(7, [1, ...str(name), 0x00, 0]), // export it
    ...section(10, [1, ...uleb(body.length), ...body]),
  ]);
}

/** Both kernels' start: qv = splat(q); end = s + n × 4 (the scores are f32). */
const prelude = (S: number, N: number, Q: number, END_: number, QV: number) => [
  LOCAL_GET, Q, ...F32X4_SPLAT, LOCAL_SET, QV,
  LOCAL_GET, S, LOCAL_GET, N, I32_CONST, 2, I32_SHL, I32_ADD, LOCAL_SET, END_,
];

/** `while (s < end) { body; s += sStep; c += cStep }` as a block around a loop. */
const loop = (S: number, C: number, END_: number, sStep: number, cStep: number, body: number[]) => [
  BLOCK, EMPTY,
  LOOP, EMPTY,
  LOCAL_GET, S, LOCAL_GET, END_, I32_GE_U, BR_IF, 1,
  ...body,
  LOCAL_GET, S, I32_CONST, ...sleb(sStep), I32_ADD, LOCAL_SET, S,
  LOCAL_GET, C, I32_CONST, ...sleb(cStep), I32_ADD, LOCAL_SET, C,
  BR, 0,
  END,
  END,
];

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const [S, C, N, Q, END_, QV] = [0, 1, 2, 3, 4, 5];
  const code = [
    ...prelude(S, N, Q, END_, QV),
    ...loop(S, C, END_, 16, 16, [
      LOCAL_GET, S,
      LOCAL_GET, S, ...V128_LOAD,
      LOCAL_GET, C, ...V128_LOAD,
      LOCAL_GET, QV, ...F32X4_MUL,
      ...F32X4_ADD,
      ...V128_STORE,
    ]),
    END,
  ];
  return moduleOf("axpy", [2, 1, I32, 1, V128], code);
}

/**
 * The int8 kernel: `scores[i] += q * column[i]` with float32 scores and an int8 column, sixteen rows
 * per pass (one 16-byte load of the column, widened to four f32x4 lanes: i8 → i16 → i32 → f32).
 *   (func (export "axpy8") (param $s i32) (param $c i32) (param $n i32) (param $q f32)
 *     (local $end i32) (local $qv v128) (local $x v128) (local $h v128)
 *     loop while s < end:
 *       x = v128.load(c); h = i16x8.extend_low(x)
 *       s[0..4)  += f32(i32x4.extend_low(h)) * qv;  s[4..8)   += f32(i32x4.extend_high(h)) * qv
 *       h = i16x8.extend_high(x)
 *       s[8..12) += …low…;                          s[12..16) += …high…
 *       s += 64; c += 16)
 * `n` must be a multiple of 16.
 */
function moduleBytes8(): Uint8Array<ArrayBuffer> {
  const [S, C, N, Q, END_, QV, X, H] = [0, 1, 2, 3, 4, 5, 6, 7];
  const lane = (offset: number, extend: number[]) => [
    LOCAL_GET, S,
    LOCAL_GET, S, ...V128_LOAD_F(offset),
    LOCAL_GET, H, ...extend, ...F32X4_CONVERT_I32X4_S,
    LOCAL_GET, QV, ...F32X4_MUL,
    ...F32X4_ADD,
    ...V128_STORE_AT(offset),
  ];
  const code = [
    ...prelude(S, N, Q, END_, QV),
    ...loop(S, C, END_, 64, 16, [
      LOCAL_GET, C, ...V128_LOAD_AT(0), LOCAL_SET, X,
      LOCAL_GET, X, ...I16X8_EXTEND_LOW_I8X16_S, LOCAL_SET, H,
      ...lane(0, I32X4_EXTEND_LOW_I16X8_S),
      ...lane(16, I32X4_EXTEND_HIGH_I16X8_S),
      LOCAL_GET, X, ...I16X8_EXTEND_HIGH_I8X16_S, LOCAL_SET, H,
      ...lane(32, I32X4_EXTEND_LOW_I16X8_S),
      ...lane(48, I32X4_EXTEND_HIGH_I16X8_S),
    ]),
    END,
  ];
  return moduleOf("axpy8", [2, 1, I32, 3, V128], code);
}

export type Axpy = (scoresByte: number, columnByte: number, n: number, q: number) => void;

let bytes: Uint8Array<ArrayBuffer> | null = null;
let supported: boolean | null = null;
let bytes8: Uint8Array<ArrayBuffer> | null = null;
let supported8: boolean | null = null;

/** The SIMD kernel bound to `memory`, or null where WebAssembly SIMD is unavailable. */
export function createAxpy(memory: WebAssembly.Memory): Axpy | null {
  bytes ??= moduleBytes();
  supported ??= typeof WebAssembly === "object" && WebAssembly.validate(bytes);
  if (!supported) return null;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  return instance.exports.axpy as Axpy;
}

/** The int8-column kernel bound to `memory` (scores float32, columns int8, n a multiple of 16), or null. */
export function createAxpy8(memory: WebAssembly.Memory): Axpy | null {
  bytes8 ??= moduleBytes8();
  supported8 ??= typeof WebAssembly === "object" && WebAssembly.validate(bytes8);
  if (!supported8) return null;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes8), { env: { memory } });
  return instance.exports.axpy8 as Axpy;
}
