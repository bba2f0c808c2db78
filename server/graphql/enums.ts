// Domain values ↔ GraphQL enum names. The domain uses lower-case words
// ('high-growth'); GraphQL enum values must be NAME_LIKE ('HIGH_GROWTH').
// Typed both ways, so a resolver's enum values are checked against the schema.

/** 'high-growth' → 'HIGH_GROWTH' at the type level. */
export type EnumName<S extends string> = S extends `${infer A}-${infer B}` ? `${Uppercase<A>}_${EnumName<B>}` : Uppercase<S>;
/** 'HIGH_GROWTH' → 'high-growth' at the type level. */
export type DomainName<S extends string> = S extends `${infer A}_${infer B}` ? `${Lowercase<A>}-${DomainName<B>}` : Lowercase<S>;

export const toGraphQLEnum = <S extends string>(value: S): EnumName<S> => value.toUpperCase().replace(/-/g, '_') as EnumName<S>;
export function fromGraphQLEnum<S extends string>(value: S): DomainName<S>;
export function fromGraphQLEnum<T extends string>(value: string): T;
export function fromGraphQLEnum(value: string): string {
  return value.toLowerCase().replace(/_/g, '-');
}
