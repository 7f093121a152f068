// The contract between the generic component operations (component-ops.ts) and each metadata type.
import type { Component, FlowVersion } from './component-store.ts';
import type { Workspace } from './workspace.ts';
import type { MdRecord } from './xml-codec.ts';

/** One error of a SaveResult/DeleteResult (statusCode) and of a DeployMessage (problem). */
export interface Problem {
  statusCode: string;
  message: string;
  fields?: string[];
}

export type SaveOutcome =
  | { ok: true; record: MdRecord; versions?: FlowVersion[]; id?: string }
  | { ok: false; problems: Problem[] };

export type RemoveOutcome = { ok: true } | { ok: false; problems: Problem[] };

export interface TypeHandler {
  /** Validates and applies a component (creating or replacing `existing`); returns the record to keep. */
  save(ws: Workspace, fullName: string, record: MdRecord, existing: Component | undefined): SaveOutcome;
  /** Removes a component that exists (checked by the caller). */
  remove(ws: Workspace, fullName: string, existing: Component | undefined): RemoveOutcome;
  /** For types that also exist without a stored component (standard objects and fields). */
  implicit?(ws: Workspace, fullName: string): MdRecord | undefined;
  /** The canonical spelling of an implicit component's name. */
  canonical?(ws: Workspace, fullName: string): string | undefined;
}

export const problem = (statusCode: string, message: string, fields?: string[]): Problem => ({
  statusCode,
  message,
  ...(fields ? { fields } : {}),
});
export const fail = (statusCode: string, message: string, fields?: string[]): { ok: false; problems: Problem[] } => ({
  ok: false,
  problems: [problem(statusCode, message, fields)],
});

/** Salesforce's "In field: X - no TYPE named NAME found" cross-reference error. */
export const noSuch = (field: string, type: string, name: string): { ok: false; problems: Problem[] } =>
  fail('INVALID_CROSS_REFERENCE_KEY', `In field: ${field} - no ${type} named ${name} found`, [field]);
