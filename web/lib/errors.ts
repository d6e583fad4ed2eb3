/** The message of a failure, for the writer: an Error's (ApiError carries the server's Chinese message), else `fallback` or the value as text. */
export function errorText(e: unknown, fallback?: string): string {
  return e instanceof Error ? e.message : (fallback ?? String(e));
}
