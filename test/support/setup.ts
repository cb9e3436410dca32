// Every module's error entries, as the application registers them at start-up (src/context.ts).
import '../../src/app-errors';
