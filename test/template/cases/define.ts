/**
 * Shape of a corpus source case, and a compact way to write many of them.
 * Cases are data: `emit.ts` collects every group, checks that JSON carries the
 * variables faithfully, and prints the array that `oracle.py` renders.
 */
export interface SourceCase {
  id: string;
  tags: string[];
  template: string;
  vars: Record<string, unknown>;
}

/** `[id, template, vars?]` */
export type CaseRow = [id: string, template: string, vars?: Record<string, unknown>];

/** A group of cases sharing tags; ids are prefixed with the first tag. */
export function group(tags: string[], rows: CaseRow[]): SourceCase[] {
  return rows.map(([id, template, vars]) => ({ id: `${tags[0]}/${id}`, tags, template, vars: vars ?? {} }));
}
