// Mercurius loaders typed from the generated resolver types: a loader for
// Type.field receives the parents and arguments that field's resolver would,
// and returns one result per query. A schema change that breaks a loader
// fails `tsc` like one that breaks a resolver.
import type { MercuriusContext } from 'mercurius';
import type { ResolverFn, Resolvers } from './generated.js';

type FieldsOf<T extends keyof Resolvers> = NonNullable<Resolvers[T]>;
type Parts<R> = R extends ResolverFn<infer Result, infer Parent, MercuriusContext, infer Args> ? { result: Result; parent: Parent; args: Args } : never;

type LoaderFor<R> = (queries: { obj: Parts<R>['parent']; params: Parts<R>['args'] }[], context: MercuriusContext) => Promise<Parts<R>['result'][]>;

export type Loaders = {
  [T in keyof Resolvers]?: { [F in keyof FieldsOf<T>]?: LoaderFor<NonNullable<FieldsOf<T>[F]>> };
};
