/**
 * The Summary column's text: fetched from /track/summaries.json the first time the column is
 * shown (from the column menu or a URL that names it), kept for the page's life; a failed fetch
 * can be tried again.
 */
import { useCallback, useEffect, useState } from "react";
import type { SummaryState } from "../../lib/track-view.ts";
import { readSummaries } from "../../lib/track-wire.ts";

/** Fetches the summaries at `url` once `wanted` is true; null until then. */
export function useSummaries(url: string, wanted: boolean): { summaries: SummaryState | null; retry(): void } {
  const [summaries, setSummaries] = useState<SummaryState | null>(null);
  const requested = summaries !== null;

  useEffect(() => {
    if (!wanted || requested) return;
    setSummaries({ state: "loading" });
    fetch(url)
      .then((response) => {
        if (!response.ok) throw new Error(`the server answered ${response.status}`);
        return response.json() as Promise<unknown>;
      })
      .then((json) => {
        const byKep = readSummaries(json);
        setSummaries(byKep ? { state: "loaded", byKep } : { state: "absent" });
      })
      .catch((error: unknown) => {
        const reason = error instanceof TypeError ? "the network request failed" : String((error as Error).message);
        setSummaries({ state: "failed", reason });
      });
  }, [url, wanted, requested]);

  // Back to "not requested": the effect fetches again while the column is shown.
  const retry = useCallback(() => setSummaries(null), []);
  return { summaries, retry };
}
