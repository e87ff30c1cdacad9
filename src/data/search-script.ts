/**
 * The header search box's script, bundled once per build with esbuild and served from a
 * content-hashed URL. Pages carry only a few inline lines that import it on first use, so a
 * page nobody searches from loads no script file at all.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { build } from "esbuild";

let cached: Promise<{ code: string; url: string }> | null = null;

/** The bundled search-box module and its URL (/scripts/search-<hash>.js). */
export function getSearchScript(): Promise<{ code: string; url: string }> {
  cached ??= (async () => {
    const result = await build({
      entryPoints: [path.join(process.cwd(), "src/components/search/search-box.ts")],
      bundle: true,
      format: "esm",
      minify: true,
      write: false,
      target: "es2022",
      legalComments: "none",
    });
    const code = result.outputFiles[0]?.text ?? "";
    const hash = createHash("sha256").update(code).digest("hex").slice(0, 12);
    return { code, url: `/scripts/search-${hash}.js` };
  })();
  return cached;
}
