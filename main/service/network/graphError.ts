/**
 * A model graph Convscope cannot run, or a call into one that does not fit it (wrong input dims,
 * an unknown tensor). One class for the whole network layer, so the CLI and the app can tell a bad
 * model from a crash; `node` names the node at fault when there is one.
 */
export class GraphError extends Error {
  constructor(
    message: string,
    readonly node?: string,
  ) {
    super(message);
    this.name = 'GraphError';
  }
}
