import { describe, expect, it } from "vitest";
import { createEmbedder } from "../../../server/embed/index.ts";
import { createLocalEmbedder, embedLocal, hashedFeatures } from "../../../server/embed/local.ts";

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

describe("local hashed n-gram embedder", () => {
  it("returns the same vector for the same text every time", async () => {
    const e = createLocalEmbedder(256);
    const [a] = await e.embed(["深入推进扫黑除恶专项斗争"]);
    const [b] = await createLocalEmbedder(256).embed(["深入推进扫黑除恶专项斗争"]);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it("produces unit-length vectors of the configured dimension", async () => {
    for (const dim of [8, 64, 512]) {
      const vs = await createLocalEmbedder(dim).embed(["平安建设", "Grid 2023 网格化管理", "a"]);
      for (const v of vs) {
        expect(v).toBeInstanceOf(Float32Array);
        expect(v.length).toBe(dim);
        expect(Math.sqrt(dot(v, v))).toBeCloseTo(1, 5);
      }
    }
  });

  it("gives an all-zero vector for text without features instead of NaN", () => {
    const v = embedLocal("，。！ ", 32);
    expect(Array.from(v).every((x) => x === 0)).toBe(true);
  });

  it("places rephrasings closer than unrelated text", () => {
    const q = embedLocal("化解矛盾纠纷，坚持枫桥经验", 512);
    const near = embedLocal("坚持和发展新时代枫桥经验，排查化解矛盾纠纷1200余件", 512);
    const far = embedLocal("推进雪亮工程建设，新增视频监控点位500个", 512);
    expect(dot(q, near)).toBeGreaterThan(dot(q, far) + 0.2);
  });

  it("uses CJK 1–3 grams and whole Latin or digit words", () => {
    const f = hashedFeatures("网格员 Grid2023");
    expect([...f.keys()].sort()).toEqual(["1:员", "1:格", "1:网", "2:格员", "2:网格", "3:网格员", "w:grid2023"].sort());
  });

  it("is what createEmbedder builds for the local configuration", () => {
    const e = createEmbedder({ kind: "local", dimension: 128 });
    expect(e.name).toBe("local-hash-ngram-v1");
    expect(e.dimension).toBe(128);
  });
});
