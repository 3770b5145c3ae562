import { z } from 'zod';

// zod 4 probes for eval with `new Function('')` on its first object parse; our CSP forbids eval
// ('unsafe-eval' is not in script-src), so the probe only raises a CSP violation. Jitless mode
// skips the probe and the compiled fast path, which a renderer validating small forms does not need.
z.config({ jitless: true });
