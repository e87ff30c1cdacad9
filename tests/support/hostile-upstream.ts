/**
 * Builds a hostile upstream at test time: the real kubernetes/enhancements history plus
 * one commit of kep.yaml files made to break parsers and pages, and a copy of the real
 * sig-release folder with hostile release files. Nothing here is committed upstream data:
 * the hostile files are written by this module.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A KEP number reserved for each hostile case, so tests can look them up. */
export const HOSTILE = {
  markup: 90001,
  longText: 90002,
  mixedScripts: 90003,
  binary: 90004,
  aliasBomb: 90005,
  deepNesting: 90006,
  huge: 90007,
  notYaml: 90008,
  manyKeys: 90009,
  hostileMilestones: 90010,
  versions: 90011,
  /** 90012 to 90018: owning SIGs that cannot be a path segment as they are. */
  badSigs: 90012,
  gitlink: 90019,
  /** 90020 to 90022: folders git quotes in its output (é, a tab, a double quote). */
  quotedFolders: 90020,
} as const;

/** Owning SIGs that once broke the build or its links. */
export const BAD_SIGS = ["sig/..", "..", ".", "%20", "sig a", "sig?a", "sig#a"];
/** Folder names git quotes unless asked not to. */
export const QUOTED_FOLDERS = [
  `${HOSTILE.quotedFolders}-café`,
  `${HOSTILE.quotedFolders + 1}-tab\there`,
  `${HOSTILE.quotedFolders + 2}-"q"`,
];
/** Release folders that are no plausible release. */
export const BAD_RELEASE_FOLDERS = ["release-2.0", "release-1.999", "release-01.37"];

/** Markup that must come out as text everywhere. */
export const SCRIPT_TITLE = `<script>alert("kep")</script><img src=x onerror="alert('img')"> Sidecar "quotes" & ampersands`;
/** Mixed scripts, right-to-left text and a bidirectional override. */
export const MIXED_TITLE = "Контейнеры 容器 حاويات \u202Egnp.exe\u202C 🚀 sidecars";

function kepYaml(number: number, title: string, extra = ""): string {
  return [
    `title: ${JSON.stringify(title)}`,
    `kep-number: ${number}`,
    "authors:",
    '  - "@hostile"',
    "owning-sig: sig-node",
    "status: implementable",
    "stage: alpha",
    'latest-milestone: "v1.37"',
    "milestone:",
    '  alpha: "v1.37"',
    "approvers:",
    '  - "@someone"',
    extra,
  ].join("\n");
}

function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let level = 1; level < 12; level++) {
    const prev = String.fromCharCode(96 + level);
    const name = String.fromCharCode(97 + level);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`);
  }
  return `title: bomb\nkep-number: ${HOSTILE.aliasBomb}\n${lines.join("\n")}\n`;
}

/** The kep.yaml files of the hostile commit, by directory name. */
function hostileKeps(): Record<string, string | Buffer> {
  return {
    [`${HOSTILE.markup}-markup`]: kepYaml(
      HOSTILE.markup,
      SCRIPT_TITLE,
      [
        "feature-gates:",
        '  - name: "<b onmouseover=alert(1)>Gate</b>"',
        '    components: ["kube-apiserver\'><svg onload=alert(2)>"]',
        "see-also:",
        '  - "javascript:alert(3)"',
        '  - "/keps/sig-node/753-sidecar-containers"',
        "reviewers:",
        '  - "@x\\"><script>alert(4)</script>"',
      ].join("\n"),
    ),
    [`${HOSTILE.longText}-long`]: kepYaml(
      HOSTILE.longText,
      "A".repeat(200_000),
      `reviewers:\n${Array.from({ length: 20_000 }, (_, i) => `  - "@r${i}"`).join("\n")}`,
    ),
    [`${HOSTILE.mixedScripts}-mixed`]: kepYaml(HOSTILE.mixedScripts, MIXED_TITLE),
    [`${HOSTILE.binary}-binary`]: Buffer.from([
      0x00, 0xff, 0xfe, 0x01, 0x02, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00,
    ]),
    [`${HOSTILE.aliasBomb}-bomb`]: aliasBomb(),
    [`${HOSTILE.deepNesting}-deep`]: `title: deep\nkep-number: ${HOSTILE.deepNesting}\nx: ${"[".repeat(50_000)}${"]".repeat(50_000)}\n`,
    [`${HOSTILE.huge}-huge`]: kepYaml(HOSTILE.huge, "huge", `metrics:\n${"  - m\n".repeat(400_000)}`),
    [`${HOSTILE.notYaml}-not-yaml`]: "# Not YAML\n\n```go\nfunc main() { }\n```\n: : : [\n\t- {\n",
    [`${HOSTILE.manyKeys}-keys`]: kepYaml(
      HOSTILE.manyKeys,
      "many keys",
      Array.from({ length: 30_000 }, (_, i) => `k${i}: v`).join("\n"),
    ),
    [`${HOSTILE.hostileMilestones}-milestones`]: kepYaml(
      HOSTILE.hostileMilestones,
      "hostile milestones",
      'creation-date: "<script>"\nlast-updated: "9999-99-99"',
    )
      .replace('latest-milestone: "v1.37"', 'latest-milestone: "v1.37<script>alert(5)</script>"')
      .replace('  alpha: "v1.37"', '  alpha: [v1.37, {a: b}]\n  beta: 1.40\n  stable: "v1.99\\u0000"'),
    // Versions outside 1.x: one once sent a KEP page's layout into an endless loop.
    [`${HOSTILE.versions}-versions`]: kepYaml(HOSTILE.versions, "versions").replace(
      '  alpha: "v1.37"',
      '  alpha: "v0.9"\n  beta: "v3.1"\n  stable: "v1.9999999999999999999"\n  deprecated: "v2.0"',
    ),
    ...Object.fromEntries(
      BAD_SIGS.map((sig, i) => [
        `${HOSTILE.badSigs + i}-bad-sig`,
        kepYaml(HOSTILE.badSigs + i, `bad sig ${i}`).replace(
          "owning-sig: sig-node",
          `owning-sig: ${JSON.stringify(sig)}`,
        ),
      ]),
    ),
    ...Object.fromEntries(
      QUOTED_FOLDERS.map((folder, i) => [folder, kepYaml(HOSTILE.quotedFolders + i, `quoted folder ${i}`)]),
    ),
  };
}

/** Writes the hostile upstream into a new temp folder; returns the clone and sig-release paths. */
export function makeHostileUpstream(
  bundle: string,
  sigRelease: string,
): { root: string; enhancements: string; sigRelease: string } {
  const root = mkdtempSync(path.join(tmpdir(), "kep-radar-hostile-"));
  const enhancements = path.join(root, "enhancements");
  execFileSync("git", ["clone", "--quiet", bundle, enhancements]);
  for (const [dir, content] of Object.entries(hostileKeps())) {
    const folder = path.join(enhancements, "keps", "sig-node", dir);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, "kep.yaml"), content);
  }
  const git = (...args: string[]) =>
    execFileSync("git", ["-C", enhancements, "-c", "user.name=hostile", "-c", "user.email=h@example.invalid", ...args]);
  git("add", "keps");
  // A submodule entry (gitlink) where a kep.yaml belongs: its id names no blob in the repository.
  git(
    "update-index",
    "--add",
    "--cacheinfo",
    `160000,${"a".repeat(40)},keps/sig-node/${HOSTILE.gitlink}-gitlink/kep.yaml`,
  );
  git("commit", "--quiet", "-m", "hostile KEPs");

  const sig = path.join(root, "sig-release");
  cpSync(sigRelease, sig, { recursive: true });
  const release = path.join(sig, "releases", "release-1.37");
  writeFileSync(
    path.join(release, "README.md"),
    [
      `# Kubernetes 1.37: <img src=x onerror=alert("theme")> ${"Z".repeat(5000)}`,
      "",
      "![logo](../../../../../../etc/passwd)",
      "",
      `${"| ".repeat(200_000)}`,
      `${"*".repeat(200_000)}`,
      "- **Monday 18th May 2026**: Week 1 — Release cycle begins",
    ].join("\n"),
  );
  writeFileSync(path.join(release, "exceptions.yaml"), `${aliasBomb()}\n- name: "<script>alert(6)</script>"\n`);
  writeFileSync(
    path.join(release, "release-team.md"),
    `| Role | Name |\n|---|---|\n| Lead | <script>alert(7)</script> ([@x](https://github.com/x" onclick="alert(8))) |\n`,
  );
  // Release folders that are no plausible release, each with a README that would make it the current cycle.
  for (const folder of BAD_RELEASE_FOLDERS) {
    mkdirSync(path.join(sig, "releases", folder), { recursive: true });
    writeFileSync(path.join(sig, "releases", folder, "README.md"), "# Kubernetes 2.0: Not Really\n");
  }
  // A truncated logo: the header reads, the pixels do not (1.29's PNG cut in half).
  const png = path.join(sig, "releases", "release-1.29", "logo");
  for (const name of readdirSync(png).filter((n) => n.endsWith(".png"))) {
    const bytes = readFileSync(path.join(png, name));
    writeFileSync(path.join(png, name), bytes.subarray(0, Math.floor(bytes.length / 2)));
  }
  // A logo that is a symlink out of the sig-release folder.
  writeFileSync(
    path.join(root, "outside.svg"),
    '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"></svg>\n',
  );
  const linked = path.join(sig, "releases", "release-1.34", "logo");
  mkdirSync(linked, { recursive: true });
  symlinkSync(path.join(root, "outside.svg"), path.join(linked, "linked.svg"));
  return { root, enhancements, sigRelease: sig };
}

/**
 * Arguments for `node` that sync a hostile upstream into `out`, with a read cache of its own (an
 * empty one: every hostile file is parsed, never answered from an earlier run).
 */
export function hostileSyncArgs(
  upstream: { root: string; enhancements: string; sigRelease: string },
  out: string,
): string[] {
  const sync = path.resolve(import.meta.dirname, "../../scripts/sync.ts");
  return [
    sync,
    "--quiet",
    "--enhancements",
    upstream.enhancements,
    "--sig-release",
    upstream.sigRelease,
    "--out",
    out,
    "--read-cache",
    path.join(upstream.root, "read-cache"),
  ];
}
