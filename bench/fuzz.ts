/**
 * Fuzz bench: `npm run bench fuzz` (or `npx tsx bench/fuzz.ts`). A shorter run of scripts/fuzz.ts —
 * 5 000 HTTP requests (every route anonymous and signed in, the Caf side as an agent, the household
 * API as a responsable and a conjoint), 1 000 hostile and ordinary files to the upload routes,
 * 200 000 inputs in all — printing inputs per second and every finding. The same FUZZ_* variables
 * set its size. Exit code 1 when something was found (a finding is a defect, not a figure).
 */
import { fuzzOptionsFromEnv, runFuzz } from '../scripts/fuzz';

const findings = await runFuzz(fuzzOptionsFromEnv({ total: 200_000, http: 5_000, uploads: 1_000 }));
process.exit(findings ? 1 : 0);
