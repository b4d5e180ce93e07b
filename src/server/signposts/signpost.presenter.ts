// The only way a signpost leaves the server: these fields, and no others.
import type { Signpost } from '../../services/casework/signposts.service.js';
import type { SignpostRes } from './signpost.schema.js';

export function presentSignpost(s: Signpost): SignpostRes {
  return {
    id: s.id,
    version: s.version,
    referralId: s.referralId,
    kind: s.kind,
    serviceId: s.serviceId,
    serviceName: s.serviceName,
    signpostedOn: s.signpostedOn,
    reasonNeed: s.reasonNeed,
    reasonText: s.reasonText,
    attendance: s.attendance,
    response: s.response,
    staffId: s.staffId,
    recordedAt: s.recordedAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
