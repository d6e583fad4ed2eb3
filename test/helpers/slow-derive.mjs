// A derive module that takes long to load, as the checker's lexicons do on a busy machine (parse-pool tests).
await new Promise((resolve) => setTimeout(resolve, Number(process.env.SLOW_DERIVE_MS ?? 5000)));
export function deriveEvidence() {
  return { evidence: { slow: true }, transfer: [] };
}
