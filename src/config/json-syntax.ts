/**
 * Where a JSON text stops being JSON, as a line and column, without quoting the text. V8's own messages
 * quote a slice of it (`Unexpected token 'o', ..."token": tok3n"... is not valid JSON`) and name no
 * position for that kind of error; a config file's text holds secrets, so neither message nor slice is shown.
 */

export interface JsonSyntaxPosition {
  /** 1-based. */
  line: number;
  /** 1-based, in characters. */
  column: number;
  /** True when the text is valid so far but ends too early. */
  atEnd: boolean;
}

/** The position of the first character JSON.parse rejects, or undefined when the text parses. */
export function jsonSyntaxErrorPosition(text: string): JsonSyntaxPosition | undefined {
  if (!parseError(text)) return undefined;
  if (!failsBeforeItsEnd(text)) return { ...lineAndColumn(text, text.length), atEnd: true };
  // A prefix that stops before the first bad character can only fail at its own end; every longer prefix
  // fails at that character. So the shortest prefix failing before its end ends just past it.
  let passes = 0;
  let fails = text.length;
  while (fails - passes > 1) {
    const middle = (passes + fails) >>> 1;
    if (failsBeforeItsEnd(text.slice(0, middle))) fails = middle;
    else passes = middle;
  }
  return { ...lineAndColumn(text, fails - 1), atEnd: false };
}

function parseError(text: string): Error | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

/**
 * False when the text parses or only runs out ("Unexpected end of JSON input", or a position at its
 * length: an unterminated string or number); true when a character inside it is wrong.
 */
function failsBeforeItsEnd(text: string): boolean {
  const error = parseError(text);
  if (!error) return false;
  if (/unexpected end/i.test(error.message)) return false;
  const position = /at position (\d+)/.exec(error.message)?.[1];
  return position === undefined || Number(position) < text.length;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}
