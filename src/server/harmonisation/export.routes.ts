// Exports (issue #9): a person's record or a whole scheme as a FHIR R4 Bundle (UK Core identifier
// and code systems; docs/fhir.md), and the pseudonymised research extract as CSV. The Bundle is
// the presenter: the domain mapping names every element it writes. Scheme exports and extracts are
// streamed, so a large scheme never sits in memory. Every export is audited by the service.
import { Readable } from 'node:stream';
import { z } from 'zod';
import { authorizeAny } from '../../domain/access/policy.js';
import type { DbHandle } from '../../services/context.js';
import {
  exportPersonFhir,
  FHIR_JSON,
  findSchemeToExport,
  streamSchemeFhir,
} from '../../services/harmonisation/fhir-export.service.js';
import { beginResearchExtract } from '../../services/harmonisation/research-extract.service.js';
import { defineRoute, IdParams, type App } from '../kit.js';
import { FhirBundleSchema, ResearchExtractBodySchema } from './export.schema.js';

const tags = ['exports'];

export function registerExportRoutes(app: App, db: DbHandle): void {
  defineRoute(app, db, {
    method: 'GET',
    url: '/api/people/:id/fhir',
    resource: 'person',
    action: 'read',
    personal: true,
    summary:
      "A person's social prescribing record as a FHIR R4 Bundle (collection, UK Core systems): the referrals you may see, with contacts, questionnaires, scores and care plan",
    tags,
    params: IdParams,
    response: FhirBundleSchema,
    raw: true,
    handler: async ({ params, ctx, session, authorize, reply }) => {
      const bundle = await exportPersonFhir(
        db.db,
        { kind: 'user', ctx },
        params.id,
        {
          authorizePerson: authorize,
          canSeeReferral: (facts) =>
            authorizeAny(session.actor, 'referral', 'read', [facts]).kind === 'allow',
        },
        ctx.now,
      );
      return reply
        .status(200)
        .type(FHIR_JSON)
        .header('content-disposition', `attachment; filename="person-${params.id}.fhir.json"`)
        .send(JSON.stringify(bundle));
    },
  });

  defineRoute(app, db, {
    method: 'GET',
    url: '/api/schemes/:id/fhir',
    resource: 'scheme_export',
    action: 'list',
    personal: true,
    summary:
      'Everything a scheme holds as one FHIR R4 Bundle (collection), streamed: every person, their referrals to this scheme and what is recorded on them',
    tags,
    params: IdParams,
    response: FhirBundleSchema,
    raw: true,
    handler: async ({ params, ctx, authorize, reply }) => {
      const scheme = await findSchemeToExport(db.db, params.id);
      authorize({ schemeId: scheme.id, regionId: scheme.regionId });
      return reply
        .status(200)
        .type(FHIR_JSON)
        .header('content-disposition', `attachment; filename="scheme-${scheme.id}.fhir.json"`)
        .send(Readable.from(streamSchemeFhir(db.db, { kind: 'user', ctx }, scheme.id, ctx.now)));
    },
  });

  defineRoute(app, db, {
    method: 'POST',
    url: '/api/research/extracts',
    resource: 'research_extract',
    action: 'create',
    personal: true,
    summary:
      'A pseudonymised research extract as CSV (one row per referral; keyed-hash pseudonyms under a secret made for this extract and never revealed; age bands, deprivation deciles, no free text)',
    tags,
    body: ResearchExtractBodySchema,
    response: z.unknown(),
    raw: true,
    handler: async ({ body, ctx, reply }) => {
      // The secret is not returned, kept or logged: an API extract cannot be re-identified or
      // linked to any other extract (the command line gives the data owner the secret instead).
      const { extractId, csv } = await beginResearchExtract(db.db, { kind: 'user', ctx }, body);
      return reply
        .status(201)
        .type('text/csv; charset=utf-8')
        .header('x-linkwork-extract-id', extractId)
        .header('content-disposition', `attachment; filename="linkwork-research-${extractId}.csv"`)
        .send(Readable.from(csv));
    },
  });
}
