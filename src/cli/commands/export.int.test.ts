// `linkwork export` against an embedded PGlite database with the demo data: files written, the
// research extract's key kept apart from it (owner-only file, or printed once), audited as the operator.
import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWriteStream } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbHandle } from '../../db/connect.js';
import { migrateToLatestOrThrow } from '../../db/migrate.js';
import { loadDemo } from '../../services/demo/demo.service.js';
import { fhirTarget, operator, parseId, runFhirExport, runResearchExport } from './export.js';

describe('linkwork export', () => {
  let handle: DbHandle;
  let dir: string;
  let schemeId: string;
  let personId: string;
  let nhsNumber: string;
  beforeAll(async () => {
    handle = await openDb({});
    await migrateToLatestOrThrow(handle.db);
    await loadDemo(handle, { scale: 100, seed: 2, today: '2025-12-31' });
    dir = await mkdtemp(join(tmpdir(), 'linkwork-export-'));
    const p = await handle.db
      .selectFrom('person as p')
      .innerJoin('referral as r', 'r.person_id', 'p.id')
      .select(['p.id', 'p.nhs_number', 'r.scheme_id'])
      .where('p.nhs_number', 'is not', null)
      .orderBy('p.id')
      .executeTakeFirstOrThrow();
    personId = p.id;
    nhsNumber = p.nhs_number ?? '';
    schemeId = p.scheme_id;
  });
  afterAll(async () => {
    await handle.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('parses its options: exactly one target, ids as UUIDs', () => {
    expect(fhirTarget({ person: personId })).toEqual({ kind: 'person', id: personId });
    expect(fhirTarget({ scheme: schemeId })).toEqual({ kind: 'scheme', id: schemeId });
    expect(() => fhirTarget({})).toThrow(/exactly one/);
    expect(() => fhirTarget({ person: personId, scheme: schemeId })).toThrow(/exactly one/);
    expect(parseId('--person', personId.toUpperCase())).toBe(personId);
    expect(() => parseId('--scheme', 'scheme-1')).toThrow(/--scheme must be an id/);
    expect(operator()).toMatchObject({ kind: 'operator', runId: expect.stringMatching(/^cli-/) as unknown });
  });

  it('writes a person and a scheme as FHIR Bundles to files, audited as the operator', async () => {
    const who = operator();
    const personFile = join(dir, 'person.json');
    const summary = await runFhirExport(
      handle,
      who,
      { kind: 'person', id: personId },
      createWriteStream(personFile),
    );
    expect(summary).toMatch(/^Exported person .*: \d+ resources/);
    const person = JSON.parse(await readFile(personFile, 'utf8')) as {
      resourceType: string;
      entry: unknown[];
    };
    expect(person.resourceType).toBe('Bundle');

    const schemeFile = join(dir, 'scheme.json');
    await runFhirExport(handle, who, { kind: 'scheme', id: schemeId }, createWriteStream(schemeFile));
    const scheme = JSON.parse(await readFile(schemeFile, 'utf8')) as {
      entry: { resource: { resourceType: string } }[];
    };
    expect(scheme.entry.filter((e) => e.resource.resourceType === 'Patient').length).toBeGreaterThan(0);

    const events = await handle.db
      .selectFrom('audit_event')
      .select(['user_id', 'username', 'entity'])
      .where('request_id', '=', who.kind === 'operator' ? who.runId : '')
      .execute();
    expect(events.length).toBeGreaterThan(2);
    expect(new Set(events.map((e) => `${String(e.user_id)} ${String(e.username)}`)).size).toBe(1);
    expect(events[0]?.username).toMatch(/^cli:/);
  });

  it('writes the research extract and its key to separate files (the key owner-only)', async () => {
    const out = join(dir, 'extract.csv');
    const secretOut = join(dir, 'extract.key');
    const { summary, secret } = await runResearchExport(handle, operator(), {
      out,
      secretOut,
      scheme: [schemeId],
    });
    expect(secret).toBeNull();
    expect(summary).toMatch(/^Wrote \d+ referrals to .*extract\.csv/);
    const csv = await readFile(out, 'utf8');
    const keyFile = await readFile(secretOut, 'utf8');
    const key = keyFile.trim().split('\n').at(-1) ?? '';
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(csv).not.toContain(key);
    expect((await stat(secretOut)).mode & 0o777).toBe(0o600);
    // The data owner can re-identify with the key: the person's pseudonym is the keyed hash of the NHS number.
    const pseudonym = createHmac('sha256', Buffer.from(key, 'hex'))
      .update(`person:nhs:${nhsNumber}`)
      .digest('hex')
      .slice(0, 32);
    expect(csv).toContain(pseudonym);
    expect(csv).not.toContain(nhsNumber);
  });

  it('returns the key for printing once without --secret-out, and refuses to put it next to the extract', async () => {
    const out = join(dir, 'printed.csv');
    const { secret } = await runResearchExport(handle, operator(), { out });
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(await readFile(out, 'utf8')).not.toContain(secret ?? 'x');
    await expect(runResearchExport(handle, operator(), { out, secretOut: out })).rejects.toThrow(
      /must not be the extract/,
    );
    // An existing key file is never overwritten, and nothing is written when it exists.
    const taken = join(dir, 'taken.key');
    await writeFile(taken, 'keep me');
    const out2 = join(dir, 'never.csv');
    await expect(runResearchExport(handle, operator(), { out: out2, secretOut: taken })).rejects.toThrow(
      /EEXIST/,
    );
    expect(await readFile(taken, 'utf8')).toBe('keep me');
    await expect(stat(out2)).rejects.toThrow(/ENOENT/);
    // A bad filter fails before writing, and leaves no key file behind.
    const orphan = join(dir, 'orphan.key');
    await expect(
      runResearchExport(handle, operator(), {
        out: join(dir, 'bad.csv'),
        secretOut: orphan,
        from: '2025-12-01',
        to: '2025-01-01',
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(stat(orphan)).rejects.toThrow(/ENOENT/);
  });
});
