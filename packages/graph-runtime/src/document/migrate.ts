import { ownField, type JsonObject } from './json';
import { CURRENT_FORMAT_VERSION, type DocumentIssue } from './types';

/**
 * One step of the format's history: turns a document of version `from` into version `from + 1`.
 * Steps work on raw JSON (before validation), so they can rename, move or split fields freely;
 * the result is validated as a current-version document afterwards.
 * @public
 */
export interface DocumentMigration {
  readonly from: number;
  /** What changed, shown in the warning a migrated file gets. */
  readonly description: string;
  /**
   * Whether the step only bumps the version and leaves every field where it was (it adds
   * optional fields): issues in such a file keep their line and column, and loading it
   * is not worth a warning.
   */
  readonly sameShape?: boolean;
  /** Returns the migrated document; must not mutate its argument. */
  migrate(document: JsonObject): JsonObject;
}

/**
 * Every migration step this build knows, oldest first. Version 2 adds optional fields only
 * (`definitions`, `datasets`, `training`, an edge's `sourcePort`), so a version 1 file is a
 * version 2 file as it is: the step changes the version number and nothing else.
 * @public
 */
export const DOCUMENT_MIGRATIONS: readonly DocumentMigration[] = [
  {
    from: 1,
    description: 'version 2 adds composite definitions, datasets and edge source ports',
    sameShape: true,
    migrate: (document) => ({ ...document, version: 2 }),
  },
];

/** Options for {@link migrateDocument}; tests pass their own history. @public */
export interface MigrateOptions {
  readonly migrations?: readonly DocumentMigration[];
  /** The version to migrate to (default {@link CURRENT_FORMAT_VERSION}). */
  readonly targetVersion?: number;
}

/** What {@link migrateDocument} returns. @public */
export type MigrateResult =
  | {
      readonly ok: true;
      readonly document: JsonObject;
      readonly fromVersion: number;
      /** The steps applied, oldest first (empty when the file was already current). */
      readonly applied: readonly DocumentMigration[];
    }
  | { readonly ok: false; readonly issue: DocumentIssue };

/**
 * Brings a raw document (already known to be an object) to the target version, one step at a time.
 * Refuses a file newer than this build with a message naming both versions, so nothing is
 * silently dropped by an older app.
 * @example
 * const migrated = migrateDocument(raw);
 * if (!migrated.ok) console.error(migrated.issue.message);
 * @public
 */
export const migrateDocument = (raw: JsonObject, options: MigrateOptions = {}): MigrateResult => {
  const migrations = options.migrations ?? DOCUMENT_MIGRATIONS;
  const target = options.targetVersion ?? CURRENT_FORMAT_VERSION;
  const version = ownField(raw, 'version');
  if (version === undefined) {
    return {
      ok: false,
      issue: {
        code: 'missing-field',
        path: 'version',
        message: `"version" is missing; add "version": ${target}`,
      },
    };
  }
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return {
      ok: false,
      issue: {
        code: 'wrong-type',
        path: 'version',
        message: `"version" must be a whole number such as ${target}, got ${JSON.stringify(version)}`,
      },
    };
  }
  if (version > target) {
    return {
      ok: false,
      issue: {
        code: 'future-version',
        path: 'version',
        message: `this file is format version ${version}, but this build of Chainrule reads versions up to ${target}; update Chainrule to open it`,
      },
    };
  }
  if (version < 1) {
    return {
      ok: false,
      issue: {
        code: 'unknown-version',
        path: 'version',
        message: `format version ${version} does not exist; versions start at 1`,
      },
    };
  }
  let document = raw;
  const applied: DocumentMigration[] = [];
  for (let current = version; current < target; current++) {
    const step = migrations.find((candidate) => candidate.from === current);
    if (step === undefined) {
      return {
        ok: false,
        issue: {
          code: 'no-migration',
          path: 'version',
          message: `this build cannot upgrade format version ${current} to ${current + 1}`,
        },
      };
    }
    document = step.migrate(document);
    // Each step owns its version bump; checking it keeps a buggy step from looping or skipping.
    if (ownField(document, 'version') !== current + 1) {
      return {
        ok: false,
        issue: {
          code: 'no-migration',
          path: 'version',
          message: `upgrading format version ${current} did not produce version ${current + 1}`,
        },
      };
    }
    applied.push(step);
  }
  return { ok: true, document, fromVersion: version, applied };
};
