/**
 * The table's view (search, filters, sort, columns) kept in the URL: a new history entry for a
 * choice, the same entry while typing (written once the typing pauses), restored on back and
 * forward.
 */
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { type ColumnId, decodeView, encodeView, type TrackView } from "../../lib/track-view.ts";
import { staticSearchId } from "./TrackControls.tsx";

/** While typing, the address is rewritten once the typing pauses this long (history calls cost milliseconds each). */
const TYPING_URL_DELAY = 300;

/** The view and what changes it. */
export interface ViewInUrl {
  view: TrackView;
  /** The view as of the last change, for handlers that run before a render. */
  viewRef: RefObject<TrackView>;
  /** Whether the reader is typing a search (its changes replace the history entry). */
  typing: RefObject<boolean>;
  /** Makes `next` the view and writes it to the URL ("push" a choice, "replace" while typing). */
  apply(next: TrackView, mode?: "push" | "replace"): void;
  /** Writes a replaceState that typing left waiting. */
  flushUrl(): void;
}

/**
 * The view read from the URL (plus what was typed into the inert search box while the island
 * loaded); `onChange` runs on every change of view (the island shows its first rows again).
 */
export function useTrackView(dataId: string, defaults: readonly ColumnId[], onChange: () => void): ViewInUrl {
  const [view, setView] = useState<TrackView>(() => {
    const fromUrl = decodeView(location.search, defaults);
    // What the reader typed into the build's inert search box while the island loaded.
    const early = document.querySelector<HTMLInputElement>(`#${staticSearchId(dataId)}`)?.value ?? "";
    return early && !fromUrl.q ? { ...fromUrl, q: early } : fromUrl;
  });
  const viewRef = useRef(view);
  viewRef.current = view;
  const typing = useRef(false);
  const pendingUrl = useRef<{ url: string; timer: number } | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  const flushUrl = useCallback(() => {
    const pending = pendingUrl.current;
    if (!pending) return;
    clearTimeout(pending.timer);
    pendingUrl.current = null;
    if (pending.url !== `${location.pathname}${location.search}${location.hash}`)
      history.replaceState(null, "", pending.url);
  }, []);

  const apply = useCallback(
    (next: TrackView, mode: "push" | "replace" = "push") => {
      if (mode === "push") typing.current = false;
      setView(next);
      changed.current();
      const query = encodeView(next, defaults);
      const url = `${location.pathname}${query ? `?${query}` : ""}${location.hash}`;
      if (mode === "replace") {
        if (pendingUrl.current) clearTimeout(pendingUrl.current.timer);
        pendingUrl.current = { url, timer: window.setTimeout(flushUrl, TYPING_URL_DELAY) };
        return;
      }
      flushUrl();
      if (url !== `${location.pathname}${location.search}${location.hash}`) history.pushState(null, "", url);
    },
    [defaults, flushUrl],
  );

  useEffect(() => {
    addEventListener("pagehide", flushUrl);
    return () => removeEventListener("pagehide", flushUrl);
  }, [flushUrl]);

  useEffect(() => {
    const restore = () => {
      if (pendingUrl.current) clearTimeout(pendingUrl.current.timer);
      pendingUrl.current = null;
      typing.current = false;
      setView(decodeView(location.search, defaults));
      changed.current();
    };
    addEventListener("popstate", restore);
    return () => removeEventListener("popstate", restore);
  }, [defaults]);

  return { view, viewRef, typing, apply, flushUrl };
}
