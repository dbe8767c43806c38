import { expect } from 'chai';
import { readClass } from '../../../src/sources/typeorm/class-text.ts';

const ENTITY = `import { Column, Entity } from 'typeorm';

export enum Role { A = 'a' }

@Entity({ name: 'users', comment: 'people; and } braces' })
@Index(['lastName'])
export class User extends Base<{ id: number }> implements Named {
  /** the key: not a member */
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', transformer: { to: (v: string) => v, from: (v: string) => { return v; } } })
  readonly lastName?: string | null = null;

  private static cache = new Map<string, number>();

  get label(): string {
    const inner: number = 1;
    return String(inner);
  }

  status:
    | 'open'
    | 'closed';

  @ManyToOne(() => Team) team!: Promise<Team>;

  method(a: string): void {}
}

class Other {
  id: string;
}
`;

describe('sources/typeorm/class-text: an entity class read from its text', () => {
  it('gives the line of @Entity above the class, past braces inside its options', () => {
    expect(readClass(ENTITY, 'User')!.line).to.equal(5);
    expect(readClass(ENTITY, 'Other')!.line).to.equal(31);
  });

  it('lists the properties with their lines and annotations, not methods, accessors, locals or initializers', () => {
    const props = readClass(ENTITY, 'User')!.properties;
    expect([...props.keys()]).to.deep.equal(['id', 'lastName', 'cache', 'status', 'team']);
    expect(props.get('id')).to.deep.equal({ name: 'id', line: 10, type: 'number' });
    expect(props.get('lastName')).to.deep.equal({ name: 'lastName', line: 13, type: 'string | null' });
    expect(props.get('cache')!.type).to.equal(undefined);
    expect(props.get('status')!.type!.replace(/\s+/g, ' ')).to.equal("| 'open' | 'closed'");
    expect(props.get('team')).to.deep.equal({ name: 'team', line: 26, type: 'Promise<Team>' });
  });

  it('is undefined for a class the file does not declare', () => {
    expect(readClass(ENTITY, 'Missing')).to.equal(undefined);
  });
});
