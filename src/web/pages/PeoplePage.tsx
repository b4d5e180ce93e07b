import { PersonSearchSchema } from '../../server/people/person.schema.js';
import { api } from '../api/endpoints.js';
import { Failed, formatDate, Loading, Page } from '../app/page.js';
import { href, PATHS } from '../app/paths.js';
import { can } from '../app/permissions.js';
import { Link, navigate, usePlace } from '../app/router.js';
import { useAppData } from '../app/session.js';
import { useAsync } from '../app/use-async.js';
import { ErrorSummary, TextField } from '../forms/fields.js';
import { useForm } from '../forms/use-form.js';
import { checkBody } from '../forms/validate.js';

const LABELS = {
  name: 'Name',
  nhsNumber: 'NHS number',
  chiNumber: 'CHI number',
  dateOfBirth: 'Date of birth',
} as const;

type Search = { name?: string; nhsNumber?: string; chiNumber?: string; dateOfBirth?: string };

/** The search in the URL (so results survive back and reload). */
function searchOf(params: URLSearchParams): Search {
  const out: Search = {};
  for (const key of ['name', 'nhsNumber', 'chiNumber', 'dateOfBirth'] as const) {
    const v = params.get(key);
    if (v !== null && v !== '') out[key] = v;
  }
  return out;
}

export function PeoplePage() {
  const { user, schemes } = useAppData();
  const place = usePlace();
  // People in Scottish schemes are identified by CHI number, in English ones by NHS number.
  const idField =
    schemes.length > 0 && schemes.every((s) => s.nation === 'scotland') ? 'chiNumber' : 'nhsNumber';
  const search = searchOf(place.search);
  const searching = Object.keys(search).length > 0;
  const form = useForm(
    {
      name: search.name ?? '',
      number: search.nhsNumber ?? search.chiNumber ?? '',
      dateOfBirth: search.dateOfBirth ?? '',
    },
    LABELS,
  );
  const { values, set, errors } = form;
  const key = JSON.stringify(search);
  const results = useAsync(() => (searching ? api.people(search) : Promise.resolve(null)), key);

  return (
    <Page title="People">
      {can(user, 'person', 'create') ? (
        <p>
          <Link className="button button--secondary" to={PATHS.personNew}>
            Add a person
          </Link>
        </p>
      ) : null}
      <ErrorSummary {...form.summary} />
      <form
        className="form search-form"
        role="search"
        aria-label="Find a person"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const digits = values.number.replace(/\s+/g, '');
          const wanted: Search = {};
          if (values.name.trim() !== '') wanted.name = values.name.trim();
          if (digits !== '') wanted[idField] = digits;
          if (values.dateOfBirth !== '') wanted.dateOfBirth = values.dateOfBirth;
          void form.submit(
            () => checkBody(PersonSearchSchema, wanted),
            () => Promise.resolve(wanted),
            (w) => {
              navigate(href(PATHS.people, {}, w as Record<string, string>));
            },
          );
        }}
      >
        <h2 className="form__title">Find a person</h2>
        <div className="field-row">
          <TextField
            name="name"
            label={LABELS.name}
            value={values.name}
            onChange={set('name')}
            error={errors['name']}
            width="medium"
          />
          <TextField
            name={idField}
            label={LABELS[idField]}
            hint="10 digits"
            value={values.number}
            onChange={set('number')}
            error={errors[idField]}
            inputMode="numeric"
            width="short"
          />
          <TextField
            name="dateOfBirth"
            label={LABELS.dateOfBirth}
            type="date"
            value={values.dateOfBirth}
            onChange={set('dateOfBirth')}
            error={errors['dateOfBirth']}
            width="short"
          />
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {!searching ? (
        <p>Search by name, {LABELS[idField]} or date of birth. You see only people you work with.</p>
      ) : null}
      {searching && results.kind === 'loading' ? <Loading what="people" /> : null}
      {results.kind === 'failed' ? <Failed error={results.error} what="people" /> : null}
      {results.kind === 'ready' && results.value !== null ? (
        results.value.items.length === 0 ? (
          <p role="status">Nobody you may see matches that search.</p>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby="people-caption" tabIndex={0}>
            <table className="table">
              <caption id="people-caption">
                {results.value.total} {results.value.total === 1 ? 'person' : 'people'} found
                {results.value.total > results.value.items.length
                  ? ` (first ${results.value.items.length} shown)`
                  : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Date of birth</th>
                  <th scope="col">NHS or CHI number</th>
                  <th scope="col">Postcode</th>
                </tr>
              </thead>
              <tbody>
                {results.value.items.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link to={href(PATHS.person, { personId: p.id })}>
                        {p.givenName} {p.familyName}
                      </Link>
                    </th>
                    <td>{formatDate(p.dateOfBirth)}</td>
                    <td>{p.nhsNumber ?? p.chiNumber ?? 'Not recorded'}</td>
                    <td>{p.postcode ?? 'Not recorded'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
    </Page>
  );
}
