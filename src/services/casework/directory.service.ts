// The community-services directory used for signposting: search by need and words, read one entry.
// Not personal data: nothing here is audited.
import type { Kysely } from 'kysely';
import { DomainError, validationError } from '../../domain/errors.js';
import type { Database } from '../../db/database.js';
import {
  findCommunityServiceById,
  searchCommunityServices,
  type CommunityServiceRow,
  type ServiceSearch,
} from '../../db/directory/community-service.repository.js';
import { translateDbError } from '../../db/errors.js';
import { loadCodeLookup } from '../reference/reference.service.js';

/** A directory entry as services hand it out (never a database row). */
export interface CommunityService {
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly organisationName: string | null;
  readonly description: string | null;
  readonly url: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly postcode: string | null;
  readonly area: string | null;
  readonly needs: readonly string[];
  readonly taxonomyTerms: readonly string[];
  readonly minAge: number | null;
  readonly maxAge: number | null;
  readonly active: boolean;
}

export function communityServiceFromRow(r: CommunityServiceRow): CommunityService {
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    organisationName: r.organisation_name,
    description: r.description,
    url: r.url,
    email: r.email,
    phone: r.phone,
    postcode: r.postcode,
    area: r.area,
    needs: r.needs,
    taxonomyTerms: r.taxonomy_terms,
    minAge: r.min_age,
    maxAge: r.max_age,
    active: r.active,
  };
}

/** Active services meeting `need` (a ref_need code: unknown is `unknown_code`) and matching `q`. */
export async function searchServices(
  db: Kysely<Database>,
  search: ServiceSearch,
  page: { limit: number; offset: number },
): Promise<{ items: CommunityService[]; total: number }> {
  if (search.need !== undefined && !(await loadCodeLookup(db)).has('need', search.need)) {
    throw validationError([
      { path: 'need', rule: 'unknown_code', message: `"${search.need}" is not in the need list` },
    ]);
  }
  const { rows, total } = await searchCommunityServices(db, search, page);
  return { items: rows.map(communityServiceFromRow), total };
}

export async function getService(db: Kysely<Database>, id: string): Promise<CommunityService> {
  const row = await findCommunityServiceById(db, id).catch(translateDbError);
  if (row === undefined) throw new DomainError('not_found', 'No service with that id in the directory');
  return communityServiceFromRow(row);
}
