import { Column, CreateDateColumn, UpdateDateColumn } from 'typeorm';

/**
 * Timestamps. TypeORM's conventions: DATETIME(6) with CURRENT_TIMESTAMP(6) on MariaDB/MySQL (the
 * default and the column must have the same precision on MySQL 8), TEXT in UTC on SQLite. On MariaDB
 * the session and server time zone is +08:00 (China has no DST). The API sees JS Dates either way.
 */
export const CreatedAt = () => CreateDateColumn();
export const UpdatedAt = () => UpdateDateColumn();
export const NullableDateTime = () => Column({ type: 'datetime', precision: 6, nullable: true });
