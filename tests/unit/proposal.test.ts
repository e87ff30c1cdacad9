/**
 * KEP proposals rendered from their README: safe with hostile Markdown, links pointed at
 * GitHub, anchors and a table of contents, and the Summary's opening paragraph found the way
 * the KEP template lays it out. Real READMEs come from the enhancements bundle.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseFragment } from "parse5";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cutText, githubUrl, MAX_README_CHARS, renderProposal } from "../../src/lib/proposal.ts";
import { ENHANCEMENTS_BUNDLE } from "./upstream.ts";

const SOURCE = {
  repoUrl: "https://github.com/kubernetes/enhancements",
  commit: "64765b4b02389318f2113119dd9e491479f978a0",
  path: "keps/sig-node/753-sidecar-containers/README.md",
};
const render = (markdown: string) => renderProposal(markdown, SOURCE);

describe("hostile Markdown", () => {
  test.each([
    ["a script tag", "<script>alert(1)</script>"],
    ["an event handler attribute", '<img src="x" onerror="alert(1)">'],
    ["an iframe", '<iframe src="https://evil.example"></iframe>'],
    ["a javascript: link", "[click](javascript:alert(1))"],
    ["a javascript: link in raw HTML", '<a href="javascript:alert(1)">click</a>'],
    ["a data: URL", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["an SVG with a script", "<svg><script>alert(1)</script></svg>"],
    ["a style tag", "<style>body{display:none}</style>"],
  ])("renders %s as inert text", (_, markdown) => {
    const { html } = render(`# Title\n\n${markdown}\n`);
    // Parsed as a browser would: no dangerous element, no event handler, no script URL anywhere.
    const found: string[] = [];
    const walk = (node: { nodeName: string; attrs?: { name: string; value: string }[]; childNodes?: unknown[] }) => {
      if (/^(script|iframe|style|svg|img|object|embed)$/.test(node.nodeName)) found.push(node.nodeName);
      for (const attr of node.attrs ?? []) {
        if (attr.name.startsWith("on")) found.push(attr.name);
        if (/^\s*(javascript|data|vbscript):/i.test(attr.value)) found.push(attr.value);
      }
      for (const child of (node.childNodes ?? []) as (typeof node)[]) walk(child);
    };
    walk(parseFragment(html));
    expect(found).toEqual([]);
  });

  test("keeps bare formatting tags and drops HTML comments, the template's guidance", () => {
    const { html } = render(
      "line one<br>line two\n\n<!-- guidance for the author -->\n\n<details><summary>More</summary>\n\ntext\n\n</details>\n",
    );
    expect(html).toContain("<br>");
    expect(html).toContain("<details>");
    expect(html).not.toContain("guidance for the author");
  });

  test("cuts a 5 MB README and says so, without failing", () => {
    const huge = `# Huge\n\n## Summary\n\n${"word ".repeat(1_000_000)}`;
    const result = render(huge);
    expect(result.truncated).toBe(true);
    expect(result.html).toContain("the rest is on GitHub");
    expect(result.html.length).toBeLessThan(MAX_README_CHARS * 1.5);
  });

  test("survives an unclosed code fence and a broken table", () => {
    const { html } = render("# T\n\n| a | b |\n|---|\n| 1 | 2 | 3 |\n\n```yaml\nkey: value\n");
    expect(html).toContain("key: value");
  });
});

describe("links, anchors and contents", () => {
  test("points relative links and images at the file on GitHub at the commit read, images as links", () => {
    const { html } = render(
      "# T\n\n[design](./design.md#goals) ![diagram](images/flow.png) [other KEP](../1287-in-place/README.md)\n",
    );
    const base = `${SOURCE.repoUrl}/blob/${SOURCE.commit}/keps/sig-node`;
    expect(html).toContain(`href="${base}/753-sidecar-containers/design.md#goals"`);
    expect(html).toContain(`href="${base}/753-sidecar-containers/images/flow.png"`);
    expect(html).toContain("Image: diagram (on GitHub)");
    expect(html).toContain(`href="${base}/1287-in-place/README.md"`);
    expect(html).not.toMatch(/<img\b/);
  });

  test("gives headings GitHub's anchors, so links into a README keep working", () => {
    const result = render(
      "# KEP-753: Sidecar\n\n## Summary\n\ntext\n\n## Design Details\n\n### Test Plan\n\n## Summary\n",
    );
    expect(result.toc).toEqual([
      { depth: 2, id: "summary", text: "Summary" },
      { depth: 2, id: "design-details", text: "Design Details" },
      { depth: 3, id: "test-plan", text: "Test Plan" },
      { depth: 2, id: "summary-1", text: "Summary" },
    ]);
    expect(result.html).toContain('<h2 id="design-details">');
  });

  test("githubUrl resolves ../ and keeps the fragment", () => {
    expect(githubUrl(SOURCE, "../../sig-apps/x/README.md#a")).toBe(
      `${SOURCE.repoUrl}/blob/${SOURCE.commit}/keps/sig-apps/x/README.md#a`,
    );
  });
});

describe("summaries", () => {
  test("skip the template's comment and take the Summary's first paragraph", () => {
    const markdown = [
      "# KEP-1: Thing",
      "",
      "<!-- toc -->",
      "- [Summary](#summary)",
      "<!-- /toc -->",
      "",
      "## Release Signoff Checklist",
      "",
      "- [ ] (R) Enhancement issue in release milestone",
      "",
      "## Summary",
      "",
      "<!--",
      "This section is incredibly important for producing high-quality, user-focused",
      "documentation such as release notes.",
      "-->",
      "",
      "Thing lets a pod do **one** thing with `code`, and [links](https://x.example).",
      "",
      "## Motivation",
    ].join("\n");
    expect(render(markdown).summary).toBe("Thing lets a pod do one thing with code, and links.");
  });

  test("fall back to the first real paragraph when there is no Summary heading", () => {
    expect(
      render("# Old KEP\n\n## Table of Contents\n\n- [a](#a)\n\nThis old KEP describes a thing in prose.\n").summary,
    ).toBe("This old KEP describes a thing in prose.");
  });

  test("cut long text at a sentence", () => {
    expect(cutText(`${"A sentence here. ".repeat(60)}`, 100)).toMatch(/\.…$/);
  });
});

describe("the real READMEs", () => {
  let clone: string;
  beforeAll(() => {
    clone = mkdtempSync(path.join(tmpdir(), "kep-radar-readmes-"));
    execFileSync("git", ["clone", "--quiet", "--bare", ENHANCEMENTS_BUNDLE, clone]);
  });
  afterAll(() => rmSync(clone, { recursive: true, force: true }));
  const read = (file: string) => execFileSync("git", ["-C", clone, "show", `master:${file}`], { encoding: "utf8" });

  test("KEP-753 says what sidecar containers are", () => {
    const result = renderProposal(read(SOURCE.path), SOURCE);
    expect(result.summary).toMatch(/^Sidecar containers are a new type of containers/);
    expect(result.toc.map((t) => t.id)).toContain("summary");
  });

  test("KEP-3866 says it is an nftables backend for kube-proxy", () => {
    const file = "keps/sig-network/3866-nftables-proxy/README.md";
    const result = renderProposal(read(file), { ...SOURCE, path: file });
    expect(result.summary).toMatch(/nftables/);
  });
});

describe("in-page links", () => {
  test("keep an anchor that names a heading and drop one that names none", () => {
    const { html } = renderProposal("# T\n\n[ok](#design) [gone](#no-such-section)\n\n## Design\n", SOURCE);
    expect(html).toContain('<a href="#design">ok</a>');
    expect(html).toContain("<a>gone</a>");
  });
});
