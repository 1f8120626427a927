/**
 * jixiao as a library: the form model, the readers, scoring and checks. Pure parts run in the
 * browser too; the store and server are reached through the CLI (`jixiao serve`).
 */
export * from './model/form.js';
export * from './model/taxonomy.js';
export type { Diagnostic, DiagnosticCode, FormProvenance, IndicatorProvenance, SourceLines } from './model/diagnostic.js';
export { parseText, TextFormReader, type ParseResult, type ParsedForm } from './formats/text/parse.js';
export { readAny, detectFormat } from './formats/registry.js';
export { scoreForm, profiles } from './scoring/index.js';
export { runChecks } from './checks/run-checks.js';
