import { z } from '../zod.js';

/**
 * A background import of a spreadsheet (any module's: the registry now, ledgers and members next). `processed` is the
 * number of data rows committed; an `interrupted` job (its process stopped) or a `failed` one (a server error mid-way)
 * keeps them and can be resumed after them or rerun from the first row; either way re-import matching creates no
 * duplicates.
 */
export const ImportJob = z
  .object({
    id: z.string(),
    kind: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed', 'interrupted']),
    filename: z.string(),
    total: z.number().int(),
    processed: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
    /** Totals, notes and blank rows below the data: skipped, not errors (not counted in `total`). */
    skipped: z.number().int(),
    error: z.string().nullable(),
    reportUrl: z.string().nullable(),
    /** Whether resume and rerun are offered (the file is still kept). */
    resumable: z.boolean(),
    /** A finished job's first rejected rows with their messages (the full list is in the report); empty otherwise. */
    firstProblems: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'ImportJob' });

export const ImportJobList = z.object({ items: z.array(ImportJob) }).meta({ id: 'ImportJobList' });

export const ImportJobListQuery = z.object({
  kind: z.string().max(40).optional(),
  status: z.enum(['queued', 'running', 'done', 'failed', 'interrupted']).optional(),
});
