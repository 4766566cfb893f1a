// The two ways an expression fails: at compile (deploy) time, or while evaluating over variables.

export class ExpressionSyntaxError extends Error {
  readonly position?: number; // 0-based offset in the expression source
  constructor(message: string, position?: number) {
    super(message);
    this.name = "ExpressionSyntaxError";
    this.position = position;
  }
}

export class ExpressionEvaluationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ExpressionEvaluationError";
  }
}
