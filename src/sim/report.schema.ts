import { z } from 'zod';

/**
 * The part of a `warden analyze` report (../shared/spec/batch-contract.md) the scorer reads.
 * Loose: fields the contract adds later are kept and ignored.
 */
const actorRefSchema = z.looseObject({ name: z.string() }).nullable().optional();

export const reportSchema = z.looseObject({
  accounts: z.array(
    z.looseObject({
      account: z.string(),
      verdict: z.string(),
      network: z.string().nullable().optional(),
      actor: actorRefSchema,
    }),
  ),
  networks: z.array(z.looseObject({ id: z.string(), accounts: z.array(z.string()).optional(), actor: actorRefSchema })).optional(),
});
export type AnalyzeReport = z.infer<typeof reportSchema>;
