import { expect } from 'chai';
import { serializeType } from '../../../src/sources/typeorm/design-type.ts';

// What TypeScript's emitDecoratorMetadata writes for each annotation (its typeSerializer), the
// values TypeORM turns into column types: String -> varchar, Number -> integer, Date -> timestamp.
describe('sources/typeorm/design-type: annotations serialized as TypeScript does', () => {
  const cases: Array<[string, boolean, string]> = [
    ['string', true, 'String'],
    ['number', true, 'Number'],
    ['boolean', true, 'Boolean'],
    ['bigint', true, 'BigInt'],
    ['Date', true, 'Date'],
    ["'a' | 'b'", true, 'String'],
    ['1 | 2', true, 'Number'],
    ['true', true, 'Boolean'],
    ['(string)', true, 'String'],
    ['string[]', true, 'Array'],
    ['Array<string>', true, 'Array'],
    ['[number, number]', true, 'Array'],
    ['Promise<User>', true, 'Promise'],
    ['() => void', true, 'Function'],
    ['{ a: number }', true, 'Object'],
    ['any', true, 'Object'],
    ['unknown', true, 'Object'],
    ['string | number', true, 'Object'],
    // null and undefined are dropped from a union only without strictNullChecks
    ['string | null', false, 'String'],
    ['string | null', true, 'Object'],
    ['boolean | undefined', false, 'Boolean'],
    ['Date | null', true, 'Object'],
    ['string | never', true, 'String'],
    ["\n    | 'open'\n    | 'closed'", true, 'String'],
    ['UserRole', true, 'UserRole'],
    ['Express.Multer.File', true, 'Express.Multer.File'],
  ];
  for (const [annotation, strict, expected] of cases) {
    it(`${JSON.stringify(annotation)}${strict ? ' (strict)' : ''} -> ${expected}`, () => {
      expect(serializeType(annotation, strict)).to.equal(expected);
    });
  }
});
