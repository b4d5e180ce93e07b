// Synthetic HSDS 3.0 services for tests (written for Linkwork; not copied from the specification's
// examples). `hsdsService(n)` varies names, terms, ages and areas by n.
import { randomUUID } from 'node:crypto';

export function hsdsService(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const kinds = [
    {
      name: 'Tuesday Walking Group',
      term: 'Walking groups',
      area: 'Leeds',
      postcode: 'ls1 4ap',
      min: 18,
      max: null,
    },
    {
      name: 'Friendship Lunch Club',
      term: 'Befriending',
      area: 'Bradford',
      postcode: 'BD1 1HY',
      min: 60,
      max: null,
    },
    {
      name: 'Young Carers Drop-in',
      term: 'Carers support',
      area: 'Leeds',
      postcode: 'LS6 2AA',
      min: 8,
      max: 17,
    },
    {
      name: 'Debt and Benefits Advice',
      term: 'Money advice',
      area: 'Wakefield',
      postcode: 'WF1 2DD',
      min: null,
      max: null,
    },
  ];
  const k = kinds[n % kinds.length];
  if (k === undefined) throw new Error('unreachable');
  return {
    id: randomUUID(),
    name: `${k.name} ${n}`,
    status: 'active',
    description: `Synthetic service number ${n}.`,
    url: `https://directory.example.org/services/${n}`,
    email: `service${n}@example.org`,
    minimum_age: k.min,
    maximum_age: k.max,
    organization: { id: randomUUID(), name: `Example Community Trust ${n % 3}`, description: 'Synthetic' },
    contacts: [{ id: randomUUID(), phones: [{ id: randomUUID(), number: '0113 496 0000' }] }],
    service_areas: [{ id: randomUUID(), name: k.area }],
    service_at_locations: [
      {
        id: randomUUID(),
        location: {
          id: randomUUID(),
          location_type: 'physical',
          addresses: [
            {
              id: randomUUID(),
              address_1: `${n} High Street`,
              city: k.area,
              state_province: 'West Yorkshire',
              postal_code: k.postcode,
              country: 'GB',
              address_type: 'physical',
            },
          ],
        },
      },
    ],
    attributes: [
      { id: randomUUID(), taxonomy_term: { id: randomUUID(), name: k.term, description: k.term } },
    ],
    ...overrides,
  };
}
