import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../../..");

export interface Child {
  proc: ChildProcess;
  lines: string[];
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolve once a stdout line satisfies `pred` (rejects if the child exits first or time runs out). */
  waitFor(pred: (lines: string[]) => boolean, ms?: number): Promise<void>;
}

/**
 * Spawn a TypeScript script in ONE node process (node --import tsx), so SIGKILL hits the process
 * doing the work; the tsx CLI would run it in a grandchild that survives the kill.
 */
export function spawnTs(script: string, args: string[]): Child {
  const proc = spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LOG_LEVEL: "error" } });
  const lines: string[] = [];
  let buf = "";
  let err = "";
  const waiters = new Set<() => void>();
  proc.stdout!.on("data", (d: Buffer) => {
    buf += d.toString("utf8");
    const parts = buf.split("\n");
    buf = parts.pop()!;
    lines.push(...parts);
    for (const w of waiters) w();
  });
  proc.stderr!.on("data", (d: Buffer) => (err += d.toString("utf8")));
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on("exit", (code, signal) => {
      done = true;
      for (const w of waiters) w();
      resolve({ code, signal });
    }),
  );
  return {
    proc,
    lines,
    stderr: () => err,
    exited,
    waitFor(pred, ms = 60_000) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`timed out; stdout: ${lines.slice(-5).join(" | ")}; stderr: ${err.slice(-500)}`)), ms);
        const check = () => {
          if (pred(lines)) finish();
          else if (done) finish(new Error(`child exited first; stderr: ${err.slice(-1000)}`));
        };
        const finish = (e?: Error) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (e) reject(e);
          else resolve();
        };
        waiters.add(check);
        check();
      });
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
