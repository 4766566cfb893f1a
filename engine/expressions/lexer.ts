// Tokenizer for the JUEL subset. It reads from a start offset inside the whole source so that
// positions in error messages point into the text the modeler typed.
import { ExpressionSyntaxError } from "./errors";

export type TokenKind = "number" | "string" | "identifier" | "punct" | "end";

export interface Token {
  kind: TokenKind;
  text: string; // punctuation or identifier text; decoded value for strings
  value?: number | string;
  start: number;
}

const PUNCT2 = ["==", "!=", "<=", ">=", "&&", "||"];
const PUNCT1 = [".", "[", "]", "(", ")", ",", "?", ":", "!", "<", ">", "+", "-", "*", "/", "%", "}"];
const IDENTIFIER = /[\p{L}_$][\p{L}\p{N}_$]*/uy;
const NUMBER = /\d+(\.\d+)?([eE][+-]?\d+)?/y;

export class Lexer {
  private pos: number;
  private peeked: Token | null = null;

  constructor(
    private readonly source: string,
    start: number,
    private readonly describe: () => string,
  ) {
    this.pos = start;
  }

  peek(): Token {
    if (!this.peeked) this.peeked = this.read();
    return this.peeked;
  }

  next(): Token {
    const token = this.peek();
    this.peeked = null;
    return token;
  }

  /** Offset just after the last token taken with next(). */
  get offset(): number {
    return this.peeked ? this.peeked.start : this.pos;
  }

  fail(message: string, position: number): never {
    throw new ExpressionSyntaxError(`Syntax error in expression '${this.describe()}' at position ${position}: ${message}`, position);
  }

  private read(): Token {
    const src = this.source;
    while (this.pos < src.length && /\s/.test(src[this.pos])) this.pos++;
    const start = this.pos;
    if (start >= src.length) return { kind: "end", text: "", start };
    const ch = src[start];

    if (ch === "'" || ch === '"') return this.readString(ch, start);

    NUMBER.lastIndex = start;
    const number = NUMBER.exec(src);
    if (number) {
      this.pos = NUMBER.lastIndex;
      return { kind: "number", text: number[0], value: Number(number[0]), start };
    }

    IDENTIFIER.lastIndex = start;
    const identifier = IDENTIFIER.exec(src);
    if (identifier) {
      this.pos = IDENTIFIER.lastIndex;
      return { kind: "identifier", text: identifier[0], start };
    }

    const two = src.slice(start, start + 2);
    if (PUNCT2.includes(two)) {
      this.pos += 2;
      return { kind: "punct", text: two, start };
    }
    if (PUNCT1.includes(ch)) {
      this.pos += 1;
      return { kind: "punct", text: ch, start };
    }
    if (ch === "=") this.fail("'=' is not an operator here; use '==' or 'eq' to compare", start);
    if (ch === "&" || ch === "|") this.fail(`'${ch}' is not an operator; use '${ch}${ch}'`, start);
    this.fail(`unexpected character '${ch}'`, start);
  }

  private readString(quote: string, start: number): Token {
    const src = this.source;
    let value = "";
    let i = start + 1;
    while (i < src.length) {
      const ch = src[i];
      if (ch === quote) {
        this.pos = i + 1;
        return { kind: "string", text: value, value, start };
      }
      // EL escapes only \' \" and \\; any other backslash stays as written.
      if (ch === "\\" && (src[i + 1] === "'" || src[i + 1] === '"' || src[i + 1] === "\\")) {
        value += src[i + 1];
        i += 2;
        continue;
      }
      value += ch;
      i++;
    }
    this.fail("unterminated string literal", start);
  }
}
