// The only way a person leaves the server: these fields, and no others.
import type { Person } from '../../services/casework/people.service.js';
import type { PersonRes } from './person.schema.js';

export function presentPerson(p: Person): PersonRes {
  return {
    id: p.id,
    version: p.version,
    nhsNumber: p.nhsNumber,
    chiNumber: p.chiNumber,
    givenName: p.givenName,
    familyName: p.familyName,
    dateOfBirth: p.dateOfBirth,
    sex: p.sex,
    gender: p.gender,
    ethnicity: p.ethnicity === null ? null : { nation: p.ethnicity.nation, code: p.ethnicity.code },
    postcode: p.postcode,
    deprivation: p.deprivation === null ? null : { index: p.deprivation.index, decile: p.deprivation.decile },
    registeredPracticeId: p.registeredPracticeId,
    phone: p.phone,
    email: p.email,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
