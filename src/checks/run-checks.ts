/**
 * Run the rule catalogue on one form. Scoring runs once and every rule reads the same report;
 * a rule that throws becomes an 'internal' finding, never an exception (one catch, here).
 */
import type { Form } from '../model/form.js';
import { scoreForm, type ScoreReport } from '../scoring/index.js';
import { profileFor, type Profile } from '../scoring/profile.js';
import { allRules } from './catalogue.js';
import type { CheckContext, Rule } from './define-rule.js';
import type { Finding, Locale } from './finding.js';
import { renderMessage } from './format.js';

export interface RunChecksOptions {
  /** A profile or its id ('hubei'); national by default. */
  profile?: Profile | string;
  /** Message language; zh-CN by default. */
  locale?: Locale;
  /** A subset of the catalogue (e.g. only errors). */
  rules?: readonly Rule[];
  /** A report already computed with scoreForm for the same profile, to avoid scoring twice. */
  report?: ScoreReport;
}

/** Build the context rules read. Exported for rule tests. */
export function createContext(form: Form, profile: Profile, report?: ScoreReport): CheckContext {
  const r = report ?? scoreForm(form, profile);
  return { form, profile, report: r, rows: r.indicators };
}

/** Run the rules of a context and turn their issues into findings. */
export function runRules(ctx: CheckContext, rules: readonly Rule[], locale: Locale = 'zh-CN'): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    let issues;
    try {
      issues = rule.check(ctx);
    } catch (e) {
      const params = { rule: rule.id, error: e instanceof Error ? e.message : String(e) };
      findings.push({
        code: 'internal',
        severity: 'error',
        message: renderMessage('internal', params, locale),
        path: '',
        params,
      });
      continue;
    }
    for (const issue of issues) {
      const f: Finding = {
        code: rule.id,
        severity: rule.severity,
        message: renderMessage(issue.messageId ?? rule.id, issue.params, locale),
        path: issue.path,
        params: issue.params,
      };
      if (issue.indicatorIndex !== undefined) f.indicatorIndex = issue.indicatorIndex;
      if (issue.messageId !== undefined) f.messageId = issue.messageId;
      findings.push(f);
    }
  }
  return findings;
}

/** All findings for a form: scoring + every rule of the catalogue (or `rules`). */
export function runChecks(form: Form, options: RunChecksOptions = {}): Finding[] {
  const profile = typeof options.profile === 'string' ? profileFor(options.profile) : (options.profile ?? profileFor(null));
  const ctx = createContext(form, profile, options.report);
  return runRules(ctx, options.rules ?? allRules, options.locale ?? 'zh-CN');
}

/** Scoring report and findings together (what the UI and API show side by side). */
export function checkForm(
  form: Form,
  options: Omit<RunChecksOptions, 'report'> = {},
): { report: ScoreReport; findings: Finding[] } {
  const profile = typeof options.profile === 'string' ? profileFor(options.profile) : (options.profile ?? profileFor(null));
  const ctx = createContext(form, profile);
  return { report: ctx.report, findings: runRules(ctx, options.rules ?? allRules, options.locale ?? 'zh-CN') };
}
