/**
 * Whether the stylish format uses colours: `--color` / `--no-color` first, then FORCE_COLOR
 * (`0` or `false` off, anything else on, as chalk and Node read it), then NO_COLOR (any
 * non-empty value: off, see no-color.org), then whether the output is a terminal with colours.
 * @module
 */

/** The output stream's colour support, or null when the report goes to a file. */
export interface Terminal {
  isTTY?: boolean;
  hasColors?: () => boolean;
}

export function useColor(flag: boolean | undefined, env: Record<string, string | undefined>, out: Terminal | null): boolean {
  if (flag !== undefined) return flag;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env['NO_COLOR']) return false;
  if (!out || !out.isTTY) return false;
  return typeof out.hasColors === 'function' ? out.hasColors() : true;
}
