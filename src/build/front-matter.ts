import { parseDocument } from 'yaml';
import { z } from 'zod';

/** A problem with one post, precise enough for its author to fix without reading our code. */
export interface ContentProblem {
  file: string;
  field: string;
  message: string;
}

/** The validated front matter of a post. */
export interface FrontMatter {
  title: string;
  date: string;
  tags: string[];
  summary: string;
  updated?: string;
  draft: boolean;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a YYYY-MM-DD string naming a day that exists (no 2026-02-30). */
export function isRealDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

// Markup in a plain-text field would be shown literally in lists, feeds and <title>.
const plainText = (what: string, max: number) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max} characters`)
    .refine((s) => !/[<>]/.test(s), `${what} must be plain text (no HTML)`)
    .refine((s) => !/\n/.test(s), `${what} must be on one line`)
    .refine((s) => !UNSAFE_CHARS.test(s), `${what} must not hold control, bidirectional or unpaired characters`);

// Invisible characters that break the feed's XML or reorder what a reader sees: C0/C1 controls (other than the
// newline, refused above), bidirectional overrides and isolates, and halves of a surrogate pair.
const UNSAFE_CHARS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const date = (what: string) =>
  z.string({ error: `${what} must be a date written YYYY-MM-DD` }).superRefine((s, ctx) => {
    if (!DATE_RE.test(s)) ctx.addIssue({ code: 'custom', message: `${what} must be written YYYY-MM-DD` });
    else if (!isRealDate(s)) ctx.addIssue({ code: 'custom', message: `${s} is not a real date` });
  });

const schema = z
  .object({
    title: plainText('title', 120),
    date: date('date'),
    tags: z
      .array(
        z
          .string({ error: 'each tag must be a word' })
          .max(32, 'each tag must be at most 32 characters')
          .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'tags must be lowercase words (a-z, 0-9, -)'),
        { error: 'tags must be a list, e.g. [networking, linux]' },
      )
      .min(1, 'tags must have at least 1 tag')
      .max(5, 'tags must have at most 5 tags')
      .refine((t) => new Set(t).size === t.length, 'tags must not repeat'),
    summary: plainText('summary', 400),
    updated: date('updated').optional(),
    draft: z.boolean({ error: 'draft must be true or false' }).default(false),
  })
  .strict();

const FENCE = '---';

/**
 * Split a post into front matter and body, and check the front matter against the authors' contract.
 * Returns every problem found, not just the first.
 */
export function parseFrontMatter(
  file: string,
  source: string,
): { data: FrontMatter; body: string } | { problems: ContentProblem[] } {
  const problem = (field: string, message: string) => ({ problems: [{ file, field, message }] });
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  if (lines[0]?.trim() !== FENCE) {
    return problem('front matter', 'the file must start with a line "---" opening the front matter');
  }
  const end = lines.indexOf(FENCE, 1);
  if (end === -1) {
    return problem('front matter', 'the front matter is not closed: add a line "---" after it');
  }
  const doc = parseDocument(lines.slice(1, end).join('\n'), { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = (e.linePos?.[0]?.line ?? 0) + 1; // +1 for the opening fence
    return problem('front matter', `invalid YAML at line ${line}: ${e.message.split('\n')[0]}`);
  }
  let raw: unknown;
  try {
    // yaml refuses aliases that expand without bound (a "billion laughs"), with a ReferenceError.
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return problem('front matter', `invalid YAML: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return problem('front matter', 'the front matter must be a set of "field: value" lines');
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    return {
      problems: result.error.issues.map((issue) => {
        const field = issue.path.length > 0 ? String(issue.path[0]) : 'front matter';
        const message =
          issue.code === 'unrecognized_keys'
            ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')} (allowed: title, date, tags, summary, updated, draft)`
            : issue.path.length === 1 && !(field in raw)
              ? `${field} is required`
              : issue.message;
        return { file, field: issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : field, message };
      }),
    };
  }
  const data = result.data;
  if (data.updated !== undefined && data.updated < data.date) {
    return problem('updated', `updated (${data.updated}) is before date (${data.date})`);
  }
  return { data, body: lines.slice(end + 1).join('\n') };
}
