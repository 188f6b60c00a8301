/**
 * Where a JSON text stops being valid. JSON.parse's messages differ between engines and some
 * (V8's "Unexpected token") carry no position, so the error reply locates the spot itself.
 * Only called after JSON.parse failed; linear, no recursion (deep nesting cannot blow the stack).
 */

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Offset (UTF-16 index) of the first character a JSON parser rejects; text.length when it ends too early, -1 when valid. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const stack: ('{' | '[')[] = [];
  const skip = (): void => {
    while (i < text.length && WS.has(text[i]!)) i++;
  };
  const scalar = (): boolean => {
    const c = text[i];
    if (c === '"') return string();
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i)) return (i += lit.length), true;
    }
    NUMBER_RE.lastIndex = i;
    const m = NUMBER_RE.exec(text);
    if (!m) return false;
    i += m[0].length;
    return true;
  };
  const string = (): boolean => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) return i++, true;
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return (i = Math.min(i + 2, text.length)), false;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return (i += 1), false;
      } else i++;
    }
    return false;
  };
  // value := scalar | '{' members '}' | '[' elements ']'; after a value: ',' or a closer.
  skip();
  for (;;) {
    // Expecting a value.
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      skip();
      if (text[i] === (c === '{' ? '}' : ']')) {
        i++;
        stack.pop();
      } else {
        if (c === '{' && !key()) return i;
        continue;
      }
    } else if (!scalar()) return i;
    // After a value.
    for (;;) {
      skip();
      const open = stack[stack.length - 1];
      if (open === undefined) return i < text.length ? i : -1;
      const d = text[i];
      if (d === ',') {
        i++;
        skip();
        if (open === '{' && !key()) return i;
        break;
      }
      if (d === (open === '{' ? '}' : ']')) {
        i++;
        stack.pop();
        continue;
      }
      return i;
    }
  }

  function key(): boolean {
    if (text[i] !== '"' || !string()) return false;
    skip();
    if (text[i] !== ':') return false;
    i++;
    skip();
    return true;
  }
}

/** 1-based line and column of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
