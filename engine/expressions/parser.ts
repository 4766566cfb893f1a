// Recursive-descent parser for the JUEL subset, and the template splitter that finds ${...} / #{...}
// in a string. Nesting is bounded so that hostile input cannot exhaust the stack.
import type { BinaryOperator, Node, TemplatePart } from "./ast";
import { ExpressionSyntaxError } from "./errors";
import { Lexer, type Token } from "./lexer";

export const MAX_SOURCE_LENGTH = 10_000;
export const MAX_NESTING = 40; // parentheses, ternaries and unary operators inside one another
export const MAX_TREE_DEPTH = 120; // also bounds long operator chains such as 1+1+1+…

const KEYWORDS = new Set([
  "true", "false", "null", "empty", "not", "and", "or", "eq", "ne", "lt", "gt", "le", "ge", "div", "mod", "instanceof",
]);
const WORD_OPERATORS: Record<string, BinaryOperator> = {
  eq: "==", ne: "!=", lt: "<", gt: ">", le: "<=", ge: ">=", and: "&&", or: "||", div: "/", mod: "%",
};

type WithoutDepth<T> = T extends unknown ? Omit<T, "depth"> : never;

class Parser {
  private nesting = 0;

  constructor(private readonly lexer: Lexer) {}

  parseExpressionUntilBrace(): Node {
    const first = this.lexer.peek();
    if (first.kind === "punct" && first.text === "}") this.lexer.fail("empty expression", first.start);
    const node = this.parseConditional();
    const closing = this.lexer.next();
    if (closing.kind === "end") this.lexer.fail("missing '}' at the end of the expression", closing.start);
    if (!(closing.kind === "punct" && closing.text === "}")) this.unexpected(closing);
    return node;
  }

  private node(fields: WithoutDepth<Node>, ...children: Node[]): Node {
    const depth = 1 + Math.max(0, ...children.map((c) => c.depth));
    if (depth > MAX_TREE_DEPTH) this.lexer.fail(`expression is nested too deeply (more than ${MAX_TREE_DEPTH} levels)`, fields.start);
    return { ...fields, depth } as Node;
  }

  private enter(start: number): void {
    if (++this.nesting > MAX_NESTING) this.lexer.fail(`expression is nested too deeply (more than ${MAX_NESTING} levels)`, start);
  }

  private unexpected(token: Token): never {
    if (token.kind === "end") this.lexer.fail("unexpected end of expression", token.start);
    const shown = token.kind === "string" ? `'${token.text}'` : token.text;
    this.lexer.fail(`unexpected ${token.kind === "punct" ? "" : `${token.kind} `}${shown}`, token.start);
  }

  private isPunct(text: string): boolean {
    const token = this.lexer.peek();
    return token.kind === "punct" && token.text === text;
  }

  private expectPunct(text: string): Token {
    const token = this.lexer.next();
    if (token.kind !== "punct" || token.text !== text) {
      if (token.kind === "end") this.lexer.fail(`expected '${text}' but the expression ended`, token.start);
      this.lexer.fail(`expected '${text}' but found '${token.text}'`, token.start);
    }
    return token;
  }

  /** A binary operator at the cursor if it belongs to the given set (symbol or word form). */
  private binaryOperator(allowed: BinaryOperator[]): BinaryOperator | null {
    const token = this.lexer.peek();
    let operator: BinaryOperator | undefined;
    if (token.kind === "punct") operator = token.text as BinaryOperator;
    else if (token.kind === "identifier") operator = WORD_OPERATORS[token.text];
    return operator && allowed.includes(operator) ? operator : null;
  }

  private parseConditional(): Node {
    const start = this.lexer.peek().start;
    this.enter(start);
    const test = this.parseBinary(0);
    let result = test;
    if (this.isPunct("?")) {
      this.lexer.next();
      const consequent = this.parseConditional();
      this.expectPunct(":");
      const alternate = this.parseConditional();
      result = this.node({ type: "conditional", test, consequent, alternate, start }, test, consequent, alternate);
    }
    this.nesting--;
    return result;
  }

  private static readonly LEVELS: BinaryOperator[][] = [
    ["||"],
    ["&&"],
    ["==", "!="],
    ["<", ">", "<=", ">="],
    ["+", "-"],
    ["*", "/", "%"],
  ];

  private parseBinary(level: number): Node {
    if (level >= Parser.LEVELS.length) return this.parseUnary();
    let left = this.parseBinary(level + 1);
    for (;;) {
      const operator = this.binaryOperator(Parser.LEVELS[level]);
      if (!operator) return left;
      const token = this.lexer.next();
      const right = this.parseBinary(level + 1);
      left = this.node({ type: "binary", operator, left, right, start: token.start }, left, right);
    }
  }

  private parseUnary(): Node {
    const token = this.lexer.peek();
    let operator: "-" | "!" | "empty" | null = null;
    if (token.kind === "punct" && (token.text === "-" || token.text === "!")) operator = token.text;
    else if (token.kind === "identifier" && token.text === "not") operator = "!";
    else if (token.kind === "identifier" && token.text === "empty") operator = "empty";
    if (!operator) return this.parsePostfix();
    this.lexer.next();
    this.enter(token.start);
    const argument = this.parseUnary();
    this.nesting--;
    return this.node({ type: "unary", operator, argument, start: token.start }, argument);
  }

  private parseArguments(): Node[] {
    this.expectPunct("(");
    const args: Node[] = [];
    if (this.isPunct(")")) {
      this.lexer.next();
      return args;
    }
    for (;;) {
      args.push(this.parseConditional());
      if (this.isPunct(",")) {
        this.lexer.next();
        continue;
      }
      this.expectPunct(")");
      return args;
    }
  }

  private parsePostfix(): Node {
    let node = this.parsePrimary();
    for (;;) {
      if (this.isPunct(".")) {
        this.lexer.next();
        const name = this.lexer.next();
        if (name.kind !== "identifier") this.lexer.fail("expected a property or method name after '.'", name.start);
        if (this.isPunct("(")) {
          const args = this.parseArguments();
          node = this.node({ type: "method", object: node, name: name.text, args, start: name.start }, node, ...args);
        } else {
          const property = this.node({ type: "literal", value: name.text, start: name.start });
          node = this.node({ type: "member", object: node, property, start: name.start }, node);
        }
      } else if (this.isPunct("[")) {
        const open = this.lexer.next();
        const property = this.parseConditional();
        this.expectPunct("]");
        node = this.node({ type: "member", object: node, property, start: open.start }, node, property);
      } else if (this.isPunct("(")) {
        const start = this.lexer.peek().start;
        const args = this.parseArguments();
        node = this.node({ type: "invoke", callee: node, args, start }, node, ...args);
      } else {
        return node;
      }
    }
  }

  private parsePrimary(): Node {
    const token = this.lexer.next();
    switch (token.kind) {
      case "number":
      case "string":
        return this.node({ type: "literal", value: token.value!, start: token.start });
      case "identifier": {
        if (token.text === "true" || token.text === "false") return this.node({ type: "literal", value: token.text === "true", start: token.start });
        if (token.text === "null") return this.node({ type: "literal", value: null, start: token.start });
        if (token.text === "instanceof") this.lexer.fail("'instanceof' is not supported", token.start);
        if (KEYWORDS.has(token.text)) this.lexer.fail(`unexpected keyword '${token.text}'`, token.start);
        if (this.isPunct("(")) {
          const args = this.parseArguments();
          return this.node({ type: "function", name: token.text, args, start: token.start }, ...args);
        }
        return this.node({ type: "identifier", name: token.text, start: token.start });
      }
      case "punct":
        if (token.text === "(") {
          const inner = this.parseConditional();
          this.expectPunct(")");
          return inner;
        }
        return this.unexpected(token);
      default:
        return this.unexpected(token);
    }
  }
}

/** Splits a Camunda-style template into literal text and parsed ${...} / #{...} expressions. */
export function parseTemplate(source: string): TemplatePart[] {
  if (source.length > MAX_SOURCE_LENGTH) {
    throw new ExpressionSyntaxError(`Expression is too long (${source.length} characters, at most ${MAX_SOURCE_LENGTH})`, MAX_SOURCE_LENGTH);
  }
  const describe = () => (source.length > 120 ? `${source.slice(0, 117)}...` : source);
  const parts: TemplatePart[] = [];
  let text = "";
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    const opensExpression = (ch === "$" || ch === "#") && source[i + 1] === "{";
    // EL escape: \${ and \#{ stand for the literal characters.
    if (ch === "\\" && (source[i + 1] === "$" || source[i + 1] === "#") && source[i + 2] === "{") {
      text += source.slice(i + 1, i + 3);
      i += 3;
      continue;
    }
    if (!opensExpression) {
      text += ch;
      i++;
      continue;
    }
    if (text) parts.push(text);
    text = "";
    const lexer = new Lexer(source, i + 2, describe);
    parts.push(new Parser(lexer).parseExpressionUntilBrace());
    i = lexer.offset;
  }
  if (text) parts.push(text);
  return parts;
}
