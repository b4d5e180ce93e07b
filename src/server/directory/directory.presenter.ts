// The only way a directory entry leaves the server: these fields, and no others.
import type { CommunityService } from '../../services/casework/directory.service.js';
import type { ServiceRes } from './directory.schema.js';

export function presentService(s: CommunityService): ServiceRes {
  return {
    id: s.id,
    version: s.version,
    name: s.name,
    organisationName: s.organisationName,
    description: s.description,
    url: s.url,
    email: s.email,
    phone: s.phone,
    postcode: s.postcode,
    area: s.area,
    needs: [...s.needs],
    taxonomyTerms: [...s.taxonomyTerms],
    minAge: s.minAge,
    maxAge: s.maxAge,
    active: s.active,
  };
}
