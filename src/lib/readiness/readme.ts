/**
 * A KEP README read against the KEP template as it stood at the same instant: which of the
 * template's headings it has, and whether a section holds text of its own beyond the
 * template's placeholders and comments. Pure; nothing read here is kept beyond the facts
 * (heading names, line numbers, word counts).
 */
import type { Stage } from "../schema.ts";

/** Longest README read, in characters: beyond it the rest is not looked at (the largest real one is ~250 KB). */
export const MAX_README_CHARS = 1_000_000;
/** Words of its own a section needs to count as filled in. */
export const MIN_OWN_WORDS = 12;

/** One Markdown heading. */
export interface Heading {
  level: number;
  /** Heading text as written, trimmed and capped. */
  text: string;
  /** Normalised for comparison: lower case, no "(optional)", letters and digits only. */
  key: string;
  /** 1-based line number. */
  line: number;
}

/** A Markdown document split into lines, with its headings (code blocks and HTML comments skipped). */
export interface MarkdownDoc {
  lines: string[];
  headings: Heading[];
  /** Per line: true when it sits inside an HTML comment or a fenced code block. */
  hidden: boolean[];
}

/** Normalises a heading for comparison across template versions and authors' edits. */
export function toHeadingKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\(optional\)/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Splits Markdown into lines and headings, skipping fenced code and HTML comments; bounded by MAX_README_CHARS. */
export function readMarkdown(text: string): MarkdownDoc {
  const lines = text.slice(0, MAX_README_CHARS).split(/\r?\n/);
  const headings: Heading[] = [];
  const hidden: boolean[] = new Array(lines.length).fill(false);
  let fence: string | null = null;
  let comment = false;
  lines.forEach((raw, index) => {
    const line = raw.trimEnd();
    if (fence !== null) {
      hidden[index] = true;
      if (line.trimStart().startsWith(fence)) fence = null;
      return;
    }
    if (comment) {
      hidden[index] = true;
      if (line.includes("-->")) comment = false;
      return;
    }
    const fenceOpen = /^\s{0,3}(```|~~~)/.exec(line);
    if (fenceOpen) {
      hidden[index] = true;
      fence = fenceOpen[1] ?? "```";
      return;
    }
    const start = line.indexOf("<!--");
    if (start >= 0 && !line.includes("-->", start + 4)) {
      comment = true;
      // Text before the comment on the same line still counts.
      if (line.slice(0, start).trim() === "") hidden[index] = true;
      return;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading?.[1] && heading[2]) {
      const headingText = heading[2].slice(0, 200);
      headings.push({ level: heading[1].length, text: headingText, key: toHeadingKey(headingText), line: index + 1 });
    }
  });
  return { lines, headings, hidden };
}

/** A heading's section: its line range (exclusive of the heading line) up to the next heading of the same or a higher level. */
export interface Section {
  heading: Heading;
  /** 0-based index of the first line after the heading. */
  from: number;
  /** 0-based index one past the last line. */
  to: number;
}

/** Finds the first section whose heading normalises to `key`; null when the document has none. */
export function findSection(doc: MarkdownDoc, key: string): Section | null {
  const index = doc.headings.findIndex((h) => h.key === key);
  const heading = doc.headings[index];
  if (!heading) return null;
  const next = doc.headings.slice(index + 1).find((h) => h.level <= heading.level);
  return { heading, from: heading.line, to: next ? next.line - 1 : doc.lines.length };
}

/** A line reduced for comparison with the template's lines: no list or checkbox marker, spaces collapsed, lower case. */
function lineKey(line: string): string {
  return line
    .replace(/^\s*(?:[-*+]|\d+\.)?\s*(?:\[[ xX]?\])?\s*/, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** Lines that only say "nothing yet". */
const PLACEHOLDER =
  /^(?:tbd|tbc|todo|n\/?a|none|to be (?:added|defined|determined|done|filled|written)|coming soon|\.\.\.)\W*$/i;

/** Lines that answer a question with "no" in so many words: an answer in a questionnaire. */
const NONE = /^(?:n\/?a|none|no)\W*$/i;

/** The template's text of a section, as line keys, to recognise placeholder lines copied from it. */
export function templateLineKeys(doc: MarkdownDoc, section: Section | null): Set<string> {
  const keys = new Set<string>();
  if (!section) return keys;
  for (let i = section.from; i < section.to; i++) {
    const key = lineKey(doc.lines[i] ?? "");
    if (key) keys.add(key);
  }
  return keys;
}

/**
 * Words a section holds of its own: not in comments or code fences, not a heading, not a line the
 * template's section has (placeholder examples, the checkbox), not a "TBD".
 */
export function countOwnWords(
  doc: MarkdownDoc,
  section: Section,
  template: ReadonlySet<string>,
  noneIsAnswer = false,
): number {
  let words = 0;
  for (let i = section.from; i < section.to; i++) {
    if (doc.hidden[i]) continue;
    const line = readLine(doc, i);
    if (!line.key || template.has(line.key)) continue;
    if (line.placeholder && !(noneIsAnswer && line.none)) continue;
    words += line.words;
  }
  return words;
}

/** What countOwnWords reads of one line: its key (empty for a heading or a blank), and its words. */
interface LineReading {
  key: string;
  placeholder: boolean;
  none: boolean;
  words: number;
}

/** Line readings by document, filled as lines are first read (a README's sections are counted many times). */
const lineReadings = new WeakMap<MarkdownDoc, (LineReading | undefined)[]>();

function readLine(doc: MarkdownDoc, index: number): LineReading {
  let readings = lineReadings.get(doc);
  if (!readings) {
    readings = [];
    lineReadings.set(doc, readings);
  }
  let reading = readings[index];
  if (!reading) {
    const raw = doc.lines[index] ?? "";
    const line = raw.includes("<!--") ? raw.replace(/<!--.*?-->/g, "") : raw;
    const key = /^\s{0,3}#{1,6}\s/.test(line) ? "" : lineKey(line);
    reading = {
      key,
      placeholder: key !== "" && PLACEHOLDER.test(key),
      none: key !== "" && NONE.test(key),
      words: key === "" ? 0 : key.split(" ").filter((w) => /[a-z0-9]/i.test(w)).length,
    };
    readings[index] = reading;
  }
  return reading;
}

/** The headings of the template a README must have: levels 2 and 3, not marked optional. */
export function requiredHeadings(template: MarkdownDoc): Heading[] {
  return template.headings.filter((h) => (h.level === 2 || h.level === 3) && !/\(optional\)/i.test(h.text));
}

/** Stage words as authors write them in criteria. */
const STAGE_WORDS: Record<Stage, RegExp> = {
  alpha: /\balpha\b/i,
  beta: /\bbeta\b/i,
  stable: /\b(?:ga|stable|general availability|graduat\w* to ga)\b/i,
  deprecated: /\bdeprecat\w*/i,
  disabled: /\b(?:disabl\w*|deprecat\w*)/i,
  removed: /\b(?:remov\w*|deprecat\w*)/i,
};

/**
 * Whether a section covers a stage: a sub-heading naming it with text of its own below it, or text
 * of its own that names it. Returns the line that shows it (1-based), or null.
 */
export function findStageCoverage(
  doc: MarkdownDoc,
  section: Section,
  stage: Stage,
  template: ReadonlySet<string>,
): number | null {
  const word = STAGE_WORDS[stage];
  for (const heading of doc.headings) {
    if (heading.line <= section.from || heading.line > section.to || !word.test(heading.text)) continue;
    const sub = findSectionAt(doc, heading);
    if (countOwnWords(doc, sub, template) > 0) return heading.line;
  }
  for (let i = section.from; i < section.to; i++) {
    if (doc.hidden[i]) continue;
    const key = lineKey(doc.lines[i] ?? "");
    if (key && !template.has(key) && word.test(key)) return i + 1;
  }
  return null;
}

function findSectionAt(doc: MarkdownDoc, heading: Heading): Section {
  const index = doc.headings.indexOf(heading);
  const next = doc.headings.slice(index + 1).find((h) => h.level <= heading.level);
  return { heading, from: heading.line, to: next ? next.line - 1 : doc.lines.length };
}

/** Order of the stages a questionnaire section can first be required at. */
const REQUIRED_AT: readonly Stage[] = ["alpha", "beta", "stable"];

/**
 * The questionnaire sections the template requires, each with the first stage it is required at,
 * read from the template's own note under each heading ("must be completed when targeting beta",
 * "For beta, this section is required"). Sections whose note names no stage are left out.
 */
export function questionnaireRequirements(template: MarkdownDoc): { key: string; text: string; from: Stage }[] {
  const questionnaire = findSection(template, "production readiness review questionnaire");
  if (!questionnaire) return [];
  const out: { key: string; text: string; from: Stage }[] = [];
  for (const heading of template.headings) {
    if (heading.level !== 3 || heading.line <= questionnaire.from || heading.line > questionnaire.to) continue;
    const section = findSectionAt(template, heading);
    // The note is the first comment under the heading, before the first question.
    const firstQuestion = template.headings.find((h) => h.line > heading.line)?.line ?? section.to + 1;
    const note = template.lines.slice(section.from, Math.min(section.to, firstQuestion - 1)).join(" ");
    const sentences = note.split(/(?<=\.)\s+|\n\s*\n/);
    let from: Stage | null = null;
    for (const sentence of sentences) {
      if (!/required|must be completed/i.test(sentence)) continue;
      for (const stage of REQUIRED_AT) {
        const word = stage === "stable" ? /\bGA\b|\bstable\b/i : STAGE_WORDS[stage];
        if (word.test(sentence) && (from === null || REQUIRED_AT.indexOf(stage) < REQUIRED_AT.indexOf(from)))
          from = stage;
      }
    }
    if (from) out.push({ key: heading.key, text: heading.text, from });
  }
  return out;
}

/** Whether a stage target needs what the template asks from `from` on (alpha < beta < stable). */
export function isRequiredFor(target: Stage, from: Stage): boolean {
  const rank = REQUIRED_AT.indexOf(target);
  return rank >= 0 && rank >= REQUIRED_AT.indexOf(from);
}

/** The template of one commit, read once and shared by every KEP checked against it. */
export interface TemplateModel {
  doc: MarkdownDoc;
  /** Headings every README must have. */
  required: Heading[];
  /** Questionnaire sections with the first stage each is required at. */
  questionnaire: { key: string; text: string; from: Stage }[];
  /** The template's lines of a section, as line keys (memoised per section). */
  lineKeys(key: string): ReadonlySet<string>;
  /** The question headings (levels 4 to 6) inside a section, as keys. */
  questions(key: string): string[];
}

/** Reads a template once: its headings, required headings, questionnaire requirements and section lines. */
export function readTemplate(text: string): TemplateModel {
  const doc = readMarkdown(text);
  const keys = new Map<string, ReadonlySet<string>>();
  return {
    doc,
    required: requiredHeadings(doc),
    questionnaire: questionnaireRequirements(doc),
    lineKeys(key) {
      let found = keys.get(key);
      if (!found) {
        found = templateLineKeys(doc, findSection(doc, key));
        keys.set(key, found);
      }
      return found;
    },
    questions(key) {
      const section = findSection(doc, key);
      if (!section) return [];
      return doc.headings
        .filter((h) => h.level >= 4 && h.line > section.from && h.line <= section.to)
        .map((h) => h.key);
    },
  };
}

/**
 * Whether a questionnaire section is answered: at least half of the template's questions in it have
 * an answer of their own (a plain "No" or "N/A" is an answer; "TBD" is not), or, for a README that
 * does not repeat the questions as headings, a few words of its own.
 */
export function isSectionAnswered(readme: MarkdownDoc, template: TemplateModel, key: string): boolean {
  const section = findSection(readme, key);
  if (!section) return false;
  const lineKeys = template.lineKeys(key);
  const questions = template.questions(key);
  let asked = 0;
  let answered = 0;
  for (const question of questions) {
    const heading = readme.headings.find((h) => h.key === question && h.line > section.from && h.line <= section.to);
    if (!heading) continue;
    asked++;
    if (countOwnWords(readme, findSectionAt(readme, heading), lineKeys, true) > 0) answered++;
  }
  if (asked > 0) return answered * 2 >= questions.length;
  return countOwnWords(readme, section, lineKeys, true) >= 3;
}
