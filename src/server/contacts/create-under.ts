// Creating a record under an existing one (a contact on a referral, an action on a goal) is decided
// by the parent's facts. The kit refuses a create outside the actor's scope openly (403); for a
// parent the actor may not even read, that would reveal the parent exists, so it is not found.
import {
  authorize as decide,
  type Actor,
  type RecordFacts,
  type Resource,
} from '../../domain/access/policy.js';
import { DomainError } from '../../domain/errors.js';

/**
 * Wraps the route's `authorize` for a create under a parent: not_found unless the actor may read
 * `resource` records on the parent, then the create check itself (forbidden when not allowed).
 */
export function createUnder(
  actor: Actor,
  resource: Resource,
  authorize: (facts: RecordFacts) => void,
  parent = 'referral',
): (facts: RecordFacts) => void {
  return (facts) => {
    if (decide(actor, resource, 'read', facts).kind !== 'allow') {
      throw new DomainError('not_found', `No ${parent} with that id that you may see`);
    }
    authorize(facts);
  };
}
