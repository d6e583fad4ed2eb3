import "./quiet.ts";
import * as lancedb from "@lancedb/lancedb";
import { makeArrowTable } from "@lancedb/lancedb";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Embedder } from "../embed/types.ts";
import { AppError } from "../errors.ts";
import { chunksSchema, documentsSchema, metaSchema, SCHEMA_VERSION, TABLES } from "./schema.ts";

export interface OpenedTables {
  /** `<dataDir>/lancedb` */
  dir: string;
  db: lancedb.Connection;
  documents: lancedb.Table;
  chunks: lancedb.Table;
}

/**
 * Connect to `<dataDir>/lancedb`, create the tables that are missing, and refuse a folder built by
 * another embedder, dimension or schema version (with the Chinese message that says how to rebuild).
 */
export async function openTables(dataDir: string, embedder: Embedder): Promise<OpenedTables> {
  const dir = path.join(dataDir, "lancedb");
  mkdirSync(dir, { recursive: true });
  // Re-check tables written by another process (CLI ingest while the server runs) at most once a second.
  const db = await lancedb.connect(dir, { readConsistencyInterval: 1 });
  const names = new Set(await db.tableNames());
  const dimension = embedder.dimension;

  let meta: lancedb.Table;
  if (names.has(TABLES.meta)) {
    meta = await db.openTable(TABLES.meta);
    const rows = (await meta.query().toArray()) as Array<{ key: string; value: string }>;
    const m = new Map(rows.map((r) => [r.key, r.value]));
    const storedName = m.get("embedder");
    const storedDim = Number(m.get("dimension"));
    if (storedName && (storedName !== embedder.name || storedDim !== dimension)) {
      meta.close();
      db.close();
      throw new AppError(
        "conflict:embedder_mismatch",
        `范文库由向量模型 ${storedName}（${storedDim} 维）建立，当前配置为 ${embedder.name}（${dimension} 维），两者不能混用。` +
          `请改回原来的向量配置；或删除文件夹 ${dir} 后重新导入；或导入到新的数据目录：npx zongjie --data <新目录> ingest corpus`,
        { details: { stored: { embedder: storedName, dimension: storedDim }, configured: { embedder: embedder.name, dimension } } },
      );
    }
    if (m.get("schema") && m.get("schema") !== SCHEMA_VERSION) {
      meta.close();
      db.close();
      throw new AppError(
        "conflict:schema_version",
        `范文库格式版本为 ${m.get("schema")}，本程序需要 ${SCHEMA_VERSION}。请删除文件夹 ${dir} 后重新导入：npx zongjie ingest corpus`,
      );
    }
  } else {
    meta = await db.createEmptyTable(TABLES.meta, metaSchema);
  }
  const documents = names.has(TABLES.documents)
    ? await db.openTable(TABLES.documents)
    : await db.createEmptyTable(TABLES.documents, documentsSchema);
  const chunks = names.has(TABLES.chunks)
    ? await db.openTable(TABLES.chunks)
    : await db.createEmptyTable(TABLES.chunks, chunksSchema(dimension));
  // The vectors themselves must fit too (meta may be missing if the first open was interrupted).
  const vectorType = (await chunks.schema()).fields.find((f) => f.name === "vector")?.type as { listSize?: number } | undefined;
  if (vectorType?.listSize !== dimension) {
    chunks.close();
    documents.close();
    meta.close();
    db.close();
    throw new AppError(
      "conflict:embedder_mismatch",
      `范文库中的向量为 ${vectorType?.listSize ?? "未知"} 维，当前向量配置为 ${dimension} 维。请删除文件夹 ${dir} 后重新导入，或导入到新的数据目录：npx zongjie --data <新目录> ingest corpus`,
    );
  }
  // Meta is written last: a folder without it is treated as new and checked again next time.
  if ((await meta.countRows()) === 0) {
    await meta.add(
      makeArrowTable(
        [
          { key: "embedder", value: embedder.name },
          { key: "dimension", value: String(dimension) },
          { key: "schema", value: SCHEMA_VERSION },
        ],
        { schema: metaSchema },
      ),
    );
  }
  meta.close();
  return { dir, db, documents, chunks };
}
