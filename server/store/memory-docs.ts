/**
 * Which document each row of the search copy belongs to (memory-index.ts): a slot per document
 * (its id, content hash and rows first … first + count − 1), the row's slot kept in the row table
 * (`docOf`), and the chunk ids that are not `docId:seq`. Renumbered with the rows by a compaction,
 * and kept by the copy's snapshot.
 */
import type { DocSlot } from "./memory-rows.ts";

/** A slot as a snapshot keeps it: id, hash, first row, row count (null: a removed document's slot). */
export type SavedSlot = [string, string, number, number] | null;

export class DocSlots {
  private readonly byId = new Map<string, DocSlot>();
  private slots: Array<DocSlot | null> = [];
  /** Chunk ids that are not `docId:seq`, by row. */
  private readonly oddIds = new Map<number, string>();

  /** Document id → content hash of what is held. */
  held(): Map<string, string> {
    return new Map([...this.byId].map(([id, d]) => [id, d.hash]));
  }

  get(id: string): DocSlot | undefined {
    return this.byId.get(id);
  }

  /** A new document's slot; returns its number (what `docOf` holds for its rows). */
  add(slot: DocSlot): number {
    this.slots.push(slot);
    this.byId.set(slot.id, slot);
    return this.slots.length - 1;
  }

  /** Row `row` holds a chunk whose id is not `docId:seq`. */
  setOddId(row: number, id: string): void {
    this.oddIds.set(row, id);
  }

  /** Forget document `id`, whose rows are in slot `slotNo`. */
  remove(id: string, slotNo: number): void {
    this.byId.delete(id);
    this.slots[slotNo] = null;
  }

  clear(): void {
    this.byId.clear();
    this.slots = [];
    this.oddIds.clear();
  }

  /** The document id of a row in slot `slotNo` (undefined for a removed one's). */
  docId(slotNo: number): string | undefined {
    return this.slots[slotNo]?.id;
  }

  /** The chunk id of row `row` (slot `slotNo`, sequence number `seq`). */
  chunkId(row: number, slotNo: number, seq: number): string {
    return this.oddIds.get(row) ?? `${this.slots[slotNo]!.id}:${seq}`;
  }

  /**
   * After the rows were renumbered (`renumber[row]`, −1: dropped; order kept): the removed documents'
   * slots dropped, each slot's first row renumbered, and `docOf` of its rows set to its new number.
   */
  renumber(renumber: Int32Array, docOf: Int32Array): void {
    const odd = [...this.oddIds];
    this.oddIds.clear();
    for (const [i, v] of odd) if (renumber[i] >= 0) this.oddIds.set(renumber[i], v);
    const slots: DocSlot[] = [];
    for (const s of this.slots) {
      if (!s) continue;
      s.first = renumber[s.first];
      slots.push(s);
      for (let i = s.first; i < s.first + s.count; i++) docOf[i] = slots.length - 1;
    }
    this.slots = slots;
  }

  /** What a snapshot keeps. */
  exportState(): { slots: SavedSlot[]; oddIds: Array<[number, string]> } {
    return { slots: this.slots.map((d) => (d ? [d.id, d.hash, d.first, d.count] : null)), oddIds: [...this.oddIds] };
  }

  /** Take back a snapshot's slots (replacing what is held). */
  importState(slots: SavedSlot[], oddIds: Array<[number, string]>): void {
    this.clear();
    this.slots = slots.map((d) => (d ? { id: d[0], hash: d[1], first: d[2], count: d[3] } : null));
    for (const d of this.slots) if (d) this.byId.set(d.id, d);
    for (const [i, id] of oddIds) this.oddIds.set(i, id);
  }
}
