import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { checkLinks } from "../../scripts/check-links.ts";

const dist = mkdtempSync(path.join(tmpdir(), "kep-radar-links-"));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

function page(sitePath: string, body: string) {
  const dir = path.join(dist, sitePath);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "index.html"), `<!doctype html><html><body>${body}</body></html>`);
}

test("finds a missing page, a missing anchor and a malformed external link, and passes the good ones", () => {
  page(
    "/",
    '<a href="/keps/753/#timeline">ok</a> <a href="/keps/9/">gone</a> <a href="/keps/753/#nope">bad anchor</a>',
  );
  page(
    "/keps/753/",
    '<h2 id="timeline">T</h2><a href="https://github.com/kubernetes/enhancements/issues/753">issue</a> <a href="javascript:alert(1)">x</a> <a href="../../">up</a>',
  );
  const { problems } = checkLinks(dist);
  expect(problems.map((p) => [p.page, p.link, p.problem])).toEqual([
    ["/", "/keps/9/", "no such page or file in the build"],
    ["/", "/keps/753/#nope", 'no element with id "nope"'],
    ["/keps/753/", "javascript:alert(1)", "unexpected scheme javascript:"],
  ]);
});
