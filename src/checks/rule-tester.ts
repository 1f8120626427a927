/**
 * Test-only helper (imports vitest): typescript-eslint's RuleTester for our rules. Valid cases
 * must produce no finding; invalid cases list the findings expected, in order, by partial match.
 * Every message must render in zh-CN and en with no slot left unfilled.
 */
import { describe, expect, it } from 'vitest';
import type { Form } from '../model/form.js';
import { profiles, type Profile } from '../scoring/profile.js';
import type { Rule } from './define-rule.js';
import type { Finding } from './finding.js';
import { formatFinding } from './format.js';
import { createContext, runRules } from './run-checks.js';

export interface ValidCase {
  name: string;
  form: Form;
  profile?: Profile;
}

export interface InvalidCase extends ValidCase {
  findings: Partial<Finding>[];
}

/** Findings of one rule on one form. */
export function runRule(rule: Rule, form: Form, profile: Profile = profiles.national): Finding[] {
  return runRules(createContext(form, profile), [rule]);
}

export function testRule(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`${rule.id} (${rule.description['zh-CN']})`, () => {
    it.each(cases.valid)('valid: $name', ({ form, profile }) => {
      expect(runRule(rule, form, profile)).toEqual([]);
    });
    it.each(cases.invalid)('invalid: $name', ({ form, profile, findings }) => {
      const got = runRule(rule, form, profile);
      expect(got).toHaveLength(findings.length);
      findings.forEach((want, i) => {
        expect(got[i]).toMatchObject({ code: rule.id, severity: rule.severity, ...want });
      });
      for (const f of got) {
        expect(f.message).not.toMatch(/\{\w+(:\w+)?\}/);
        expect(formatFinding(f, 'en')).not.toMatch(/\{\w+(:\w+)?\}/);
        if (f.messageId !== undefined) expect(rule.messageIds).toContain(f.messageId);
      }
    });
  });
}
