/**
 * Release logos read at build time: a truncated image or a link out of the sig-release folder
 * must give a generated badge, never a failed build or a published outside file.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { isCompleteImage, logoFile, logoImage, renderLogo } from "../../src/data/logos.ts";
import { SIG_RELEASE } from "./upstream.ts";

const root = mkdtempSync(path.join(tmpdir(), "kep-radar-logos-"));
const sig = path.join(root, "sig-release");
const real = "releases/release-1.29/logo/k8s129-mandala-512px.png";
let previous: string | undefined;

beforeAll(() => {
  previous = process.env.KEP_RADAR_SIG_RELEASE;
  process.env.KEP_RADAR_SIG_RELEASE = sig;
  mkdirSync(path.join(sig, "releases/release-1.29/logo"), { recursive: true });
  cpSync(path.join(SIG_RELEASE, real), path.join(sig, real));
  const bytes = readFileSync(path.join(SIG_RELEASE, real));
  writeFileSync(path.join(sig, "releases/release-1.29/logo/cut.png"), bytes.subarray(0, Math.floor(bytes.length / 2)));
  writeFileSync(path.join(root, "outside.png"), bytes);
  symlinkSync(path.join(root, "outside.png"), path.join(sig, "releases/release-1.29/logo/link.png"));
  vi.spyOn(console, "warn").mockImplementation(() => {});
});

afterAll(() => {
  if (previous === undefined) delete process.env.KEP_RADAR_SIG_RELEASE;
  else process.env.KEP_RADAR_SIG_RELEASE = previous;
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

describe("release logos", () => {
  test("a complete PNG is read and resized", async () => {
    const release = { version: "1.29", logo: real };
    expect(logoFile(release)).toMatch(/k8s129-mandala-512px\.png$/);
    expect((await renderLogo(release, "small"))?.length).toBeGreaterThan(100);
    expect(await logoImage(release, "small")).toMatchObject({ src: "/logos/128/1.29.webp" });
  });

  test("a PNG cut in half gives no logo (a generated badge), with no exception", async () => {
    const release = { version: "1.29", logo: "releases/release-1.29/logo/cut.png" };
    expect(isCompleteImage(path.join(sig, release.logo))).toBe(false);
    expect(logoFile(release)).toBeNull();
    await expect(logoImage(release, "large")).resolves.toBeNull();
  });

  test("a logo that links out of the sig-release folder is never read", async () => {
    const release = { version: "1.29", logo: "releases/release-1.29/logo/link.png" };
    expect(logoFile(release)).toBeNull();
    await expect(renderLogo(release, "large")).resolves.toBeNull();
  });
});
