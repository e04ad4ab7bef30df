export { taxiiPlugin, type TaxiiPluginOptions } from './plugin.js';
export type { TaxiiPrincipal, ExtraAuthenticator } from './auth.js';
export { TAXII_MEDIA_TYPE, STIX_MEDIA_TYPE } from './media.js';
export { pollCollection, type TaxiiClientOptions, type PollResult } from './client.js';
export { syncFeed, syncDueFeeds, scheduleFeedSync, type SyncDeps, type SyncResult } from './sync.js';
export { loadIntelStateFromStore } from './state.js';
export { stixVersion } from './version.js';
