import { expect } from 'chai';
import { relationOptions, typeOption } from '../../../src/sources/typeorm/hint.ts';

describe('sources/typeorm/hint: the database side said as TypeORM options', () => {
  it('writes a type with its length, precision and scale as @Column options', () => {
    expect(typeOption('varchar(255)')).to.equal("type: 'varchar', length: 255");
    expect(typeOption('numeric(10,2)')).to.equal("type: 'numeric', precision: 10, scale: 2");
    expect(typeOption('timestamp(3) with time zone')).to.equal("type: 'timestamp with time zone', precision: 3");
    expect(typeOption('text')).to.equal("type: 'text'");
  });

  it("writes a foreign key's actions as a relation's options, or nothing when it names none", () => {
    expect(relationOptions('public.users(id) ON DELETE CASCADE')).to.equal("onDelete: 'CASCADE'");
    expect(relationOptions('public.users(id) ON DELETE SET NULL ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED')).to.equal(
      "onDelete: 'SET NULL', onUpdate: 'CASCADE', deferrable: 'INITIALLY DEFERRED'",
    );
    expect(relationOptions('public.users(id)')).to.equal(undefined);
  });
});
