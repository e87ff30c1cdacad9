/**
 * Social images at build time: the SVG from src/lib/social.ts rendered to PNG with sharp,
 * the release logo laid on top. Renders run in a small pool (the build asks for images one
 * page at a time, so the first request queues them all) and are cached in .cache/social/
 * under a hash of everything that goes into them, so a rebuild reads files instead.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import sharp, { type OverlayOptions } from "sharp";
import { STATUS_LABELS } from "../lib/format.ts";
import { countByStage, formatHeadline, releaseHeadline } from "../lib/release-counts.ts";
import { describeReleaseDate } from "../lib/release-page.ts";
import type { Kep, Release } from "../lib/schema.ts";
import { sigName } from "../lib/sigs.ts";
import {
  composeKepSocialSvg,
  composeReleaseSocialSvg,
  deriveStageSteps,
  KEP_LOGO_BOX,
  kepSocialAlt,
  kepSocialPath,
  RELEASE_LOGO_BOX,
  releaseSocialAlt,
  releaseSocialPath,
  SOCIAL_IMAGE,
} from "../lib/social.ts";
import { logoFile } from "./logos.ts";
import { getSiteData } from "./site.ts";

/** Bump when the drawing changes in a way the inputs do not show (fonts, renderer options). */
const RENDERER = "social-v3";
const CACHE_DIR = path.join(process.cwd(), ".cache", "social");
/** Renders at once: sharp already spreads one render over libvips threads. */
const POOL_SIZE = Math.max(1, Math.min(4, availableParallelism()));

/** One image to render. */
export interface SocialJob {
  /** The URL the image is served at. */
  src: string;
  alt: string;
  svg: string;
  /** The release whose logo is laid over the box, if any. */
  logo: { release: Pick<Release, "version" | "logo">; box: { left: number; top: number; size: number } } | null;
}

/** What a page puts in its meta tags. */
export interface SocialMeta {
  src: string;
  width: number;
  height: number;
  alt: string;
}

/** The image job of a release. */
export function releaseSocialJob(release: Release): SocialJob {
  const counts = countByStage(release);
  const hasLogo = logoFile(release) !== null;
  const input = {
    version: release.version,
    theme: release.theme,
    dateLine: describeReleaseDate(release),
    counts,
    total: release.enhancements.length,
    totalLine: formatHeadline(releaseHeadline(release, getSiteData().sources.asOf)),
    slipped: release.slipped.length,
    hasLogo,
  };
  return {
    src: releaseSocialPath(release.version),
    alt: releaseSocialAlt(input),
    svg: composeReleaseSocialSvg(input),
    logo: hasLogo ? { release, box: RELEASE_LOGO_BOX } : null,
  };
}

/** The image job of a KEP: its stages, with the logo of the release it last reached a stage in. */
export function kepSocialJob(kep: Kep, releases: readonly Release[]): SocialJob {
  const steps = deriveStageSteps(kep.timeline);
  const lastReached = steps.filter((s) => s.state === "reached").at(-1);
  const logoRelease = lastReached ? releases.find((r) => r.version === lastReached.release) : undefined;
  const hasLogo = logoRelease !== undefined && logoFile(logoRelease) !== null;
  const input = {
    number: kep.number,
    title: kep.title,
    sig: sigName(kep.owningSig),
    status: kep.status ? STATUS_LABELS[kep.status] : null,
    steps,
    hasLogo,
  };
  return {
    src: kepSocialPath(kep.number),
    alt: kepSocialAlt(input),
    svg: composeKepSocialSvg(input),
    logo: hasLogo && logoRelease ? { release: logoRelease, box: KEP_LOGO_BOX } : null,
  };
}

/** The meta a page needs for a job. */
export function socialMeta(job: SocialJob): SocialMeta {
  return { src: job.src, alt: job.alt, ...SOCIAL_IMAGE };
}

/** The meta of a release page's image. */
export function releaseSocialMeta(release: Release): SocialMeta {
  return socialMeta(releaseSocialJob(release));
}

/** The meta of a KEP page's image. */
export function kepSocialMeta(kep: Kep): SocialMeta {
  return socialMeta(kepSocialJob(kep, getSiteData().releases));
}

let active = 0;
const waiting: (() => void)[] = [];

/** Runs `task` when a pool slot is free. */
async function inPool<T>(task: () => Promise<T>): Promise<T> {
  while (active >= POOL_SIZE) await new Promise<void>((resolve) => waiting.push(resolve));
  active++;
  try {
    return await task();
  } finally {
    active--;
    waiting.shift()?.();
  }
}

const fittedLogos = new Map<string, Promise<Buffer | null>>();

/** A logo fitted into a square box (transparent around it), once per release and size. */
function fittedLogo(release: Pick<Release, "version" | "logo">, size: number): Promise<Buffer | null> {
  const key = `${release.version}@${size}`;
  let pending = fittedLogos.get(key);
  if (!pending) {
    const file = logoFile(release);
    pending = file
      ? sharp(file)
          .resize(size, size, { fit: "contain", background: { r: 0, g: 0, b: 0, alpha: 0 } })
          .png()
          .toBuffer()
          .catch(() => null)
      : Promise.resolve(null);
    fittedLogos.set(key, pending);
  }
  return pending;
}

/** The cache key: the SVG, the logo file's identity and the renderer. */
function cacheKey(job: SocialJob): string {
  const hash = createHash("sha256").update(`${RENDERER}\0${sharp.versions.vips}\0${job.svg}`);
  const file = job.logo ? logoFile(job.logo.release) : null;
  if (file && job.logo) {
    const stat = statSync(file);
    hash.update(`\0${file}\0${stat.size}\0${stat.mtimeMs}\0${JSON.stringify(job.logo.box)}`);
  }
  return hash.digest("hex").slice(0, 32);
}

/** Renders one job to PNG bytes, or reads them from the cache. */
async function render(job: SocialJob): Promise<Uint8Array> {
  const cached = path.join(CACHE_DIR, `${cacheKey(job)}.png`);
  if (existsSync(cached)) return readFileSync(cached);
  const layers: OverlayOptions[] = [];
  if (job.logo) {
    const logo = await fittedLogo(job.logo.release, job.logo.box.size);
    if (logo) layers.push({ input: logo, left: job.logo.box.left, top: job.logo.box.top });
  }
  const png = await sharp(Buffer.from(job.svg))
    .composite(layers)
    // Truecolour at zlib level 6: about 70 KB an image. A 256-colour palette would halve the
    // bytes but quantising costs four to eight times the render (measured: 55 s against 12 s
    // for all of them), and build time matters more here.
    .png({ compressionLevel: 6 })
    .toBuffer();
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(cached, png);
  return png;
}

const renders = new Map<string, Promise<Uint8Array>>();

/** The PNG of a job (rendered once per build). */
export function socialImage(job: SocialJob): Promise<Uint8Array> {
  let pending = renders.get(job.src);
  if (!pending) {
    pending = inPool(() => render(job));
    renders.set(job.src, pending);
  }
  return pending;
}
