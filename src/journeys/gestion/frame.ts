/** The frame of every page of the Caf side (src/http/views/agent-page.ts, shared with the Caf side's error pages). */
export { agentPage } from '../../http/views/agent-page';
