/**
 * Text a peer controls (an SNI, an ALPN name, a certificate's names, a server's answer) may carry
 * terminal escapes or line breaks: printed raw, it could clear the screen or forge report lines.
 * `printable` shows every control character as an escape (\x1b, \r, \n); `printableLines` keeps
 * the line breaks of a rendered report and escapes the rest.
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escaped(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

export function printable(text: string): string {
  return text.replace(CONTROLS, escaped);
}

export function printableLines(text: string): string {
  return text.replace(CONTROLS_BUT_LINES, escaped);
}
