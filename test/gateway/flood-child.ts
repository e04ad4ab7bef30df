/**
 * A gateway in its own process for the 10k-connection test (one process holding both ends of
 * 10k connections would need 20k descriptors): a stub upstream, an account rate limit of 100 a
 * minute, and a line on stdout with the port. Prints its stats as JSON on SIGUSR2.
 */
import { startStubUpstream } from './upstream.js';
import { realPolicy, startTestGateway } from './harness.js';

const up = await startStubUpstream();
const { decide } = realPolicy({
  rateLimits: [{ id: 'acct-burst', scope: 'account', windowS: 60, limit: 100 }],
});
// A deep accept queue: 10k clients connecting at once must not overflow it on a loaded machine.
const gw = await startTestGateway(up.url, { decide, backlog: 8192 });
// On a loaded CI machine the last of 10k connections may wait long for its turn; the test is
// about rate limits and bounded state, not about Node's request timeouts.
gw.gateway.server.requestTimeout = 600_000;
gw.gateway.server.headersTimeout = 600_000;
process.on('SIGUSR2', () => {
  process.stdout.write(
    `${JSON.stringify({
      upstream: up.seen.length,
      events: gw.events.length,
      rss: process.memoryUsage().rss,
      // The high-water mark of resident memory since start (bytes).
      peakRss: process.resourceUsage().maxRSS * 1024,
    })}\n`,
  );
});
process.on('SIGTERM', () => {
  void gw
    .close()
    .then(() => up.close())
    .then(() => process.exit(0));
});
process.stdout.write(`${JSON.stringify({ port: gw.gateway.address()!.port })}\n`);
