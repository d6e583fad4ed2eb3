/**
 * Child process for the crash test: creates one draft, then saves it in a tight loop, printing
 * "SAVED <version>" after each save returns. Usage: tsx save-child.ts <dataDir> [draftId]
 */
import { openDraftSaveStore } from "../../../server/saves/file-store.ts";
import { sampleDraft } from "../saves/fixture.ts";

const [dataDir, existing] = process.argv.slice(2);
const store = openDraftSaveStore(dataDir);
let id = existing;
let version: number;
if (id) {
  version = (await store.get(id))!.version;
} else {
  const created = await store.create(sampleDraft(bodyFor(1)));
  id = created.id;
  version = 1;
}
process.stdout.write(`ID ${id} ${version}\n`);

/** The body text of version v: long enough that a write takes a moment, checkable on reload. */
function bodyFor(v: number): string {
  return `第${v}版：` + "全年排查化解矛盾纠纷1.2万余件，化解率98.6%。".repeat(2000) + `（第${v}版完）`;
}

for (;;) {
  const saved = await store.save(id, version, sampleDraft(bodyFor(version + 1)));
  version = saved.version;
  process.stdout.write(`SAVED ${version}\n`);
}
