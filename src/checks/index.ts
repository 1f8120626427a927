/** The rule catalogue and its runner: `runChecks(form)` → Finding[] (rules.md §6). */
export { runChecks, runRules, checkForm, createContext } from './run-checks.js';
export type { RunChecksOptions } from './run-checks.js';
export { catalogue, allRules } from './catalogue.js';
export type { RuleId } from './catalogue.js';
export { defineRule, NO_ISSUES } from './define-rule.js';
export type { CheckContext, Issue, Rule, RuleDefinition, RuleScope } from './define-rule.js';
export { Finding, FindingCode, Locale, Severity } from './finding.js';
export { formatFinding, renderMessage, hasMessage, formatNumber, formatAmount } from './format.js';
export type { MessageId } from './messages/zh-CN.js';
export { benchmarkChecks } from './benchmark.js';
export type { BenchmarkResult } from './benchmark.js';
