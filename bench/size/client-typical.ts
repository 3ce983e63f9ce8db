// What the README's quick start imports: the size a typical app actually ships after tree-shaking.
import { ApplicationTrigger, BackgroundExecutionManager, BackgroundTaskBuilder } from '@bgkit/client';
(globalThis as Record<string, unknown>).__bench = { ApplicationTrigger, BackgroundExecutionManager, BackgroundTaskBuilder };
