import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { assertStorableText } from '../lib/text-input.js';

/**
 * One check of every string a route receives (path, query and JSON body), before its schema runs: a NUL or a lone
 * surrogate is refused with a 400 naming the field, for every route there is and every route to come, whatever
 * its schema says (issue 12 item 1). A hook rather than a refinement on each `z.string()`: zod has no global string
 * rule, and a schema that forgets it, a `z.unknown()` or a stripped key would let the character through. Multipart
 * text (field values, file names) is parsed later, by the handler: lib/uploads.ts and the import reader check it.
 */
export default fp(async function textInput(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) assertStorableText(part);
  });
});
