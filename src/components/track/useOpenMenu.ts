/** Which of the table's menus is open; a click or focus elsewhere closes it, Escape too (focus back on its button). */
import { useEffect, useState } from "react";

/** The open menu's id (null when none) and its setter. */
export function useOpenMenu(): [string | null, (id: string | null) => void] {
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (!(e.target instanceof Element) || !e.target.closest(`[data-menu="${open}"]`)) setOpen(null);
    };
    const onEscape = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      document.querySelector<HTMLElement>(`[data-menu="${open}"] > button`)?.focus();
      setOpen(null);
    };
    document.addEventListener("pointerdown", close);
    document.addEventListener("focusin", close);
    document.addEventListener("keydown", onEscape);
    return () => {
      document.removeEventListener("pointerdown", close);
      document.removeEventListener("focusin", close);
      document.removeEventListener("keydown", onEscape);
    };
  }, [open]);
  return [open, setOpen];
}
