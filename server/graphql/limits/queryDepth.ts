// Query depth limit (a validation rule, static, so mercurius can cache the
// validated document): the deepest chain of nested selections, fragments
// followed, must not exceed MAX_QUERY_DEPTH. Introspection (__schema, __type)
// is not counted: the standard introspection query that GraphiQL and client
// libraries send nests `ofType` nine levels deep (depth 15) and is bounded.
// Replaces mercurius' `queryDepth` option, which counts introspection too.
import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';
import { AppError } from '../../domain/errors.js';

export function selectionDepth(
  set: SelectionSetNode,
  fragments: (name: string) => FragmentDefinitionNode | null | undefined,
  visiting = new Set<string>(),
): number {
  let deepest = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__')) continue;
      deepest = Math.max(deepest, 1 + (sel.selectionSet ? selectionDepth(sel.selectionSet, fragments, visiting) : 0));
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(sel.selectionSet, fragments, visiting));
    } else {
      const frag = fragments(sel.name.value);
      if (!frag || visiting.has(frag.name.value)) continue;
      visiting.add(frag.name.value);
      deepest = Math.max(deepest, selectionDepth(frag.selectionSet, fragments, visiting));
      visiting.delete(frag.name.value);
    }
  }
  return deepest;
}

export function queryDepthRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const depth = selectionDepth(node.selectionSet, (n) => context.getFragment(n));
      if (depth > maxDepth) {
        const error = new AppError(
          'QUERY_TOO_DEEP',
          `查询嵌套深度 ${depth} 超过上限 ${maxDepth}`,
          `query depth ${depth} exceeds the limit of ${maxDepth}`,
        );
        context.reportError(new GraphQLError(error.messageEn, { nodes: [node], originalError: error }));
      }
    },
  });
}
