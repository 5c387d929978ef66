// A module resolve hook that adds the "source" export condition, as `node --conditions=source`
// does: workspace packages then resolve to their TypeScript src/ instead of an unbuilt dist/.
export async function resolve(specifier, context, nextResolve) {
  const conditions = context.conditions.includes('source') ? context.conditions : [...context.conditions, 'source'];
  return nextResolve(specifier, { ...context, conditions });
}
