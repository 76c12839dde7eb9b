import type { BackupSupport } from '../dialect';

/**
 * MySQL and MariaDB: START TRANSACTION WITH CONSISTENT SNAPSHOT reads every InnoDB table as of its start. A
 * restore loads rows with foreign key checks off (mysqldump's way: the rows come from a consistent snapshot
 * and the keys are created with the tables), and with NO_AUTO_VALUE_ON_ZERO so that a stored id 0 stays 0.
 * InnoDB moves an AUTO_INCREMENT past every explicit value inserted, so no reset is needed.
 */
export const mysqlBackup: BackupSupport = Object.freeze<BackupSupport>({
  snapshot: ['set transaction isolation level repeatable read', 'start transaction with consistent snapshot, read only'],
  foreignKeysAfterRows: false,
  loadSession: [
    'set @tessera_sql_mode = @@session.sql_mode',
    "set session sql_mode = concat_ws(',', nullif(@@session.sql_mode, ''), 'NO_AUTO_VALUE_ON_ZERO')",
    'set foreign_key_checks = 0',
  ],
  endLoadSession: ['set foreign_key_checks = 1', 'set session sql_mode = @tessera_sql_mode'],
});
