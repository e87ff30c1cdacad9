/**
 * Social images at build time: the SVG from src/lib/social.ts rendered to PNG with sharp,
 * the release logo laid on top. Renders run in a small pool (the build asks for images one
 * page at a time, so the first request queues them all) and are cached (src/data/build-cache.ts)
 * under a hash of everything that goes into them (the SVG, the logo's bytes, this file, sharp's
 * libvips), so a rebuild reads files instead.
 */
import { availableParallelism } from "node:os";
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
import { type BuildCache, cacheKey, codeVersion, fileDigest, openBuildCache } from "./build-cache.ts";
import { logoFile } from "./logos.ts";
import { getSiteData } from "./site.ts";

/**
 * The code that draws an image beyond its SVG (renderer options, the logo overlay): editing it
 * draws them again. The system's fonts are not in the key: after changing them, delete .cache/build/social.
 */
const DRAWING_FILES = ["src/data/social.ts"];
/** Images kept: about 50 MB for today's 674, so a few versions of them. */
const CACHE_BYTES = 200 * 1024 * 1024;
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

/** The cache key of a job: the SVG, the logo's bytes and box, the drawing code and libvips. */
function socialCacheKey(job: SocialJob): string {
  const file = job.logo ? logoFile(job.logo.release) : null;
  const logo = file && job.logo ? `${fileDigest(file)}\0${JSON.stringify(job.logo.box)}` : "";
  return cacheKey(codeVersion(DRAWING_FILES), sharp.versions.vips ?? "", job.svg, logo);
}

/** Draws one job to PNG bytes with sharp. */
export async function drawSocialPng(job: SocialJob): Promise<Uint8Array> {
  const layers: OverlayOptions[] = [];
  if (job.logo) {
    const logo = await fittedLogo(job.logo.release, job.logo.box.size);
    if (logo) layers.push({ input: logo, left: job.logo.box.left, top: job.logo.box.top });
  }
  return (
    sharp(Buffer.from(job.svg))
      .composite(layers)
      // Truecolour at zlib level 6: about 70 KB an image. A 256-colour palette would halve the
      // bytes but quantising costs four to eight times the render (measured: 55 s against 12 s
      // for all of them), and build time matters more here.
      .png({ compressionLevel: 6 })
      .toBuffer()
  );
}

/** A job's PNG from the cache, else drawn (by `draw`) and stored. */
export async function cachedSocialPng(
  job: SocialJob,
  cache: BuildCache,
  draw: (job: SocialJob) => Promise<Uint8Array> = drawSocialPng,
): Promise<Uint8Array> {
  const key = socialCacheKey(job);
  const cached = cache.read(key);
  if (cached) return cached;
  const png = await draw(job);
  cache.write(key, png);
  return png;
}

let cache: BuildCache | null = null;

/** The social images' cache (opened once per process). */
function socialCache(): BuildCache {
  cache ??= openBuildCache("social", { maxBytes: CACHE_BYTES });
  return cache;
}

/** Keeps the cache within its budget; call once every image of the build is rendered. */
export function pruneSocialCache(): void {
  socialCache().prune();
}

const renders = new Map<string, Promise<Uint8Array>>();

/** The PNG of a job (rendered once per build). */
export function socialImage(job: SocialJob): Promise<Uint8Array> {
  let pending = renders.get(job.src);
  if (!pending) {
    pending = inPool(() => cachedSocialPng(job, socialCache()));
    renders.set(job.src, pending);
  }
  return pending;
}
