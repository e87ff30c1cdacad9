/**
 * Release logos, read from a kubernetes/sig-release checkout at build time and resized
 * with sharp into small WebP files that the /logos/ endpoint emits into the build. The
 * logos never enter this repository. Source folder: KEP_RADAR_SIG_RELEASE, else
 * ../shared/upstream/kubernetes-sig-release beside the project. Resized files are cached
 * in .cache/logos/ (keyed by source path, size, mtime and width) so rebuilds skip sharp.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import type { Release } from "../lib/schema.ts";

/** Widths the build emits: the release page shows the large one, lists the small one (both at 2x density). */
export const LOGO_WIDTHS = { large: 320, small: 128 } as const;
export type LogoSize = keyof typeof LOGO_WIDTHS;

/** A logo as pages reference it. */
export interface LogoImage {
  src: string;
  width: number;
  height: number;
}

/** The sig-release folder logos are read from. */
export function sigReleaseDir(): string {
  return path.resolve(
    process.env.KEP_RADAR_SIG_RELEASE ?? path.join(process.cwd(), "../shared/upstream/kubernetes-sig-release"),
  );
}

/** The logo file of a release, when the release names one and the file is there. */
export function logoFile(release: Pick<Release, "logo">): string | null {
  if (!release.logo) return null;
  const root = sigReleaseDir();
  const file = path.resolve(root, release.logo);
  // The path comes from upstream data: never read outside the sig-release folder.
  if (!file.startsWith(root + path.sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

/** URL of a release logo at one size. */
export function logoUrl(version: string, size: LogoSize): string {
  return `/logos/${LOGO_WIDTHS[size]}/${version}.webp`;
}

const dimensions = new Map<string, Promise<{ width: number; height: number } | null>>();

/** Source dimensions of a logo (sharp reads the header only); null when sharp cannot read it. */
function sourceSize(file: string): Promise<{ width: number; height: number } | null> {
  let pending = dimensions.get(file);
  if (!pending) {
    pending = sharp(file)
      .metadata()
      .then((m) => (m.width && m.height ? { width: m.width, height: m.height } : null))
      .catch(() => null);
    dimensions.set(file, pending);
  }
  return pending;
}

/** The image a page shows for a release at one size, or null when there is no readable logo. */
export async function logoImage(release: Pick<Release, "version" | "logo">, size: LogoSize): Promise<LogoImage | null> {
  const file = logoFile(release);
  if (!file) return null;
  const source = await sourceSize(file);
  if (!source) return null;
  const width = Math.min(LOGO_WIDTHS[size], source.width);
  return { src: logoUrl(release.version, size), width, height: Math.round((source.height * width) / source.width) };
}

const CACHE_DIR = path.join(process.cwd(), ".cache", "logos");

/**
 * The resized WebP of a logo. SVGs are rasterised too: the upstream ones weigh 1.4 MB and
 * more (one wraps an embedded bitmap), far too heavy to ship as they are.
 */
export async function renderLogo(release: Pick<Release, "logo">, size: LogoSize): Promise<Uint8Array | null> {
  const file = logoFile(release);
  if (!file) return null;
  const stat = statSync(file);
  const width = LOGO_WIDTHS[size];
  const key = createHash("sha256").update(`${file}\0${stat.size}\0${stat.mtimeMs}\0${width}\0v1`).digest("hex");
  const cached = path.join(CACHE_DIR, `${key.slice(0, 24)}.webp`);
  if (existsSync(cached)) return readFileSync(cached);
  try {
    const data = await sharp(file)
      .resize({ width, withoutEnlargement: true })
      .webp({ quality: size === "large" ? 82 : 78, effort: 4 })
      .toBuffer();
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(cached, data);
    return data;
  } catch {
    return null;
  }
}
