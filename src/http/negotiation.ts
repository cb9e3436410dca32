import type { FastifyRequest } from 'fastify';

/** Whether the client asked for JSON: the API under /api/, or `Accept: application/json`. */
export function wantsJson(req: FastifyRequest): boolean {
  if (req.url.startsWith('/api/')) return true;
  const accept = String(req.headers.accept ?? '');
  return accept.includes('application/json') && !accept.includes('text/html');
}
