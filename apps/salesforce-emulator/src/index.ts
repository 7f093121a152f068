// Public entry of @sfx/salesforce-emulator: start an emulator and drive it through its control client.
export { startEmulator, type EmulatorOptions, type RunningEmulator } from './start-emulator.ts';
export { EmulatorControl, ControlError, type CreateOrgOptions } from './control/control-client.ts';
export type { OrgInfo, ConnectedAppInfo } from './control/control-views.ts';
export type { FaultAction, FaultRule, FaultSpec } from './control/faults.ts';
export type { RequestLogEntry } from './control/request-log.ts';
export type { ConnectedAppSpec, OrgSpec, UserSpec } from './model/emulator-state.ts';
export type { OrgSettings, RefreshTokenPolicy } from './model/org.ts';
export type { SaveResult, DmlError } from './model/errors.ts';
export type { SerializedState } from './model/state-serializer.ts';
export type { CustomObjectSpec } from './schema/custom-object-factory.ts';
export type { FieldSpec, FieldType } from './schema/field-factory.ts';
export type { DemoInfo, DemoOptions, SeedSpec } from './seed/seeding.ts';
export { DEMO_DEFAULTS } from './seed/seeding.ts';
