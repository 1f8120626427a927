/**
 * A finding is data (like a zod issue): a code from the rule catalogue (rules.md §6.1), where it
 * is, and the numbers behind it. The message is rendered from params by a locale (format.ts).
 */
import { z } from 'zod';

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

/** A rule id (F4, I13 …) or 'internal' for a rule that failed. */
export const FindingCode = z.string().regex(/^(?:[FGIT]\d{1,2}|internal)$/);

export const Finding = z.object({
  code: FindingCode,
  severity: Severity,
  /** Rendered message, zh-CN unless another locale was asked for. */
  message: z.string(),
  /** Field path in the form: 'funds.total.executed', 'indicators[3].score', 'goals.expected', 'totalScore'. */
  path: z.string(),
  params: z.record(z.string(), z.unknown()),
  /** 0-based row, for indicator findings. */
  indicatorIndex: z.number().int().min(0).optional(),
  /** Message template when a rule has several ('F6.blank'); absent means the code itself. */
  messageId: z.string().optional(),
});
export type Finding = z.infer<typeof Finding>;

export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;
