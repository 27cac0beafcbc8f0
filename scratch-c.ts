import { parseTemplate } from './src/template/parser/index.js';
import { compileAst } from './src/template/compiler/index.js';
const src = '{{ a }}'.repeat(100 * 1024 / 7);
for (let r = 0; r < 4; r++) {
  let t0 = performance.now(); const ast = parseTemplate(src); const t1 = performance.now() - t0;
  t0 = performance.now(); compileAst(ast, src); const t2 = performance.now() - t0;
  console.log(t1.toFixed(0), t2.toFixed(0));
}
