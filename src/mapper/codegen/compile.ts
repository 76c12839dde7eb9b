import { CodegenError } from '../../errors/codegen-error';

/**
 * Turns generated source into a function: the only `new Function` in Tessera. `source` is a function body
 * that returns the function; helpers arrive as named parameters so the source stays readable.
 */
export function compileFunction<F extends Function>(source: string, helpers: Readonly<Record<string, unknown>>): F {
  const names = Object.keys(helpers);
  let factory: Function;
  try {
    factory = new Function(...names, source);
  } catch (error) {
    throw CodegenError.compileFailed(source, error);
  }
  return factory(...names.map((n) => helpers[n])) as F;
}
