// Domain values ↔ GraphQL enum names. The domain uses lower-case words
// ('high-growth'); GraphQL enum values must be NAME_LIKE ('HIGH_GROWTH').
export const toGraphQLEnum = (value: string): string => value.toUpperCase().replace(/-/g, '_');
export const fromGraphQLEnum = <T extends string>(value: string): T => value.toLowerCase().replace(/_/g, '-') as T;
