/** Stands in for `react-devtools-core` in the bundle: Ink loads it only when DEV=true, which we never ship. */
export default {
  initialize(): void {},
  connectToDevTools(): void {},
};
