/** Generated source and the helpers it names, before compilation. */
export interface EmittedFunction {
  readonly source: string;
  readonly helpers: Readonly<Record<string, unknown>>;
}

/** `e.name` where the property name is an identifier, `e["odd-name"]` otherwise. */
export function access(target: string, property: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(property) ? `${target}.${property}` : `${target}[${JSON.stringify(property)}]`;
}

/** A helper parameter name derived from a property, safe whatever the property is called. */
export function helperName(prefix: string, index: number, property: string): string {
  return `${prefix}${index}_${property.replace(/[^\w$]/g, '_')}`;
}
