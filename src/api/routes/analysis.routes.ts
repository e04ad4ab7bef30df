import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors/index.js';
import type { AppDeps } from '../deps.js';

/**
 * `GET /api/v1/analysis`: the live pipeline's verdicts, networks and attributions over every
 * stored event, in exactly the report format of `warden analyze` (batch-contract.md), so a
 * script can read either. The body has no response schema on purpose: the report's fields may
 * grow, and a serialiser schema would silently drop what it does not list; tests parse it with
 * the report's zod schema instead.
 */
export function analysisRoutes(deps: AppDeps) {
  return (app: FastifyInstance): Promise<void> => {
    app.get('/api/v1/analysis', { config: { permission: 'analysis:read' }, schema: { summary: "The live pipeline's report (verdicts, networks, attributions)", tags: ['analysis'] } }, () => {
      if (!deps.analysis) throw new AppError('NOT_FOUND', 'The live pipeline is not running in this process.');
      return deps.analysis.report(new Date(deps.now()).toISOString());
    });
    return Promise.resolve();
  };
}
