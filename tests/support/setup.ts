// Runs before every test file (vitest.config.ts setupFiles).
import { useTestPasswordCost } from '../../src/server/modules/auth/password-hash.ts';

useTestPasswordCost();
