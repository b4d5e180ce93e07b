// The reference lists (GET /api/reference) as the forms and pages use them: options to offer
// (active codes), labels to show for recorded codes (retired ones too), and the CodeLookup the
// domain validators take, so a form checks codes exactly as the server does.
import type { CodeLookup } from '../../domain/validation.js';
import type { ReferenceListsRes } from '../../server/reference/reference.schema.js';

export interface Option {
  readonly value: string;
  readonly label: string;
}

export interface Reference {
  /** Active codes of a list, in display order. */
  options(list: string): readonly Option[];
  /** The label of a code (its code when unknown; empty for none). */
  label(list: string, code: string | null | undefined): string;
  /** Active codes, for the domain validators. */
  readonly codes: CodeLookup;
}

export function makeReference(res: ReferenceListsRes): Reference {
  const lists = res.lists;
  const active = new Set<string>();
  for (const [name, codes] of Object.entries(lists)) {
    for (const c of codes) if (c.active) active.add(`${name}\u0000${c.code}`);
  }
  return {
    options: (list) =>
      (lists[list] ?? []).filter((c) => c.active).map((c) => ({ value: c.code, label: c.label })),
    label: (list, code) => {
      if (code === null || code === undefined || code === '') return '';
      return lists[list]?.find((c) => c.code === code)?.label ?? code;
    },
    codes: { has: (list, code) => active.has(`${list}\u0000${code}`) },
  };
}
