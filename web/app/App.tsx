import { useCallback, useEffect, useState } from "react";
import { headingLabels } from "../../server/text/headings.ts";
import { CorpusDocumentView } from "../features/corpus/components/CorpusDocumentView.tsx";
import { CorpusList } from "../features/corpus/components/CorpusList.tsx";
import { Checker } from "../features/checking/components/Checker.tsx";
import { useDraftSession } from "../features/drafting/api/use-draft-session.ts";
import { draftPlainText } from "../features/drafting/draft-text.ts";
import { ConflictBanner, SaveStatus } from "../features/saved/components/SaveStatus.tsx";
import { SavedList } from "../features/saved/components/SavedList.tsx";
import { useSearch } from "../features/search/api/use-search.ts";
import type { Passage } from "../../server/store/types.ts";
import { SearchPage, type AttachSection } from "../features/search/components/SearchPage.tsx";
import { fetchHealth, getToken, onUnauthorized, setToken, type Health } from "../lib/api.ts";
import { setUploadLimitMB } from "../lib/files.ts";
import { applyCheckEdits } from "./check-edits.ts";
import { WritePage } from "./pages/WritePage.tsx";
import { useRoute, type Route } from "./router.ts";
import { useDraftPersistence } from "./use-draft-persistence.ts";
import { TokenPrompt } from "./TokenPrompt.tsx";
import { errorText } from "../lib/errors.ts";

const NAV: { page: Route["page"]; label: string }[] = [
  { page: "write", label: "起草" },
  { page: "check", label: "检查" },
  { page: "search", label: "素材库检索" },
  { page: "corpus", label: "材料库" },
  { page: "saved", label: "我的稿件" },
];

/** The header entry to light: a document opened from a search result belongs to the search page. */
function navOn(route: Route): Route["page"] {
  return route.page === "corpus" && route.at ? "search" : route.page;
}

/** The model in the header: its name as served, whether it reasons, its window, and any problem the probe found. */
export function EngineBadge({ health, error }: { health: Health | null; error: string | null }) {
  if (error) return <span className="engine bad" role="status">服务未连接</span>;
  const d = health?.engines?.drafting;
  if (!d) return <span className="engine" role="status">…</span>;
  if (d.kind !== "llm")
    return <span className="engine offline" role="status" title="未配置模型：由内置规则起草和改写，无需联网">离线引擎</span>;
  const st = d.status ?? null;
  const facts = [
    st?.reasoning === "field" || st?.reasoning === "tags" ? "推理模型（思考过程不进入正文）" : null,
    st?.contextTokens ? `上下文 ${st.contextTokens} 词元` : null,
    st?.firstTokenMs != null ? `首字 ${(st.firstTokenMs / 1000).toFixed(1)} 秒` : null,
    st?.charsPerSecond ? `${st.charsPerSecond} 字/秒` : null,
  ].filter(Boolean);
  const problems = st?.problems ?? [];
  const title = ["由配置的模型起草和改写", ...facts, ...problems.map((p) => `问题：${p}`), ...(st?.notes ?? [])].join("\n");
  return (
    <span className={`engine llm${problems.length ? " bad" : ""}`} role="status" title={title}>
      模型：{d.model}
      {st?.reasoning === "field" || st?.reasoning === "tags" ? <span className="engine-tag">推理</span> : null}
      {problems.length ? <span className="engine-tag bad">⚠ {problems.length} 个问题</span> : null}
    </span>
  );
}

/** The shell: header with navigation and the engine in use, the token prompt, and the pages. */
export function App() {
  const { route, navigate } = useRoute();
  const session = useDraftSession();
  const [health, setHealth] = useState<Health | null>(null);
  const [healthError, setHealthError] = useState<string | null>(null);
  const [needToken, setNeedToken] = useState(false);
  const [tokenFailed, setTokenFailed] = useState(false);
  const { autosave, forget, open } = useDraftPersistence(session, session.setError);
  const search = useSearch();
  // The focused section is shared by the writing page (whose sources are shown) and the search page
  // (where passages are attached to it), so it lives here.
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [openedPassage, setOpenedPassage] = useState<Passage | null>(null);

  const loadHealth = useCallback(async () => {
    try {
      const h = await fetchHealth();
      setHealthError(null);
      setHealth(h);
      setUploadLimitMB(h.limits?.uploadMB);
      // Without a valid token the server answers only {ok, authRequired}.
      if (h.authRequired && !h.engines) {
        setTokenFailed(Boolean(getToken()));
        setNeedToken(true);
      } else setNeedToken(false);
    } catch (e) {
      setHealthError(errorText(e));
    }
  }, []);

  // Counts in the header follow uploads and deletions: refresh on every page change.
  useEffect(() => {
    void loadHealth();
  }, [loadHealth, route]);

  useEffect(() => {
    return onUnauthorized(() => {
      setTokenFailed(Boolean(getToken()));
      setNeedToken(true);
    });
  }, [loadHealth]);

  const draft = session.state.draft;
  const plain = draft?.sections.length ? { ...draftPlainText(draft.title, draft.sections), year: draft.year } : null;

  // Passages can be attached once a whole draft is there; each section under its numbered heading.
  const sections = session.state.finished && draft ? draft.sections : [];
  const labels = headingLabels(sections);
  const attachSections: AttachSection[] = sections.flatMap((s, i) =>
    s.role === "title"
      ? []
      : [{ id: s.id, label: labels[i] || (s.role === "opening" ? "开头段" : s.role === "closing" ? "结尾" : "本节"), chunkIds: s.sources.map((x) => x.chunkId) }],
  );
  // The same section the writing page shows as focused: the one clicked, else the first with sources.
  const targetId = attachSections.some((s) => s.id === focusedId)
    ? focusedId
    : (sections.find((s) => s.role !== "title" && s.sources.length > 0)?.id ?? null);

  const attach = (sectionId: string, p: Passage) => {
    session.dispatch({
      type: "attach-source",
      sectionId,
      source: { chunkId: p.id, docId: p.docId, title: p.title, headingPath: p.headingPath, text: p.text, start: p.start, end: p.end, score: p.score },
    });
  };

  return (
    <div className="app">
      <header className="app-head">
        <div className="brand">总结<span className="brand-sub">工作总结起草助手</span></div>
        <nav aria-label="主导航">
          {NAV.map((n) => (
            <a
              key={n.page}
              href={n.page === "write" ? "/" : `/${n.page}`}
              className={navOn(route) === n.page ? "on" : ""}
              aria-current={navOn(route) === n.page ? "page" : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate({ page: n.page } as Route);
              }}
            >
              {n.label}
            </a>
          ))}
        </nav>
        <div className="head-right">
          {session.state.finished ? (
            <SaveStatus status={autosave.status} dirty={session.state.dirty} version={session.state.version} />
          ) : null}
          {health?.counts ? <span className="hint">材料库 {health.counts.documents} 篇</span> : null}
          <EngineBadge health={health} error={healthError} />
        </div>
      </header>
      {healthError ? <div className="banner" role="alert">{healthError}</div> : null}
      <ConflictBanner status={autosave.status} onLoadLatest={() => void autosave.loadLatest()} onSaveAsCopy={() => void autosave.saveAsCopy()} />
      <main className="app-main">
        {route.page === "write" ? <WritePage
            session={session}
            focusedId={focusedId}
            onFocusSection={setFocusedId}
            onNew={() => {
              forget();
              session.newSession();
            }}
          /> : null}
        {route.page === "check" ? (
          <Checker draft={plain} model={health?.engines?.drafting?.kind === "llm" ? health.engines.drafting.model : null} autoModel={health?.engines?.modelCheck ?? false} onApplyToDraft={(edits) => applyCheckEdits(edits, session.dispatch)} onUndoDraft={() => session.dispatch({ type: "undo" })} />
        ) : null}
        {route.page === "search" ? (
          <SearchPage
            search={search}
            sections={attachSections}
            targetId={targetId}
            onTarget={setFocusedId}
            onAttach={attach}
            onOpen={(p) => {
              setOpenedPassage(p);
              navigate({ page: "corpus", docId: p.docId, at: { start: p.start, end: p.end } });
            }}
          />
        ) : null}
        {route.page === "corpus" ? (
          <div className="single">
            {route.docId && route.at ? (
              <CorpusDocumentView
                id={route.docId}
                passage={{ ...route.at, text: openedPassage?.docId === route.docId && openedPassage.start === route.at.start ? openedPassage.text : undefined }}
                backLabel="← 返回检索结果"
                onBack={() => navigate({ page: "search" })}
              />
            ) : route.docId ? (
              <CorpusDocumentView id={route.docId} onBack={() => navigate({ page: "corpus" })} />
            ) : (
              <CorpusList onOpen={(id) => navigate({ page: "corpus", docId: id })} onChanged={() => void loadHealth()} />
            )}
          </div>
        ) : null}
        {route.page === "saved" ? (
          <div className="single">
            <SavedList
              currentId={session.state.savedId}
              onOpen={(id) => {
                window.history.pushState(null, "", `/?d=${encodeURIComponent(id)}`);
                navigate({ page: "write" });
                if (id !== session.state.savedId) void open(id);
              }}
            />
          </div>
        ) : null}
      </main>
      {needToken ? (
        <TokenPrompt
          failed={tokenFailed}
          onSubmit={(t) => {
            setToken(t);
            setNeedToken(false);
            void loadHealth();
          }}
        />
      ) : null}
    </div>
  );
}
