/** The /quality/ page's view model: the report, the KEPs it touches, and the index that forwards old #kep-N links. Pure. */
import { buildQualityReport, kepKindIndex, type QualityReport } from "./quality.ts";
import type { Kep, Warning } from "./schema.ts";
import { sigName } from "./sigs.ts";

/** Everything /quality/ shows. */
export interface QualityPage {
  report: QualityReport;
  /** KEPs with at least one irregularity. */
  kepCount: number;
  /** Old `/quality/#kep-<number>` links mapped to their KEP's most frequent kind. */
  moved: ReturnType<typeof kepKindIndex>;
}

/** Builds /quality/: the report by kind, SIG and release folder, and the moved-anchor index. */
export function buildQualityPage(
  warnings: readonly Warning[],
  kepByNumber: ReadonlyMap<number, Pick<Kep, "title" | "owningSig">>,
): QualityPage {
  const report = buildQualityReport(warnings, kepByNumber);
  return { report, kepCount: report.sigs.reduce((n, s) => n + s.keps.length, 0), moved: kepKindIndex(report) };
}

/** A SIG's name on /quality/ ("No SIG known" for warnings no SIG folder explains). */
export function labelQualitySig(sig: string): string {
  return sig === "unknown" ? "No SIG known" : sigName(sig);
}
