import { makeData, RecordBatch, Struct, Table, Type, vectorFromArray, type Data, type Field, type Schema } from "apache-arrow";
import { Slicer } from "../embed/slices.ts";
import type { ChunkRow } from "./schema.ts";

/**
 * The chunks rows as Arrow tables for LanceDB, built column by column: each string column encoded once
 * into one buffer, the vectors copied into one Float32Array. LanceDB's makeArrowTable builds every cell
 * through Arrow's builders (19,000 chunks of 512 dimensions: 2 s of the thread that serves HTTP in one
 * block); this costs a fraction of that. A big document's rows are cut into tables of at most ADD_ROWS
 * rows, each added (and so serialised by LanceDB) on its own, with a turn of the event loop between,
 * so that a search waits behind one table, not the document. Its chunks are invisible until the
 * documents row commits them (commit.ts), however many tables they took.
 */
export const ADD_ROWS = 256;

const encoder = new TextEncoder();

function utf8Column(field: Field, values: string[]): Data {
  let room = 0;
  for (const v of values) room += v.length * 3;
  const bytes = new Uint8Array(room);
  const offsets = new Int32Array(values.length + 1);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    at += encoder.encodeInto(values[i], bytes.subarray(at)).written;
    offsets[i + 1] = at;
  }
  return makeData({ type: field.type, length: values.length, nullCount: 0, valueOffsets: offsets, data: bytes.subarray(0, at) });
}

function vectorColumn(field: Field, vectors: ArrayLike<number>[]): Data {
  const dim: number = field.type.listSize;
  const flat = new Float32Array(vectors.length * dim);
  vectors.forEach((v, i) => {
    if (v.length !== dim) throw new Error(`vector of length ${v.length} in a column of ${dim}`);
    flat.set(v, i * dim);
  });
  const child = makeData({ type: field.type.children[0].type, length: flat.length, nullCount: 0, data: flat });
  return makeData({ type: field.type, length: vectors.length, nullCount: 0, child });
}

/** One Arrow table of these rows, in the schema's column order. */
export function chunkTable(rows: ChunkRow[], schema: Schema): Table {
  const children = schema.fields.map((f) => {
    const values = rows.map((r) => r[f.name as keyof ChunkRow]);
    if (f.typeId === Type.Utf8) return utf8Column(f, values as string[]);
    if (f.typeId === Type.FixedSizeList) return vectorColumn(f, values as ArrayLike<number>[]);
    return vectorFromArray(values as unknown[], f.type).data[0];
  });
  const data = makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children });
  return new Table([new RecordBatch(schema, data)]);
}

/** The rows as tables of at most `size` rows, the event loop getting a turn between them. */
export async function* chunkTables(rows: ChunkRow[], schema: Schema, size = ADD_ROWS): AsyncGenerator<Table> {
  const slicer = new Slicer();
  for (let i = 0; i < rows.length; i += size) {
    await slicer.tick();
    yield chunkTable(rows.slice(i, i + size), schema);
  }
}
