/**
 * What a reader repaired or could not read in one source. Data, not exceptions: a reader returns
 * its diagnostics beside the forms it read.
 */
export type DiagnosticCode =
  | 'encoding-gb18030'
  | 'encoding-utf16'
  | 'binary-input'
  | 'empty-input'
  | 'html-stripped'
  | 'markdown-table'
  | 'cell-wrap-joined'
  | 'label-fragment-removed'
  | 'column-shift'
  | 'merged-label-carried'
  | 'merged-label-reattached'
  | 'section-by-weights'
  | 'page-break-stitched'
  | 'total-row-split'
  | 'missing-block'
  | 'unread-line'
  | 'truncated-form'
  | 'arithmetic-mismatch'
  | 'internal';

export interface Diagnostic {
  code: DiagnosticCode;
  /** 'info' = repaired, 'warning' = uncertain reading, 'error' = could not read. */
  level: 'info' | 'warning' | 'error';
  message: string;
  /** 1-based line in the source file, when the diagnostic is about one. */
  line?: number;
  /** Field path in the form (e.g. "indicators[3].level1"). */
  path?: string;
}

/** Field path → 1-based source line(s) where the value was read. */
export type Provenance = Record<string, number | number[]>;
