export { storeBundle, type StoreBundleOptions, type StoreBundleResult } from './store-bundle.js';
