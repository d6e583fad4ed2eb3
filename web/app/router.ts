import { useCallback, useEffect, useState } from "react";

export type Route =
  | { page: "write" }
  | { page: "check" }
  | { page: "search" }
  /** `at`: a passage to scroll to and mark, as offsets into the cleaned text (opened from search). */
  | { page: "corpus"; docId?: string; at?: { start: number; end: number } }
  | { page: "saved" };

/** "#at=120-260" → offsets; anything else → none. */
function parseAt(hash: string): { start: number; end: number } | undefined {
  const m = /^#at=(\d+)-(\d+)$/.exec(hash);
  if (!m) return undefined;
  const start = Number(m[1]);
  const end = Number(m[2]);
  return end > start ? { start, end } : undefined;
}

/** Path (and hash) → page. Unknown paths show the writing page (the server falls back to index.html). */
export function parseRoute(pathname: string, hash = ""): Route {
  const parts = pathname.split("/").filter(Boolean);
  switch (parts[0]) {
    case "check":
      return { page: "check" };
    case "search":
      return { page: "search" };
    case "corpus": {
      if (!parts[1]) return { page: "corpus" };
      const at = parseAt(hash);
      return at ? { page: "corpus", docId: decodeURIComponent(parts[1]), at } : { page: "corpus", docId: decodeURIComponent(parts[1]) };
    }
    case "saved":
      return { page: "saved" };
    default:
      return { page: "write" };
  }
}

export function routePath(r: Route): string {
  switch (r.page) {
    case "write":
      return "/";
    case "check":
      return "/check";
    case "search":
      return "/search";
    case "corpus":
      return r.docId ? `/corpus/${encodeURIComponent(r.docId)}` : "/corpus";
    case "saved":
      return "/saved";
  }
}

/** Tiny history router: the current route and a navigate function that keeps the query string (draft id). */
export function useRoute() {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.pathname, window.location.hash));
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(window.location.pathname, window.location.hash));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const navigate = useCallback((r: Route) => {
    const hash = r.page === "corpus" && r.docId && r.at ? `#at=${r.at.start}-${r.at.end}` : "";
    window.history.pushState(null, "", routePath(r) + window.location.search + hash);
    setRoute(r);
  }, []);
  return { route, navigate };
}
