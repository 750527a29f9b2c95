// How a JSON text nests, read without parsing it: for text that is too deep to parse safely, or that may be cut short.

/**
 * One linear scan of `text` that skips what is inside strings: whether arrays and objects nest deeper than `max`
 * (it stops there), and whether the text ends inside an array, an object or a string.
 */
export function jsonNesting(
  text: string,
  max = Number.POSITIVE_INFINITY,
): { deeperThan: boolean; unfinished: boolean } {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      if (++depth > max) return { deeperThan: true, unfinished: true };
    } else if (c === ']' || c === '}') depth--;
  }
  return { deeperThan: false, unfinished: inString || depth > 0 };
}

/** Whether `text` is the start of a JSON object or array that never closes (an answer cut short). */
export function endsMidJson(text: string): boolean {
  const start = text.trimStart()[0];
  return (start === '{' || start === '[') && jsonNesting(text).unfinished;
}
