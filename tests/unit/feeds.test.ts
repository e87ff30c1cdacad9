import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { readSnapshot } from "../../src/data/snapshot.ts";
import {
  diffVersions,
  entryTitle,
  escapeXml,
  type FeedOptions,
  listStageChanges,
  renderAtomFeed,
  stripNonXmlChars,
} from "../../src/lib/feeds.ts";
import type { Kep, KepVersion } from "../../src/lib/schema.ts";

/** The bit of sax (a strict XML parser, in node_modules through svgo) these tests use. */
interface SaxParser {
  onerror: (error: Error) => void;
  onopentag: (node: { name: string; attributes: Record<string, string> }) => void;
  onclosetag: () => void;
  ontext: (text: string) => void;
  write(xml: string): SaxParser;
  close(): void;
}
const sax = createRequire(import.meta.url)("sax") as {
  parser(strict: boolean, options: { strictEntities: boolean }): SaxParser;
};

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** Parses XML strictly into a small tree; throws on anything that is not well-formed. */
function parseXml(xml: string): XmlNode {
  if (stripNonXmlChars(xml) !== xml) throw new Error("characters XML 1.0 forbids");
  const root: XmlNode = { name: "#document", attributes: {}, children: [], text: "" };
  const stack = [root];
  const parser = sax.parser(true, { strictEntities: true });
  parser.onerror = (error) => {
    throw error;
  };
  parser.onopentag = (node) => {
    const element: XmlNode = { name: node.name, attributes: node.attributes, children: [], text: "" };
    stack.at(-1)!.children.push(element);
    stack.push(element);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  parser.ontext = (text) => {
    stack.at(-1)!.text += text;
  };
  parser.write(xml).close();
  if (stack.length !== 1 || root.children.length !== 1) throw new Error("not one root element");
  return root.children[0]!;
}

const child = (node: XmlNode, name: string) => node.children.find((c) => c.name === name);
const children = (node: XmlNode, name: string) => node.children.filter((c) => c.name === name);

const OPTIONS: FeedOptions = {
  site: "https://example.org/",
  selfPath: "/feeds/stages.xml",
  alternatePath: "/feeds/",
  title: "Stage changes",
  subtitle: "Test feed",
  fallbackUpdated: "2026-07-22",
  limit: 200,
};

let seq = 0;
function version(date: string, fields: Partial<KepVersion>): KepVersion {
  seq++;
  return {
    commit: seq.toString(16).padStart(40, "0"),
    date: `${date}T12:00:00Z`,
    path: "keps/sig-node/1-x/kep.yaml",
    status: "implementable",
    stage: "alpha",
    latestMilestone: null,
    milestones: {},
    ...fields,
  };
}

function kep(
  number: number,
  title: string,
  history: KepVersion[],
): Pick<Kep, "number" | "title" | "owningSig" | "history"> {
  return { number, title, owningSig: "sig-node", history };
}

describe("stage changes", () => {
  test("reports a stage move and the milestone that came with it in one entry", () => {
    const before = version("2024-01-01", { stage: "beta", milestones: { beta: "v1.29" } });
    const after = version("2024-09-19", { stage: "stable", milestones: { beta: "v1.29", stable: "v1.33" } });
    expect(diffVersions(before, after)).toEqual([
      { field: "stage", from: "beta", to: "stable" },
      { field: "milestone", stage: "stable", from: null, to: "v1.33" },
    ]);
  });

  test("skips versions that changed neither stage nor milestones", () => {
    const a = version("2024-01-01", { milestones: { alpha: "v1.28" } });
    const b = version("2024-02-01", { status: "implemented", milestones: { alpha: "v1.28" } });
    const changes = listStageChanges([kep(1, "X", [a, b])]);
    expect(changes.map((c) => c.commit)).toEqual([a.commit]);
    expect(changes[0]!.first).toBe(true);
  });

  test("titles the entry with the stage move in our words", () => {
    const history = [version("2023-06-12", { stage: "beta" }), version("2024-09-19", { stage: "stable" })];
    const [newest] = listStageChanges([kep(753, "Sidecar Containers", history)]);
    expect(entryTitle(newest!)).toBe("KEP-753 Sidecar Containers: stage beta → stable");
  });

  test("lists the newest change first across KEPs", () => {
    const changes = listStageChanges([
      kep(1, "Old", [version("2020-01-01", {})]),
      kep(2, "New", [version("2025-01-01", {})]),
    ]);
    expect(changes.map((c) => c.kep)).toEqual([2, 1]);
  });
});

describe("Atom feed", () => {
  test("escapes markup and drops control characters from hostile titles", () => {
    expect(escapeXml(`<script>alert("x")</script> & 'y'\u0001\uD800`)).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;y&apos;",
    );
  });

  test("parses as Atom with a hostile title kept as text", () => {
    const hostile = `Evil ]]> <b>bold</b> & "quotes" \u0000\u001b end`;
    const xml = renderAtomFeed(
      listStageChanges([kep(9, hostile, [version("2025-03-01", { stage: "beta" })])]),
      OPTIONS,
    );
    const feed = parseXml(xml);
    expect(feed.name).toBe("feed");
    expect(feed.attributes.xmlns).toBe("http://www.w3.org/2005/Atom");
    const [entry] = children(feed, "entry");
    expect(child(entry!, "title")!.text).toBe(
      'KEP-9 Evil ]]> <b>bold</b> & "quotes"  end: first recorded in stage beta',
    );
  });

  test("caps entries at the limit and dates the feed by its newest entry", () => {
    const history = Array.from({ length: 5 }, (_, i) =>
      version(`2025-0${i + 1}-01`, { milestones: { alpha: `v1.${30 + i}` } }),
    );
    const feed = parseXml(renderAtomFeed(listStageChanges([kep(5, "Five", history)]), { ...OPTIONS, limit: 3 }));
    expect(children(feed, "entry")).toHaveLength(3);
    expect(child(feed, "updated")!.text).toBe("2025-05-01T12:00:00Z");
  });

  test("gives every entry a stable tag id, a date and a link to the KEP page", () => {
    const v = version("2025-03-01", { stage: "beta" });
    const feed = parseXml(renderAtomFeed(listStageChanges([kep(42, "X", [v])]), OPTIONS));
    const entry = children(feed, "entry")[0]!;
    expect(child(entry, "id")!.text).toBe(`tag:example.org,2025-03-01:kep-42/${v.commit}`);
    expect(child(entry, "updated")!.text).toBe("2025-03-01T12:00:00Z");
    expect(child(entry, "link")!.attributes.href).toBe("https://example.org/keps/42/");
  });

  test("an empty feed is still valid Atom, dated by the data's day", () => {
    const feed = parseXml(renderAtomFeed([], OPTIONS));
    expect(child(feed, "updated")!.text).toBe("2026-07-22T00:00:00Z");
    expect(child(feed, "author")).toBeDefined();
  });
});

describe("feeds from the real snapshot", () => {
  const snapshot = readSnapshot(path.resolve(import.meta.dirname, "../../content"));
  const changes = listStageChanges(snapshot.keps);

  test("has KEP-753's graduation to stable, titled in our words", () => {
    const graduation = changes.find(
      (c) => c.kep === 753 && c.changes.some((d) => d.field === "stage" && d.from === "beta" && d.to === "stable"),
    );
    expect(graduation).toBeDefined();
    expect(entryTitle(graduation!)).toMatch(/^KEP-753 Sidecar Containers: stage beta → stable/);
  });

  test("the site feed parses, holds 200 entries, newest first, with unique ids", () => {
    const feed = parseXml(renderAtomFeed(changes, OPTIONS));
    const entries = children(feed, "entry");
    expect(entries).toHaveLength(200);
    const dates = entries.map((e) => child(e, "updated")!.text);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(new Set(entries.map((e) => child(e, "id")!.text)).size).toBe(200);
  });

  test("a SIG feed holds only that SIG's KEPs", () => {
    const node = snapshot.keps.filter((k) => k.owningSig === "sig-node");
    const feed = parseXml(renderAtomFeed(listStageChanges(node), { ...OPTIONS, limit: 100 }));
    const terms = children(feed, "entry").map((e) => child(e, "category")!.attributes.term);
    expect(terms.length).toBeGreaterThan(0);
    expect(new Set(terms)).toEqual(new Set(["sig-node"]));
  });
});
