export { taxiiPlugin, type TaxiiPluginOptions } from './plugin.js';
export type { TaxiiPrincipal, ExtraAuthenticator } from './auth.js';
export { TAXII_MEDIA_TYPE, STIX_MEDIA_TYPE } from './media.js';
