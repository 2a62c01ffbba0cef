// Lists functions longer than N lines (first to last line) in the given folders, longest first, and
// whether a comment right above says why (issue 11 part 8). Usage:
//   node scripts/long-functions.mjs 60 extractors pipeline reports review cli
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
const [limit = '60', ...dirs] = process.argv.slice(2);
const files = [];
const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else if (/\.(ts|mts)$/.test(e.name) && !e.name.endsWith('.d.ts')) files.push(p); } };
dirs.forEach(walk);
const out = [];
for (const f of files) {
  const sf = ts.createSourceFile(f, fs.readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (n) => {
    if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isConstructorDeclaration(n)) && n.body) {
      const a = sf.getLineAndCharacterOfPosition(n.getStart()).line, b = sf.getLineAndCharacterOfPosition(n.end).line;
      const len = b - a + 1;
      if (len > +limit) {
        const name = n.name?.getText?.() ?? (ts.isVariableDeclaration(n.parent) ? n.parent.name.getText() : ts.isPropertyAssignment(n.parent) ? n.parent.name.getText() : ts.isCallExpression(n.parent) ? `(callback of ${n.parent.expression.getText().slice(0, 40)})` : '(anonymous)');
        // a comment right above saying why?
        const full = sf.getFullText();
        const stmt = ts.isVariableDeclaration(n.parent) ? n.parent.parent.parent : n;
        const lead = (ts.getLeadingCommentRanges(full, stmt.pos) ?? []).map((r) => full.slice(r.pos, r.end)).join(' ');
        out.push({ len, where: `${f}:${a + 1}`, name, why: /long|stays|why/i.test(lead) ? 'commented' : '' });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
}
out.sort((x, y) => y.len - x.len);
for (const o of out) console.log(`${String(o.len).padStart(4)}  ${o.name.padEnd(40)} ${o.where} ${o.why}`);
console.log(`${out.length} functions over ${limit} lines`);
