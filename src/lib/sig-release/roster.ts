/** The release team roster (release-team.md): roles, names, handles, shadows. Pure: text in, facts and warnings out. */
import type { TeamMember, Warning } from "../schema.ts";
import { cleanField, type Report, readTables, releaseOfFile, reporterFor, stripMarkdown } from "./report.ts";

// Roles that name a person's job rather than a team, so they get no " Lead" suffix.
export const PERSONAL_ROLE = /\b(lead|adviser|advisor|manager|liaison)$/i;
export const PLACEHOLDER = /^(n\/?a|tbd|tbc|none|-+|—)?$/i;

/** "Release Team Lead" -> "Lead"; a team ("Enhancements") -> "Enhancements Lead", the role its lead holds. */
export function normaliseRole(role: string): string {
  const clean = stripMarkdown(role);
  if (/^(release team )?lead$/i.test(clean)) return "Lead";
  return PERSONAL_ROLE.test(clean) ? clean : `${clean} Lead`;
}

// "Name ([@handle](https://github.com/handle) / Slack: `@x`)": the name may not contain
// brackets, parens or backticks, which keeps Slack notes out of it.
export const LINKED_PERSON =
  /([\p{L}\p{M}][^()[\]`|]*?)\s*\(\s*\[\s*@?\s*([^\]]*?)\s*\]\(\s*https?:\/\/(?:www\.)?github\.com\/@?([A-Za-z0-9-]+)[^)]*\)/gu;

export interface Person {
  name: string;
  github?: string;
}

/** People in one roster cell; linked GitHub handles win over the link text. */
export function readPeople(cell: string, field: string, report: Report): Person[] {
  const people: Person[] = [];
  for (const match of cell.matchAll(LINKED_PERSON)) {
    const name = (match[1] ?? "").replace(/^[\s,;/&]+|[\s,;/]+$/g, "").trim();
    const url = match[3] ?? "";
    const text = (match[2] ?? "").replace(/^@/, "");
    if (text !== "" && text.toLowerCase() !== url.toLowerCase()) {
      report("roster-handle-mismatch", field, `${text} vs github.com/${url}`, "normalised");
    }
    if (name !== "") people.push({ name, github: url });
  }
  return people.length > 0 ? people : readPlainPeople(cell);
}

/** Fallback for cells without GitHub links: "Jane Doe (@jdoe)". A handle is required so prose is never read as a name. */
export function readPlainPeople(cell: string): Person[] {
  return stripMarkdown(cell)
    .split(/,(?![^(]*\))/)
    .flatMap((chunk) => {
      const handle = /@([A-Za-z0-9-]+)/.exec(chunk)?.[1];
      if (handle === undefined) return [];
      const name = chunk.replace(/\(.*$/, "").trim();
      return [{ name: name === "" ? handle : name, github: handle }];
    });
}

/** Column positions of role, lead and shadows; the classic three-column layout when headers say nothing. */
export function rosterColumns(header: string[]): { role: number; lead: number; shadow: number } {
  const shadow = header.findIndex((cell) => cell.includes("shadow"));
  const lead = header.findIndex((cell, i) => i !== shadow && cell.includes("name"));
  return { role: 0, lead: lead > 0 ? lead : 1, shadow: shadow > 0 ? shadow : 2 };
}

export function toMembers(
  role: string,
  people: Person[],
  shadow: boolean,
  field: string,
  report: Report,
): TeamMember[] {
  return people.map((p) => {
    const name = cleanField(p.name, field, report);
    return p.github ? { role, name, github: p.github, shadow } : { role, name, shadow };
  });
}

/** Leads and shadows from release-team.md; never throws on bad content. */
export function parseReleaseTeam(text: string, file: string): { team: TeamMember[]; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const report = reporterFor(file, releaseOfFile(file), warnings);
  const tables = readTables(text).filter((t) => t.header.some((cell) => cell.includes("role")));
  const team = tables.flatMap((table) => {
    const columns = rosterColumns(table.header);
    return table.rows.flatMap((row) => readRosterRow(row, columns, report));
  });
  if (team.length === 0) report("roster-empty", "team", text.split(/\r?\n/)[0] ?? "", "skipped-file");
  return { team, warnings };
}

/** The lead(s) and shadows of one roster row. */
export function readRosterRow(row: string[], columns: ReturnType<typeof rosterColumns>, report: Report): TeamMember[] {
  const roleCell = stripMarkdown(row[columns.role] ?? "");
  if (roleCell === "") return [];
  const role = cleanField(normaliseRole(roleCell), "team.role", report);
  return ([false, true] as const).flatMap((shadow) => {
    const cell = row[shadow ? columns.shadow : columns.lead] ?? "";
    const where = `team.${roleCell}.${shadow ? "shadows" : "lead"}`;
    const people = readPeople(cell, where, report);
    const plain = stripMarkdown(cell);
    if (people.length === 0 && !PLACEHOLDER.test(plain)) report("roster-unreadable", where, cell, "ignored");
    // "TBD" is a seat not yet filled; "N/A" and empty cells are normal and stay quiet.
    if (/^tb[dc]$/i.test(plain)) report("roster-placeholder", where, cell, "ignored");
    return toMembers(role, people, shadow, where, report);
  });
}
