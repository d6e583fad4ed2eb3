import { describe, expect, it } from "vitest";
import { keyedLock, Mutex, orderedWriter, runBounded } from "../../server/async.ts";

const tick = (ms = 1) => new Promise((r) => setTimeout(r, ms));

describe("runBounded", () => {
  it("never runs more than the limit at once, and starts items in order", async () => {
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    await runBounded([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      started.push(n);
      running++;
      peak = Math.max(peak, running);
      await tick(n % 3);
      running--;
    });
    expect(peak).toBe(3);
    expect(started).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("starts nothing more once stopped, and treats a limit below one as one", async () => {
    const done: number[] = [];
    let stop = false;
    await runBounded([1, 2, 3, 4], 0, async (n) => {
      done.push(n);
      if (n === 2) stop = true;
    }, () => stop);
    expect(done).toEqual([1, 2]);
    await runBounded([], 4, async () => {
      throw new Error("never called");
    });
  });

  it("rejects with a task's error", async () => {
    await expect(runBounded([1, 2], 2, async (n) => {
      if (n === 2) throw new Error("boom");
    })).rejects.toThrow("boom");
  });
});

describe("locks", () => {
  it("a Mutex runs calls one after another, past a failure", async () => {
    const m = new Mutex();
    const log: string[] = [];
    const a = m.run(async () => {
      await tick(5);
      log.push("a");
    });
    const b = m.run(async () => {
      log.push("b");
      throw new Error("b failed");
    });
    const c = m.run(async () => log.push("c"));
    await a;
    await expect(b).rejects.toThrow("b failed");
    await c;
    expect(log).toEqual(["a", "b", "c"]);
  });

  it("a keyed lock serialises one key and lets other keys through", async () => {
    const lock = keyedLock();
    const log: string[] = [];
    const slow = lock("x", async () => {
      await tick(10);
      log.push("x1");
    });
    const other = lock("y", async () => log.push("y"));
    const same = lock("x", async () => log.push("x2"));
    await Promise.all([slow, other, same]);
    expect(log).toEqual(["y", "x1", "x2"]);
  });

  it("an ordered writer keeps the order of pushes and survives a failed write", async () => {
    const out: number[] = [];
    const w = orderedWriter(async (n: number) => {
      await tick(n === 1 ? 5 : 0);
      if (n === 2) throw new Error("gone");
      out.push(n);
    });
    w.push(1);
    w.push(2);
    w.push(3);
    await w.drain();
    expect(out).toEqual([1, 3]);
  });
});
