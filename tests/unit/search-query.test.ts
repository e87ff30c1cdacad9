import { describe, expect, test } from "vitest";
import { parseKepNumber, placeKepPagesFirst, toKepDirectory } from "../../src/lib/search-query.ts";
import { gateAliases, splitGateName, titleWeight } from "../../src/lib/search-terms.ts";

describe("parseKepNumber", () => {
  test.each([
    ["753", 753],
    ["#753", 753],
    ["KEP-753", 753],
    ["kep 753", 753],
    ["KEP #753", 753],
    ["  kep753 ", 753],
    ["sidecar", null],
    ["1.33", null],
    ["753 sidecar", null],
    ["0", null],
  ])("reads %j as %j", (query, expected) => {
    expect(parseKepNumber(query)).toBe(expected);
  });
});

describe("placeKepPagesFirst", () => {
  test("moves a KEP page above its own proposal and keeps the rest in order", () => {
    const urls = ["/keps/2400/proposal/", "/keps/2400/", "/releases/1.33/", "/keps/1/proposal/"];
    expect(placeKepPagesFirst(urls.map((url) => ({ url }))).map((p) => p.url)).toEqual([
      "/keps/2400/",
      "/keps/2400/proposal/",
      "/releases/1.33/",
      "/keps/1/proposal/",
    ]);
  });
});

describe("search terms", () => {
  test("splits gate names into words and initialisms", () => {
    expect(splitGateName("NFTablesProxyMode")).toEqual(["NF", "Tables", "Proxy", "Mode"]);
    expect(gateAliases([{ name: "DynamicResourceAllocation" }, { name: "NodeSwap" }])).toEqual([
      "Dynamic Resource Allocation",
      "DRA",
      "Node Swap",
    ]);
  });

  test("weights a stable KEP's title above an alpha one's", () => {
    expect(titleWeight("stable")).toBeGreaterThan(titleWeight("alpha"));
  });

  test("lists the KEP directory by number", () => {
    expect(
      toKepDirectory([
        { number: 753, title: "Sidecar Containers" },
        { number: 5, title: "A" },
      ]),
    ).toEqual([
      [5, "A"],
      [753, "Sidecar Containers"],
    ]);
  });
});
