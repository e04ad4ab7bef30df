import type { z } from 'zod';
import { AppError } from '../../errors/index.js';

/** Parses a request part with zod, or throws VALIDATION_FAILED listing each path and rule. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.join('.') || '$', message: i.message }));
  throw new AppError('VALIDATION_FAILED', `Invalid ${where}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, { details: { issues } });
}
