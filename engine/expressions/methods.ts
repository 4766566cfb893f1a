// The methods an expression may call: a fixed whitelist of Java String, List and Map methods,
// implemented here (nothing is looked up by name on a JavaScript object).
import { describeValue, isEmpty, isPlainObject, javaEquals, toNumber, toText } from "./coercion";
import { ExpressionEvaluationError } from "./errors";
import { assertAllowedName, readProperty } from "./sandbox";

type Method<T> = { arity: [number, number]; call: (target: T, args: unknown[], where: string) => unknown };

const MAX_REGEX_LENGTH = 200;
const MAX_MATCH_INPUT = 2_000;
// A quantified group that itself holds a quantifier, e.g. (a+)+ : the classic catastrophic backtracking.
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]/;
const regexCache = new Map<string, RegExp>();

function javaIndex(value: unknown, where: string): number {
  const n = toNumber(value, where);
  if (!Number.isInteger(n)) throw new ExpressionEvaluationError(`Expected a whole number, got ${describeValue(value)} in expression ${where}`);
  return n;
}

function compileMatchesRegex(pattern: string, where: string): RegExp {
  const cached = regexCache.get(pattern);
  if (cached) return cached;
  if (pattern.length > MAX_REGEX_LENGTH) {
    throw new ExpressionEvaluationError(`Regular expression longer than ${MAX_REGEX_LENGTH} characters in expression ${where}`);
  }
  if (NESTED_QUANTIFIER.test(pattern)) {
    throw new ExpressionEvaluationError(`Regular expression with nested quantifiers is refused (slow to match) in expression ${where}`);
  }
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${pattern})$`); // Java's matches() must match the whole string
  } catch (err) {
    throw new ExpressionEvaluationError(`Invalid regular expression '${pattern}' in expression ${where}: ${(err as Error).message}`);
  }
  if (regexCache.size > 500) regexCache.clear();
  regexCache.set(pattern, regex);
  return regex;
}

// Java's String.trim() removes code points up to U+0020, not Unicode spaces.
function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return s.slice(start, end);
}

const STRING_METHODS: Record<string, Method<string>> = {
  length: { arity: [0, 0], call: (s) => s.length },
  isEmpty: { arity: [0, 0], call: (s) => s.length === 0 },
  contains: { arity: [1, 1], call: (s, [x]) => s.includes(toText(x)) },
  startsWith: { arity: [1, 2], call: (s, [x, from], w) => s.startsWith(toText(x), from === undefined ? 0 : javaIndex(from, w)) },
  endsWith: { arity: [1, 1], call: (s, [x]) => s.endsWith(toText(x)) },
  equals: { arity: [1, 1], call: (s, [x]) => typeof x === "string" && s === x },
  equalsIgnoreCase: { arity: [1, 1], call: (s, [x]) => typeof x === "string" && s.toLowerCase() === x.toLowerCase() },
  toUpperCase: { arity: [0, 0], call: (s) => s.toUpperCase() },
  toLowerCase: { arity: [0, 0], call: (s) => s.toLowerCase() },
  trim: { arity: [0, 0], call: (s) => javaTrim(s) },
  indexOf: { arity: [1, 2], call: (s, [x, from], w) => s.indexOf(toText(x), from === undefined ? 0 : javaIndex(from, w)) },
  substring: {
    arity: [1, 2],
    call: (s, [begin, end], w) => {
      const b = javaIndex(begin, w);
      const e = end === undefined ? s.length : javaIndex(end, w);
      if (b < 0 || e > s.length || b > e) {
        throw new ExpressionEvaluationError(`substring(${b}, ${e}) is out of range for a string of length ${s.length} in expression ${w}`);
      }
      return s.substring(b, e);
    },
  },
  matches: {
    arity: [1, 1],
    call: (s, [pattern], w) => {
      if (s.length > MAX_MATCH_INPUT) throw new ExpressionEvaluationError(`matches() on a string longer than ${MAX_MATCH_INPUT} characters in expression ${w}`);
      return compileMatchesRegex(toText(pattern), w).test(s);
    },
  },
};

const LIST_METHODS: Record<string, Method<unknown[]>> = {
  size: { arity: [0, 0], call: (list) => list.length },
  isEmpty: { arity: [0, 0], call: (list) => list.length === 0 },
  contains: { arity: [1, 1], call: (list, [x]) => list.some((item) => javaEquals(item, x)) },
  get: {
    arity: [1, 1],
    call: (list, [i], w) => {
      const index = javaIndex(i, w);
      if (index < 0 || index >= list.length) {
        throw new ExpressionEvaluationError(`Index ${index} is out of bounds for a list of size ${list.length} in expression ${w}`);
      }
      return readProperty(list, index, w);
    },
  },
};

type MapLike = Map<unknown, unknown> | Record<string, unknown>;
const mapKeys = (map: MapLike): unknown[] => (map instanceof Map ? [...map.keys()] : Object.keys(map));
const mapValues = (map: MapLike, w: string): unknown[] => mapKeys(map).map((key) => readProperty(map, key, w));

const MAP_METHODS: Record<string, Method<MapLike>> = {
  size: { arity: [0, 0], call: (map) => mapKeys(map).length },
  isEmpty: { arity: [0, 0], call: (map) => isEmpty(map) },
  containsKey: {
    arity: [1, 1],
    call: (map, [key]) => (map instanceof Map ? map.has(key) : (typeof key === "string" || typeof key === "number") && Object.hasOwn(map, String(key))),
  },
  containsValue: { arity: [1, 1], call: (map, [value], w) => mapValues(map, w).some((item) => javaEquals(item, value)) },
  get: { arity: [1, 1], call: (map, [key], w) => readProperty(map, key, w) },
};

function pick<T>(table: Record<string, Method<T>>, name: string, kind: string, where: string): Method<T> {
  if (!Object.hasOwn(table, name)) {
    const allowed = Object.keys(table).join(", ");
    throw new ExpressionEvaluationError(`Method '${name}' is not allowed on a ${kind} in expression ${where} (allowed: ${allowed})`);
  }
  return table[name];
}

export function callMethod(target: unknown, name: string, args: unknown[], where: string): unknown {
  assertAllowedName(name, where);
  let method: Method<any>;
  if (typeof target === "string") method = pick(STRING_METHODS, name, "string", where);
  else if (Array.isArray(target)) method = pick(LIST_METHODS, name, "list", where);
  else if (target instanceof Map || isPlainObject(target)) method = pick(MAP_METHODS, name, "map", where);
  else if (target === null || target === undefined) {
    throw new ExpressionEvaluationError(`Cannot call '${name}()' on null in expression ${where}`);
  } else {
    throw new ExpressionEvaluationError(`Cannot call '${name}()' on ${describeValue(target)} in expression ${where}`);
  }
  const [min, max] = method.arity;
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    throw new ExpressionEvaluationError(`Method '${name}' takes ${expected} argument(s), got ${args.length} in expression ${where}`);
  }
  return method.call(target, args, where);
}
