import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, expectTypeOf, test } from "vitest";
import type { z } from "zod";
import { readSnapshot } from "../../src/data/snapshot.ts";
import { toKepApi, toKepSummary, toReleaseApi, toReleaseSummary } from "../../src/lib/api.ts";
import {
  API_SCHEMAS,
  type ApiSchemaName,
  type KepApiSchema,
  KepsIndexApiSchema,
  type ReleaseApiSchema,
  ReleasesIndexApiSchema,
  toApiJsonSchema,
} from "../../src/lib/json-schema.ts";

const snapshot = readSnapshot(path.resolve(import.meta.dirname, "../../content"));
const kepByNumber = new Map(snapshot.keps.map((k) => [k.number, k]));
const warningsOf = (n: number) => snapshot.warnings.filter((w) => w.kep === n);

/** Every API response the site publishes, built from the real snapshot the way the endpoints build them. */
const documents: { name: ApiSchemaName; what: string; value: unknown }[] = [
  ...snapshot.keps.map((k) => ({
    name: "kep" as const,
    what: `keps/${k.number}`,
    value: toKepApi(k, warningsOf(k.number)),
  })),
  ...snapshot.releases.map((r) => ({
    name: "release" as const,
    what: `releases/${r.version}`,
    value: toReleaseApi(r, kepByNumber),
  })),
  {
    name: "keps-index",
    what: "keps",
    value: { asOf: snapshot.sources.asOf, count: snapshot.keps.length, keps: snapshot.keps.map(toKepSummary) },
  },
  {
    name: "releases-index",
    what: "releases",
    value: {
      asOf: snapshot.sources.asOf,
      count: snapshot.releases.length,
      releases: snapshot.releases.map((r) => toReleaseSummary(r)),
    },
  },
];

/** Ajv for draft 2020-12, strict, with the string formats zod writes. */
function makeAjv() {
  const ajv = new Ajv2020({ strict: true, allErrors: false });
  ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/);
  ajv.addFormat("uri", /^https?:\/\/\S+$/);
  return ajv;
}

describe("API response schemas", () => {
  test("the builders' return types fit the schemas", () => {
    expectTypeOf<ReturnType<typeof toKepApi>>().toExtend<z.input<typeof KepApiSchema>>();
    expectTypeOf<ReturnType<typeof toReleaseApi>>().toExtend<z.input<typeof ReleaseApiSchema>>();
  });

  test("every API document from the real snapshot validates with its zod schema", () => {
    for (const doc of documents) {
      const result = API_SCHEMAS[doc.name].safeParse(doc.value);
      expect(
        result.success,
        `${doc.what}: ${result.error?.issues[0]?.path.join(".")} ${result.error?.issues[0]?.message}`,
      ).toBe(true);
    }
  });

  test("every API document validates against its published JSON Schema", () => {
    const ajv = makeAjv();
    const validators = Object.fromEntries(
      (Object.keys(API_SCHEMAS) as ApiSchemaName[]).map((name) => [
        name,
        ajv.compile(toApiJsonSchema(name, "https://example.org/")),
      ]),
    );
    for (const doc of documents) {
      const validate = validators[doc.name]!;
      expect(validate(doc.value), `${doc.what}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });

  test("a document with an unknown field fails the published schema", () => {
    const validate = makeAjv().compile(toApiJsonSchema("keps-index", "https://example.org/"));
    expect(validate({ asOf: "2026-07-22", count: 0, keps: [], extra: true })).toBe(false);
  });

  test("the JSON Schemas name their id and require the contract's top-level fields", () => {
    const required = (name: ApiSchemaName) => toApiJsonSchema(name, "https://example.org/").required;
    expect(toApiJsonSchema("kep", "https://example.org/").$id).toBe("https://example.org/api/schema/kep.json");
    expect(required("kep")).toEqual(
      expect.arrayContaining([
        "number",
        "title",
        "owningSig",
        "status",
        "stage",
        "milestones",
        "timeline",
        "history",
        "warnings",
      ]),
    );
    expect(required("release")).toEqual(
      expect.arrayContaining([
        "version",
        "theme",
        "state",
        "releaseDate",
        "schedule",
        "enhancements",
        "slipped",
        "counts",
        "team",
        "logo",
      ]),
    );
    expect(required("keps-index")).toEqual(["asOf", "count", "keps"]);
    expect(required("releases-index")).toEqual(["asOf", "count", "releases"]);
    expect(KepsIndexApiSchema.shape.keps).toBeDefined();
    expect(ReleasesIndexApiSchema.shape.releases).toBeDefined();
  });
});
