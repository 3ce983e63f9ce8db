// Every public export of @bgkit/client; the namespace escaping to a global keeps tree-shaking from dropping any.
import * as api from '@bgkit/client';
(globalThis as Record<string, unknown>).__bench = api;
