// The page's first script: starts the requests the first view needs (early-fetch.ts) before the app's own
// bundle has even arrived. Kept tiny on purpose.
import { startEarlyFetches } from './early-fetch.ts';

startEarlyFetches();
