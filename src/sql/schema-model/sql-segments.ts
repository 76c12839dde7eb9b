/** A run of SQL text: plain code, or one quoted token or comment that must not be read as code. */
export interface SqlSegment {
  readonly kind: 'code' | 'string' | 'identifier' | 'comment';
  readonly text: string;
}

const CLOSERS: Readonly<Record<string, string>> = { "'": "'", '"': '"', '`': '`', '[': ']' };

/**
 * Splits SQL text into code and the quoted strings, quoted identifiers and comments inside it, so that callers
 * can lowercase, match keywords or count parentheses in code only. A doubled closing quote stays inside its
 * token (`'it''s'`); an unterminated token runs to the end. Backslash escapes (MySQL strings) are not
 * honoured here: callers that need them parse the literal themselves.
 */
export function sqlSegments(sql: string): SqlSegment[] {
  const segments: SqlSegment[] = [];
  let code = '';
  let i = 0;
  const flush = () => {
    if (code) segments.push({ kind: 'code', text: code });
    code = '';
  };
  while (i < sql.length) {
    const ch = sql[i];
    const closer = CLOSERS[ch];
    if (closer) {
      let end = i + 1;
      for (;;) {
        end = sql.indexOf(closer, end);
        if (end === -1 || sql[end + 1] !== closer || closer === ']') break;
        end += 2;
      }
      const stop = end === -1 ? sql.length : end + 1;
      flush();
      segments.push({ kind: ch === "'" ? 'string' : 'identifier', text: sql.slice(i, stop) });
      i = stop;
    } else if ((ch === '-' && sql[i + 1] === '-') || (ch === '/' && sql[i + 1] === '*')) {
      const end = ch === '-' ? sql.indexOf('\n', i) : sql.indexOf('*/', i + 2);
      const stop = end === -1 ? sql.length : ch === '-' ? end : end + 2;
      flush();
      segments.push({ kind: 'comment', text: sql.slice(i, stop) });
      i = stop;
    } else {
      code += ch;
      i++;
    }
  }
  flush();
  return segments;
}

/**
 * Where the parenthesis opened at `open` closes, counting only parentheses in code; -1 if it never does.
 * Positions are offsets into the text the segments were made from.
 */
export function matchingParenthesis(segments: readonly SqlSegment[], open: number): number {
  let depth = 0;
  let offset = 0;
  for (const segment of segments) {
    if (segment.kind === 'code') {
      for (let i = 0; i < segment.text.length; i++) {
        const at = offset + i;
        if (at < open) continue;
        if (segment.text[i] === '(') depth++;
        else if (segment.text[i] === ')' && --depth === 0) return at;
      }
    }
    offset += segment.text.length;
  }
  return -1;
}
