import { describe, expect, it } from 'vitest';
import { mapHsdsService, needsFromTerms, normalisePostcode, type HsdsService } from './hsds.js';

const base: HsdsService = {
  id: '7b0a3c8e-1d2f-4a5b-8c9d-0e1f2a3b4c5d',
  name: ' Walking for Health ',
  status: 'active',
};

describe('mapHsdsService', () => {
  it('maps the fields Linkwork reads', () => {
    const r = mapHsdsService({
      ...base,
      description: 'Weekly walks',
      url: 'https://example.org',
      email: 'walk@example.org',
      minimum_age: 18,
      maximum_age: 99,
      organization: { name: 'Example Trust' },
      contacts: [{ phones: [{ number: '0113 496 0000' }] }],
      service_areas: [{ name: 'Leeds' }, { service_area: 'Bradford' }, { name: ' ' }, {}],
      service_at_locations: [
        {
          location: {
            addresses: [
              { postal_code: 'x', address_type: 'postal' },
              { postal_code: 'ls14ap', address_type: 'physical' },
            ],
          },
        },
        { location: null },
      ],
      attributes: [
        { taxonomy_term: { name: 'Walking groups' } },
        { taxonomy_term: { term: 'Befriending' } },
        { taxonomy_term: { code: 'esd:833' } },
        { taxonomy_term: null },
        {},
      ],
    });
    expect(r).toEqual({
      entry: {
        sourceRecordId: base.id,
        name: 'Walking for Health',
        organisationName: 'Example Trust',
        description: 'Weekly walks',
        url: 'https://example.org',
        email: 'walk@example.org',
        phone: '0113 496 0000',
        postcode: 'LS1 4AP',
        area: 'Leeds, Bradford',
        needs: ['loneliness', 'physical_activity'],
        taxonomyTerms: ['Walking groups', 'Befriending', 'esd:833'],
        minAge: 18,
        maxAge: 99,
        active: true,
      },
    });
  });

  it('prefers service phones, takes the first address when none is physical, and reads inactive statuses', () => {
    const r = mapHsdsService({
      ...base,
      status: 'temporarily closed',
      phones: [{ number: '0800 000 000' }],
      service_at_locations: [{ location: { addresses: [{ postal_code: 'BD1 1HY' }] } }],
    });
    expect(r).toMatchObject({
      entry: {
        phone: '0800 000 000',
        postcode: 'BD1 1HY',
        active: false,
        area: null,
        needs: ['physical_activity'],
      },
    });
    expect(mapHsdsService({ ...base, name: '   ' })).toMatchObject({ entry: { name: base.id } });
    expect(mapHsdsService({ ...base, contacts: [{}] })).toMatchObject({ entry: { phone: null } });
  });

  it('rejects impossible ages naming the HSDS field', () => {
    expect(mapHsdsService({ ...base, minimum_age: -1, maximum_age: 200 })).toEqual({
      issues: [
        { path: 'minimum_age', rule: 'age_range', message: 'must be a whole number of years from 0 to 120' },
        { path: 'maximum_age', rule: 'age_range', message: 'must be a whole number of years from 0 to 120' },
      ],
    });
    expect(mapHsdsService({ ...base, minimum_age: 65, maximum_age: 18 })).toEqual({
      issues: [{ path: 'maximum_age', rule: 'not_below_minimum', message: 'must not be below minimum_age' }],
    });
  });
});

describe('needsFromTerms and normalisePostcode', () => {
  it('reads needs from terms and the name', () => {
    expect(needsFromTerms(['Food bank'], 'Debt advice')).toEqual(['money_debt', 'food_poverty']);
    expect(needsFromTerms([], 'Art class')).toEqual([]);
  });
  it('normalises UK postcodes and drops others', () => {
    expect(normalisePostcode(' eh1  1yz ')).toBe('EH1 1YZ');
    expect(normalisePostcode('SW1A2AA')).toBe('SW1A 2AA');
    expect(normalisePostcode('12345')).toBeNull();
    expect(normalisePostcode(undefined)).toBeNull();
  });
});
