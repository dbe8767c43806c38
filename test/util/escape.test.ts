// The escaping module, against a hostile corpus: what JavaScript (V8, and esbuild for TypeScript)
// reads back from each escaper is exactly the input, and nothing can end the literal or comment.
import { expect } from 'chai';
import { transformSync } from 'esbuild';
import { commentText, jsPropertyKey, jsString, knexText, markdownCell, markdownCode, sqlTemplate, templateBody } from '../../src/util/escape.ts';
import { sql } from '../../src/model-api/define.ts';
import { quoteIdent, quoteLiteral } from '../../src/ddl/names.ts';
import { HOSTILE_STRINGS } from '../helpers/hostile.ts';

/** Evaluate a JavaScript expression; `sql` is our tag. */
const evaluate = (expr: string): unknown => new Function('sql', `"use strict"; return (${expr});`)(sql);

/** The same through esbuild's TypeScript loader (what tsx runs), then evaluated. */
function viaEsbuild(expr: string): unknown {
  const out = transformSync(`export const v = ${expr};`, { loader: 'ts', format: 'cjs' }).code;
  const module = { exports: {} as { v?: unknown } };
  new Function('module', 'exports', 'sql', out)(module, module.exports, sql);
  return module.exports.v;
}

/**
 * A GFM table row split into cells and read back as CommonMark text: cells split at '|' not escaped
 * (scanning backslash pairs), '\|' unescaped, then backslash escapes of ASCII punctuation and numeric
 * character references decoded; a code span's content is taken verbatim.
 */
function readRow(row: string): string[] {
  const cells: string[] = [];
  let cur = '';
  for (let i = 1; i < row.length - 1; i++) {
    if (row[i] === '\\' && i + 1 < row.length - 1) {
      cur += row[i]! + row[i + 1]!;
      i++;
    } else if (row[i] === '|') {
      cells.push(cur);
      cur = '';
    } else cur += row[i];
  }
  cells.push(cur);
  return cells.map((c) => {
    const t = c.trim().replace(/\\\|/g, '|');
    const code = /^(`+) ?([\s\S]*?) ?\1$/.exec(t);
    if (code) return code[2]!;
    return t.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
  });
}

describe('util/escape', () => {
  for (const s of HOSTILE_STRINGS) {
    const name = JSON.stringify(s).slice(0, 60);
    it(`round-trips ${name} through every JavaScript escaper`, () => {
      expect(evaluate(jsString(s))).to.equal(s);
      expect(viaEsbuild(jsString(s))).to.equal(s);
      const tagged = evaluate(sqlTemplate(s)) as { sql: string };
      expect(tagged.sql).to.equal(s);
      expect((viaEsbuild(sqlTemplate(s)) as { sql: string }).sql).to.equal(s);
      expect(evaluate('`' + templateBody(s) + '`')).to.equal(s);
      const key = jsPropertyKey(s);
      expect(Object.keys(evaluate(`{ ${key}: 1 }`) as object)).to.deep.equal([s]);
    });

    it(`keeps ${name} inside a line or block comment`, () => {
      expect(evaluate(`(() => { // ${commentText(s)}\n return 1; })()`)).to.equal(1);
      expect(evaluate(`/* ${commentText(s)} */ 1`)).to.equal(1);
      expect(commentText(s)).to.not.match(/[\n\r\u2028\u2029]|\*\//);
    });

    it(`keeps ${name} in one Markdown table cell`, () => {
      const row = `| ${markdownCell(s)} | ${markdownCode(s || 'x')} | z |`;
      expect(row.split('\n')).to.have.length(1);
      const cells = readRow(row);
      expect(cells).to.have.length(3);
      if (!/[\ud800-\udfff\u0000]/.test(s)) expect(cells[0]).to.equal(s);
      if (!/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]/.test(s)) expect(cells[1]).to.equal(s || 'x');
    });
  }

  it('the exploit of issue 10 is plain text inside sql``', () => {
    const d = `'\\\`),x:process.getBuiltinModule("fs").writeFileSync("pwned.txt","q"),//'::text`;
    expect((evaluate(sqlTemplate(d)) as { sql: string }).sql).to.equal(d);
  });

  it("escapes every '?' for Knex", () => {
    expect(knexText("a ? 'b?'")).to.equal("a \\? 'b\\?'");
  });

  it('quotes SQL names and literals exactly, and refuses NUL', () => {
    expect(quoteIdent('a"b')).to.equal('"a""b"');
    expect(quoteLiteral("it's")).to.equal("'it''s'");
    expect(quoteLiteral('a\\b')).to.equal("E'a\\\\b'");
    expect(() => quoteIdent('a\u0000b')).to.throw(/NUL/);
    expect(() => quoteLiteral('a\u0000b')).to.throw(/NUL/);
  });
});
