// Static query cost (a validation rule): every selected field costs 1, and a
// list field multiplies what is selected below it by how many items it may
// return: its `first` or `limit` argument (literal, variable or schema
// default), for a connection's `edges` the connection's `first`, else
// DEFAULT_LIST_SIZE. Introspection (__schema, __type) is a
// fixed, bounded cost and is not counted. A query above the limit is refused
// with QUERY_TOO_COSTLY before anything runs.
// Duck-typed on purpose (type strings, schema lookups), not graphql's isListType /
// instanceof helpers: mercurius (CommonJS) and this module may load different
// copies of graphql, and the schema validated against is mercurius' copy.
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';
import { AppError } from '../../domain/errors.js';

/** Items assumed for a list field without a size argument (segments of a cluster, firms of a segment …). */
export const DEFAULT_LIST_SIZE = 10;
/** Arguments that set a list's size (and so the query's cost). */
export const SIZE_ARGS: readonly string[] = ['first', 'limit'];

export interface CostOptions {
  maxCost: number;
  variables?: Record<string, unknown> | null;
}

interface FieldLike {
  type: unknown;
  args: readonly { name: string; defaultValue?: unknown }[];
}
interface TypeLike {
  name: string;
  getFields?: () => Record<string, FieldLike>;
}

/** "[Firm!]!" → list; the named type is what remains without brackets and bangs. */
const isListTypeString = (t: string) => t.replace(/!$/, '').startsWith('[');
const namedTypeString = (t: string) => t.replace(/[[\]!]/g, '');

/** The field's own size argument (`first` / `limit`), or null when it has none. */
function sizeOf(field: FieldLike, node: FieldNode, variables: Record<string, unknown>): number | null {
  for (const name of SIZE_ARGS) {
    const def = field.args.find((a) => a.name === name);
    if (!def) continue;
    const arg = node.arguments?.find((a) => a.name.value === name);
    const value = arg ? literal(arg.value, variables) : undefined;
    const n = value ?? (typeof def.defaultValue === 'number' ? def.defaultValue : undefined);
    if (typeof n === 'number' && Number.isFinite(n)) return Math.max(0, Math.floor(n));
  }
  return null;
}

function literal(v: ValueNode, variables: Record<string, unknown>): number | undefined {
  if (v.kind === Kind.INT) return Number(v.value);
  if (v.kind === Kind.VARIABLE) {
    const x = variables[v.name.value];
    return typeof x === 'number' ? x : undefined;
  }
  return undefined;
}

/** Cost of a selection set on a parent type; fragments are followed (cycles count once: validation rejects them anyway). */
export function selectionCost(
  schema: GraphQLSchema,
  set: SelectionSetNode,
  parent: TypeLike,
  fragments: (name: string) => FragmentDefinitionNode | null | undefined,
  variables: Record<string, unknown>,
  visiting = new Set<string>(),
  /** A connection's `first`: the size of its `edges` list below. */
  connectionSize: number | null = null,
): number {
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const name = sel.name.value;
      if (name.startsWith('__')) continue;
      const field = parent.getFields?.()[name];
      if (!field) {
        total += 1;
        continue;
      }
      const typeString = String(field.type);
      const size = sizeOf(field, sel, variables);
      const isList = isListTypeString(typeString);
      const multiplier = isList ? (size ?? connectionSize ?? DEFAULT_LIST_SIZE) : 1;
      const named = schema.getType(namedTypeString(typeString)) as TypeLike | undefined;
      // A single-valued field with `first` is a connection: its edges list has that size.
      const below =
        sel.selectionSet && named ? selectionCost(schema, sel.selectionSet, named, fragments, variables, visiting, isList ? null : size) : 0;
      total += 1 + multiplier * below;
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const on = sel.typeCondition ? (schema.getType(sel.typeCondition.name.value) as TypeLike | undefined) : parent;
      if (on) total += selectionCost(schema, sel.selectionSet, on, fragments, variables, visiting, connectionSize);
    } else {
      const name = sel.name.value;
      const frag = fragments(name);
      if (!frag || visiting.has(name)) continue;
      const on = schema.getType(frag.typeCondition.name.value) as TypeLike | undefined;
      if (!on) continue;
      visiting.add(name);
      total += selectionCost(schema, frag.selectionSet, on, fragments, variables, visiting, connectionSize);
      visiting.delete(name);
    }
    if (total > Number.MAX_SAFE_INTEGER) return Number.MAX_SAFE_INTEGER;
  }
  return total;
}

/** The validation rule; `variables` are the request's (mercurius passes them to a validationRules function). */
export function queryCostRule({ maxCost, variables }: CostOptions) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const schema = context.getSchema();
      const root =
        node.operation === 'query' ? schema.getQueryType() : node.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
      if (!root) return;
      const cost = selectionCost(schema, node.selectionSet, root as unknown as TypeLike, (n) => context.getFragment(n), variables ?? {});
      if (cost > maxCost) {
        const error = new AppError(
          'QUERY_TOO_COSTLY',
          `查询开销 ${cost} 超过上限 ${maxCost}:请减少嵌套列表或 first / limit`,
          `query cost ${cost} exceeds the limit of ${maxCost}: select fewer nested lists or lower first / limit`,
        );
        context.reportError(new GraphQLError(error.messageEn, { nodes: [node], originalError: error }));
      }
    },
  });
}
