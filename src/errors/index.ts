export { TesseraError } from './tessera-error';
export { MetadataError } from './metadata-error';
export { QueryError } from './query-error';
export {
  DriverError,
  ConnectionError,
  CommitOutcomeUnknownError,
  CircuitOpenError,
  DeadlockError,
  SerializationFailureError,
  LockWaitTimeoutError,
  QueryTimeoutError,
  ConstraintViolationError,
  UniqueConstraintViolationError,
  ForeignKeyConstraintViolationError,
  NotNullConstraintViolationError,
  CheckConstraintViolationError,
} from './driver-error';
export type { DriverErrorDetails } from './driver-error';
export { OptimisticLockError } from './optimistic-lock-error';
export { NotFoundError } from './not-found-error';
export { ValidationError } from './validation-error';
export type { ConstraintFailure } from './validation-error';
export { UsageError } from './usage-error';
export { HealthCheckFailedError } from './health-check-failed-error';
export type { HealthIndicatorDown } from './health-check-failed-error';
export { CommandLineError } from './command-line-error';
export { CodegenError } from './codegen-error';
export { CommitOrderError } from './commit-order-error';
export { MigrationError } from './migration-error';
export type { MigrationDirection } from './migration-error';
export { SchemaError } from './schema-error';
export { DestructiveChangeError } from './destructive-change-error';
export type { RefusedChange } from './destructive-change-error';
export { BackupError } from './backup-error';
