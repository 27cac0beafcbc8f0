// The two nunjucks modules the parser builds on, imported by path so that a render never
// loads nunjucks' environment, compiler, loaders and filters (half of its import time).
declare module 'nunjucks/src/lexer.js' {
  const lexer: unknown;
  export default lexer;
}
declare module 'nunjucks/src/parser.js' {
  const parser: unknown;
  export default parser;
}
