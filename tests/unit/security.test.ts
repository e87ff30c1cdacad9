/**
 * The Content-Security-Policy the build writes: hashes of inline <script> and <style> elements
 * as the HTML tokenizer sees them (checked against parse5, a spec-complete parser), and a
 * _headers line short enough for any host.
 */
import { type DefaultTreeAdapterTypes, parse } from "parse5";
import { describe, expect, test } from "vitest";
import {
  buildHeadersFile,
  cspHash,
  cspHeaderLine,
  inlineHashes,
  MAX_HEADER_LINE,
  rawTextElements,
} from "../../src/integrations/security.ts";

type Node = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.Document;

/** Inline script and style bodies as parse5 reads them. */
function parse5Bodies(html: string): { scripts: string[]; styles: string[] } {
  const scripts: string[] = [];
  const styles: string[] = [];
  const walk = (node: Node) => {
    if ("tagName" in node && (node.tagName === "script" || node.tagName === "style")) {
      const attrs = new Map(node.attrs.map((a) => [a.name, a.value]));
      const body = node.childNodes.map((c) => ("value" in c ? c.value : "")).join("");
      if (node.tagName === "style") styles.push(body);
      else if (!attrs.has("src") && !/^application\/(ld\+)?json$/i.test(attrs.get("type") ?? "")) scripts.push(body);
    }
    if ("childNodes" in node) for (const child of node.childNodes) walk(child);
    if ("content" in node && node.content) walk(node.content as unknown as Node);
  };
  walk(parse(html));
  return { scripts, styles };
}

const CASES: [string, string][] = [
  [
    "a title attribute holding a closing script tag and a new one (finding 12)",
    `<html><head><meta charset="utf-8"><script>theme()</script></head><body><a title="</script><script>alert(1)</script><!--<script>">x</a></body></html>`,
  ],
  ["a comment holding a script", "<body><!-- <script>alert(2)</script> --><script>ok()</script></body>"],
  [
    "single-quoted and unquoted attributes with >",
    `<body><p data-x='a > <script>b()</script>' id=y>t</p><script>real()</script></body>`,
  ],
  [
    "an external script and a JSON data block",
    `<script src="/a.js"></script><script type="application/json">{"a":1}</script><script>x()</script>`,
  ],
  ["styles, one in SVG", `<style>a{b:c}</style><svg><style>.s{fill:red}</style></svg>`],
  ["upper-case tags", `<SCRIPT>up()</SCRIPT><Style>p{}</Style>`],
];

describe("inline script and style hashes", () => {
  test.each(CASES)("agree with a spec-complete parser on %s", (_, html) => {
    const expected = parse5Bodies(html);
    const hashes = inlineHashes(html);
    expect([...hashes.scripts].sort()).toEqual([...new Set(expected.scripts.map(cspHash))].sort());
    expect([...hashes.styles].sort()).toEqual([...new Set(expected.styles.map(cspHash))].sort());
  });

  test("never hash markup written inside an attribute (it would allow alert(1) and hide the real script)", () => {
    const [, html] = CASES[0]!;
    const bodies = rawTextElements(html).map((e) => e.body);
    expect(bodies).toEqual(["theme()"]);
    expect(inlineHashes(html).scripts).toEqual(new Set([cspHash("theme()")]));
  });
});

describe("the _headers policy line", () => {
  const few = [cspHash("a"), cspHash("b")];
  const many = Array.from({ length: 40 }, (_, i) => cspHash(`script ${i}`));

  test("lists the hashes when the line fits", () => {
    const line = cspHeaderLine(few, [], "'none'");
    expect(line.length).toBeLessThanOrEqual(MAX_HEADER_LINE);
    for (const hash of few) expect(line).toContain(hash);
  });

  test("stays under the limit with any number of hashes, leaving them to each page's own policy", () => {
    const line = cspHeaderLine(many, many, "'none'");
    expect(line.length).toBeLessThanOrEqual(MAX_HEADER_LINE);
    expect(line).toContain("script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'");
    expect(line).toContain("frame-ancestors 'none'");
  });

  test("writes no line over the limit in the whole file", () => {
    const file = buildHeadersFile({ scripts: many, styles: many }, ["api", "keps", "embed", "index.html"]);
    expect(Math.max(...file.split("\n").map((l) => l.length))).toBeLessThanOrEqual(MAX_HEADER_LINE);
  });
});
