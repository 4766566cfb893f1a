// Types shared by the JUEL and FEEL halves of the expression module.
export interface ExpressionScope {
  has(name: string): boolean; // is a variable visible in this scope
  get(name: string): unknown; // its (plain JS) value
}

export type ExpressionHelpers = Record<string, (...args: unknown[]) => unknown>;

export interface CompiledExpression {
  readonly source: string;
  readonly isLiteral: boolean; // no ${}/#{} and not FEEL: a plain string
  evaluate(scope: ExpressionScope, helpers?: ExpressionHelpers): unknown;
}
