// The JUEL subset's syntax tree. `depth` bounds evaluation recursion (checked by the parser).
export type Node =
  | { type: "literal"; value: string | number | boolean | null; depth: number; start: number }
  | { type: "identifier"; name: string; depth: number; start: number }
  | { type: "member"; object: Node; property: Node; depth: number; start: number } // a.b and a['b']
  | { type: "function"; name: string; args: Node[]; depth: number; start: number } // helper(x)
  | { type: "method"; object: Node; name: string; args: Node[]; depth: number; start: number } // a.b(x)
  | { type: "invoke"; callee: Node; args: Node[]; depth: number; start: number } // (anything)(x): always refused
  | { type: "unary"; operator: "-" | "!" | "empty"; argument: Node; depth: number; start: number }
  | { type: "binary"; operator: BinaryOperator; left: Node; right: Node; depth: number; start: number }
  | { type: "conditional"; test: Node; consequent: Node; alternate: Node; depth: number; start: number };

export type BinaryOperator = "==" | "!=" | "<" | ">" | "<=" | ">=" | "&&" | "||" | "+" | "-" | "*" | "/" | "%";

/** A composite template: literal text and ${...}/#{...} expressions in source order. */
export type TemplatePart = string | Node;
