/**
 * Release logos, read from a kubernetes/sig-release checkout at build time and resized
 * with sharp into small WebP files that the /logos/ endpoint emits into the build. The
 * logos never enter this repository. Source folder: KEP_RADAR_SIG_RELEASE, else
 * ../shared/upstream/kubernetes-sig-release beside the project. Resized files are cached
 * (src/data/build-cache.ts) under the logo's bytes, the width and this file, so rebuilds skip sharp.
 */
import { closeSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import type { Release } from "../lib/schema.ts";
import { type BuildCache, cacheKey, codeVersion, fileDigest, openBuildCache } from "./build-cache.ts";

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

/** Biggest logo file read (the largest upstream logo, an SVG with an embedded bitmap, is under 3 MB). */
const MAX_LOGO_BYTES = 20 * 1024 * 1024;

const checked = new Map<string, string | null>();

/**
 * The logo file of a release, when the release names one and the file is there, inside the
 * sig-release folder once links are resolved, no larger than MAX_LOGO_BYTES and complete (a
 * truncated image would stop the build). Anything else is reported once and the page shows a
 * generated badge.
 */
export function logoFile(release: Pick<Release, "logo">): string | null {
  if (!release.logo) return null;
  const known = checked.get(release.logo);
  if (known !== undefined) return known;
  const file = checkLogo(release.logo);
  checked.set(release.logo, file);
  return file;
}

function checkLogo(logo: string): string | null {
  let root: string;
  let file: string;
  try {
    root = realpathSync(sigReleaseDir());
    // The path comes from upstream data: never read outside the sig-release folder, links resolved.
    file = realpathSync(path.resolve(root, logo));
  } catch {
    return null;
  }
  const why = !file.startsWith(root + path.sep)
    ? "leads outside the sig-release folder"
    : !statSync(file).isFile()
      ? "is not a file"
      : statSync(file).size > MAX_LOGO_BYTES
        ? "is too large"
        : !isCompleteImage(file)
          ? "is truncated or not an image"
          : null;
  if (why === null) return file;
  console.warn(`[logos] ${logo} ${why}: the page shows a generated badge instead`);
  return null;
}

/**
 * Whether an image file ends the way its format ends: PNG with an IEND chunk, JPEG with an
 * end-of-image marker, GIF with its trailer, WebP with the size its header states, SVG with
 * </svg>. A file cut short (the header reads, the pixels do not) fails.
 */
export function isCompleteImage(file: string): boolean {
  const size = statSync(file).size;
  if (size < 16) return false;
  const read = (offset: number, length: number) => {
    const buffer = Buffer.alloc(length);
    const fd = openSync(file, "r");
    try {
      readSync(fd, buffer, 0, length, offset);
    } finally {
      closeSync(fd);
    }
    return buffer;
  };
  const head = read(0, 16);
  const tail = read(Math.max(0, size - 64), Math.min(64, size));
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return tail.includes(Buffer.from("IEND"));
  if (head[0] === 0xff && head[1] === 0xd8) return tail.includes(Buffer.from([0xff, 0xd9]));
  if (head.subarray(0, 3).toString("latin1") === "GIF") return tail.at(-1) === 0x3b;
  if (head.subarray(0, 4).toString("latin1") === "RIFF" && head.subarray(8, 12).toString("latin1") === "WEBP")
    return head.readUInt32LE(4) + 8 === size;
  return /<\/svg>\s*$/i.test(tail.toString("utf8"));
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
  // Only a logo that really resizes is linked: the endpoint emits exactly these (renders are cached).
  if (!source || !(await renderLogo(release, size))) return null;
  const width = Math.min(LOGO_WIDTHS[size], source.width);
  return { src: logoUrl(release.version, size), width, height: Math.round((source.height * width) / source.width) };
}

/** Resized logos kept: about 2 MB for today's, so many versions of them. */
const CACHE_BYTES = 32 * 1024 * 1024;
let cache: BuildCache | null = null;

/**
 * The resized WebP of a logo. SVGs are rasterised too: the upstream ones weigh 1.4 MB and
 * more (one wraps an embedded bitmap), far too heavy to ship as they are.
 */
export async function renderLogo(release: Pick<Release, "logo">, size: LogoSize): Promise<Uint8Array | null> {
  const file = logoFile(release);
  if (!file) return null;
  const width = LOGO_WIDTHS[size];
  if (!cache) {
    cache = openBuildCache("logos", { maxBytes: CACHE_BYTES });
    cache.prune();
  }
  const key = cacheKey(codeVersion(["src/data/logos.ts"]), fileDigest(file), size);
  const cached = cache.read(key);
  if (cached) return cached;
  try {
    const data = await sharp(file)
      .resize({ width, withoutEnlargement: true })
      .webp({ quality: size === "large" ? 82 : 78, effort: 4 })
      .toBuffer();
    cache.write(key, data);
    return data;
  } catch {
    return null;
  }
}
