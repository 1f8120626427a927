/**
 * A rule of the catalogue, typescript-eslint style: metadata plus a pure `check(ctx)` that returns
 * issues (where, which numbers); the runner adds code, severity and the localised message.
 * A rule never throws: a value it cannot read is skipped, because the parser reported it already.
 */
import type { Form } from '../model/form.js';
import type { IndicatorReport, ScoreReport } from '../scoring/index.js';
import type { Profile } from '../scoring/profile.js';
import type { Severity } from './finding.js';
import type { MessageId } from './messages/zh-CN.js';

export type RuleScope = 'form' | 'funds' | 'goals' | 'indicator' | 'totals';

/** Everything a rule may read; built once per form by run-checks. */
export interface CheckContext {
  form: Form;
  profile: Profile;
  /** Printed vs recomputed values (rate, execution score, suggestions, totals). */
  report: ScoreReport;
  /** report.indicators: each row with its parsed target/actual and suggestion. */
  rows: readonly IndicatorReport[];
}

/** What a rule reports; the runner turns it into a Finding. */
export interface Issue {
  path: string;
  params: Record<string, unknown>;
  indicatorIndex?: number;
  /** A variant message of the rule ('F6.blank'); default the rule id. */
  messageId?: MessageId;
}

export interface RuleDefinition<Id extends string = string> {
  id: Id;
  severity: Severity;
  scope: RuleScope;
  /** One line, Chinese first (docs and UI). */
  description: { 'zh-CN': string; en: string };
  /** Message ids the rule may use besides its id (checked by catalogue.test.ts). */
  variants?: readonly MessageId[];
  check(ctx: CheckContext): readonly Issue[];
}

export interface Rule<Id extends string = string> extends RuleDefinition<Id> {
  /** The id and every variant: each needs a message in every locale. */
  messageIds: readonly MessageId[];
}

/** Shared empty result: most rules find nothing on most forms, so avoid allocating. */
export const NO_ISSUES: readonly Issue[] = Object.freeze([]) as readonly Issue[];

export function defineRule<const Id extends MessageId>(def: RuleDefinition<Id>): Rule<Id> {
  return Object.freeze({ ...def, messageIds: [def.id, ...(def.variants ?? [])] });
}
