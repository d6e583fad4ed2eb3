import { useCallback, useEffect, useState } from "react";

export type Route =
  | { page: "write" }
  | { page: "check" }
  | { page: "corpus"; docId?: string }
  | { page: "saved" };

/** Path → page. Unknown paths show the writing page (the server falls back to index.html). */
export function parseRoute(pathname: string): Route {
  const parts = pathname.split("/").filter(Boolean);
  switch (parts[0]) {
    case "check":
      return { page: "check" };
    case "corpus":
      return parts[1] ? { page: "corpus", docId: decodeURIComponent(parts[1]) } : { page: "corpus" };
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
    case "corpus":
      return r.docId ? `/corpus/${encodeURIComponent(r.docId)}` : "/corpus";
    case "saved":
      return "/saved";
  }
}

/** Tiny history router: the current route and a navigate function that keeps the query string (draft id). */
export function useRoute() {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.pathname));
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(window.location.pathname));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const navigate = useCallback((r: Route) => {
    window.history.pushState(null, "", routePath(r) + window.location.search);
    setRoute(r);
  }, []);
  return { route, navigate };
}
