/**
 * Hand-kept files under content/curated/: read, parsed and validated the same way, so a bad
 * entry fails the build with the file and the first bad field named.
 */
import path from "node:path";
import type { z } from "zod";

/** A curated file that fails validation. */
export class CuratedFileError extends Error {
  override name = "CuratedFileError";
}

/** The file as a reader would name it: relative to the project when inside it, else as given. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") ? relative : file;
}

/** Parses JSON text against a schema; throws naming the file and the first bad field. */
export function parseCuratedJson<T extends z.ZodType>(text: string, file: string, schema: T): z.infer<T> {
  const where = displayPath(file);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CuratedFileError(`${where}: not valid JSON: ${(error as Error).message}`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.length ? issue.path.join(".") : "(root)";
    throw new CuratedFileError(`${where}: field ${field}: ${issue?.message ?? "invalid"}`);
  }
  return result.data;
}
