/**
 * The one path search of Chainrule: is there a path `from → … → to` along edges? Used before an
 * edge is added (adding `source → target` closes a cycle exactly when a path `target → … → source`
 * exists), by the engine over its integer slots and by the app over document ids.
 */

/**
 * Finds a path from `from` to `to`, returned as the nodes along it (both ends included), or
 * `null`. Iterative depth-first search, so a 100,000-node chain cannot overflow the stack.
 * Generic over the node key: ids, or the engine's integer slots.
 * @param forEachSuccessor calls `visit` for every node one edge downstream of `node`.
 * @param mayReach optional pruning: `false` when `to` cannot be reached through `node`
 *   (the engine prunes by rank, since ranks grow along edges).
 * @example findPath('a', 'c', (n, visit) => next.get(n)?.forEach(visit)) // ['a', 'b', 'c']
 * @public
 */
export const findPath = <N>(
  from: N,
  to: N,
  forEachSuccessor: (node: N, visit: (next: N) => void) => void,
  mayReach?: (node: N) => boolean,
): N[] | null => {
  if (mayReach && !mayReach(from)) return null;
  const cameFrom = new Map<N, N | undefined>([[from, undefined]]);
  const stack: N[] = [from];
  let current: N = from;
  const visit = (next: N): void => {
    if (cameFrom.has(next) || (mayReach !== undefined && !mayReach(next))) return;
    cameFrom.set(next, current);
    stack.push(next);
  };
  while (stack.length > 0) {
    current = stack.pop()!;
    if (current === to) {
      const path: N[] = [];
      for (let at: N | undefined = current; at !== undefined; at = cameFrom.get(at)) {
        path.push(at);
        if (at === from) break;
      }
      return path.reverse();
    }
    forEachSuccessor(current, visit);
  }
  return null;
};
